package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjLongConsumer;

/**
 * Copies a directory of a source (a data directory, a server directory) into the work dir, file by file through
 * {@link EvidenceWorkspace#copyIn(Path, String)}, so nothing is ever written into the source. Empty directories are
 * recreated: engines expect them (an empty database is an empty directory; PostgreSQL needs {@code pg_notify}).
 * Sockets and other special files are left out and listed. Symbolic links are never followed: a link copied as is
 * would let a server write through it into the source, so they are refused or skipped as the caller chooses.
 */
public final class TreeCopy {
    /** What to do with a symbolic link inside the tree. */
    public enum Links {
        /** Fail with {@link ErrorCode#UNSUPPORTED_FORMAT}, naming the link (data dirs: tablespaces kept elsewhere). */
        REFUSE,
        /** Leave it out and list it in {@link Result#skipped()}. */
        SKIP
    }

    /**
     * What was copied.
     *
     * @param target      the copy, under the work dir
     * @param files       regular files copied
     * @param directories directories created (the top one included)
     * @param bytes       bytes copied
     * @param skipped     what was left out, relative to the source directory, with the reason in parentheses
     */
    public record Result(Path target, int files, int directories, long bytes, List<String> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    private TreeCopy() {
    }

    /**
     * Copies {@code sourceDir} (a source of the workspace or a directory inside one) to
     * {@code <workdir>/<targetRelative>}.
     *
     * @param linkHint what to tell the user when a link is refused (e.g. how to put tablespaces in place)
     * @param onFile   called with each copied file (source path) and its size, e.g. to count WAL files; may be null
     */
    public static Result copy(EvidenceWorkspace workspace, Path sourceDir, String targetRelative, Links links,
                              String linkHint, ObjLongConsumer<Path> onFile, ProgressListener progress) {
        Path from = realDirectory(sourceDir);
        Path target = workspace.dir(targetRelative);
        int[] counts = new int[2];
        long[] bytes = new long[1];
        List<String> skipped = new ArrayList<>();
        try (ProgressListener.Task task = progress.begin("copying " + from.getFileName(), sizeOf(from), "B")) {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    workspace.dir(targetOf(dir));
                    counts[1]++;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = from.relativize(file).toString();
                    if (attrs.isSymbolicLink()) {
                        if (links == Links.REFUSE) {
                            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the directory " + from
                                            + " holds a symbolic link, " + rel + " -> " + Files.readSymbolicLink(file)
                                            + ", which dbrecover does not follow")
                                    .path(file).hint(linkHint).build();
                        }
                        skipped.add(rel + " (link)");
                        return FileVisitResult.CONTINUE;
                    }
                    if (!attrs.isRegularFile()) {
                        skipped.add(rel + " (special file)");
                        return FileVisitResult.CONTINUE;
                    }
                    workspace.copyIn(file, targetOf(file));
                    counts[0]++;
                    bytes[0] += attrs.size();
                    task.advance(attrs.size());
                    if (onFile != null) {
                        onFile.accept(file, attrs.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    throw exc;
                }

                private String targetOf(Path p) {
                    Path rel = from.relativize(p);
                    return rel.toString().isEmpty() ? targetRelative : targetRelative + "/" + rel;
                }
            });
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot copy " + from + ": " + e.getMessage()).path(from)
                    .hint("check that every file of the source is readable and that the work dir has room").cause(e)
                    .build();
        }
        return new Result(target, counts[0], counts[1], bytes[0], skipped);
    }

    private static Path realDirectory(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            // the top directory may be reached through a link (/var/lib/mysql -> /data/mysql): the workspace knows
            // its sources by their real paths
            Path real = abs.toRealPath();
            if (Files.isDirectory(real)) {
                return real;
            }
        } catch (IOException e) {
            // reported below
        }
        throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "not a directory: " + abs).path(abs)
                .hint("name the directory itself").build();
    }

    private static long sizeOf(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
