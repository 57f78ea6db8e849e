package io.dbrecover.mysql.datadir;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.mysql.scan.Scan;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the definition files under the paths of a {@code mysql ddl} / {@code mysql recover} scan, and names every
 * entry it does not read and why: nothing named like a definition file is passed over in silence.
 *
 * <ul>
 *   <li>Symbolic links (a database directory kept elsewhere, as MySQL allows; a linked file) are followed and
 *       named ({@link Scan.Link}); a link that leads back into the tree, or nowhere, is named and not followed.
 *   <li>A FIFO, device, socket or directory named {@code *.frm}, {@code *.ibd}, {@code *.TRG} becomes a failed item
 *       and is never opened: reading a FIFO waits for a writer forever.
 *   <li>An entry that cannot be listed or read says why ("permission denied").
 * </ul>
 */
final class SourceWalk {
    final Set<Path> files = new LinkedHashSet<>();
    final List<Scan.Item> failures = new ArrayList<>();
    final List<Scan.Link> links = new ArrayList<>();

    /** Walks one path (a file or a directory tree). */
    void walk(Path root) {
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            link(dir, true, null);
                            Scan.Kind kind = DefinitionFiles.kindOf(dir);
                            if (kind != null) {
                                failures.add(Scan.Item.failed(dir, kind, databaseOf(dir),
                                        SourceFiles.notAFile(dir, SourceFiles.Kind.DIRECTORY, what(dir))));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            Scan.Kind kind = DefinitionFiles.kindOf(file);
                            boolean isLink = SourceFiles.kind(file) == SourceFiles.Kind.SYMLINK;
                            if (attrs.isSymbolicLink()) {
                                // following gave the link itself: it leads nowhere
                                link(file, false, "it leads nowhere (" + SourceFiles.linkTarget(file)
                                        + " does not exist)");
                                if (kind != null) {
                                    failures.add(Scan.Item.failed(file, kind, databaseOf(file),
                                            RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, file + ": a symbolic "
                                                    + "link to " + SourceFiles.linkTarget(file) + ", which does "
                                                    + "not exist").path(file).build()));
                                }
                                return FileVisitResult.CONTINUE;
                            }
                            if (kind == null) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (isLink) {
                                link(file, true, null);
                            }
                            if (attrs.isRegularFile()) {
                                files.add(file);
                            } else {
                                failures.add(Scan.Item.failed(file, kind, databaseOf(file), SourceFiles
                                        .notAFile(file, SourceFiles.kindFollowingLinks(file), what(file))));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                link(file, false, "it leads back to " + SourceFiles.linkTarget(file)
                                        + ", a directory already being read");
                                return FileVisitResult.CONTINUE;
                            }
                            Scan.Kind kind = DefinitionFiles.kindOf(file);
                            failures.add(Scan.Item.failed(file, kind == null ? Scan.Kind.TABLE : kind,
                                    databaseOf(file), SourceFiles.cannotRead(file, e)));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            failures.add(Scan.Item.failed(root, Scan.Kind.TABLE, "", SourceFiles.cannotRead(root, e)));
        }
    }

    private void link(Path path, boolean followed, String why) {
        if (SourceFiles.kind(path) != SourceFiles.Kind.SYMLINK) {
            return;
        }
        Path resolved;
        try {
            resolved = followed ? path.toRealPath() : null;
        } catch (IOException e) {
            resolved = null;
        }
        links.add(new Scan.Link(path, SourceFiles.linkTarget(path), resolved, followed, why == null ? "" : why));
    }

    private static String databaseOf(Path file) {
        Path dir = file.getParent();
        return dir == null || dir.getFileName() == null ? "" : DefinitionFiles.databaseName(dir);
    }

    private static String what(Path file) {
        String name = String.valueOf(file.getFileName());
        return name.substring(name.lastIndexOf('.')) + " file";
    }
}
