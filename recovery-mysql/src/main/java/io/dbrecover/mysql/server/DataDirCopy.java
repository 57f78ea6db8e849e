package io.dbrecover.mysql.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a MariaDB data directory of a source into the work dir, for a throwaway server to start on: file by file
 * through {@link EvidenceWorkspace#copyIn(Path, String)} (so nothing is ever written into the source), empty
 * directories included (an empty database is an empty directory).
 *
 * <p>Symbolic links are refused rather than copied: in a data directory they point at databases or tablespaces
 * kept elsewhere, and a link copied as is would let the server write through it into the source. Sockets and
 * other special files (the old server's {@code mysql.sock}) are left out and listed.
 */
public final class DataDirCopy {
    private DataDirCopy() {
    }

    /**
     * What was copied.
     *
     * @param target      the copy, under the work dir
     * @param files       regular files copied
     * @param directories directories created (the top one included)
     * @param bytes       bytes copied
     * @param skipped     special files left out, relative to the source directory
     */
    public record Result(Path target, int files, int directories, long bytes, List<String> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Copies {@code sourceDir} (a directory inside one of the workspace's sources, or one itself) to
     * {@code <workdir>/<targetRelative>}.
     */
    public static Result copy(EvidenceWorkspace workspace, Path sourceDir, String targetRelative,
                              ProgressListener progress) {
        Path from = realDirectory(sourceDir);
        Path target = workspace.dir(targetRelative);
        long total = sizeOf(from);
        int[] counts = new int[2];
        long[] bytes = new long[1];
        List<String> skipped = new ArrayList<>();
        try (ProgressListener.Task task = progress.begin("copying " + from.getFileName(), total, "B")) {
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
                        throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the data directory holds a "
                                        + "symbolic link, " + rel + " -> " + Files.readSymbolicLink(file)
                                        + "; databases and tablespaces kept outside it are not handled yet")
                                .path(file).hint("in a copy of the data directory, replace the link by the "
                                        + "directory or file it points to, and recover from that copy").build();
                    }
                    if (!attrs.isRegularFile()) {
                        skipped.add(rel);
                        return FileVisitResult.CONTINUE;
                    }
                    workspace.copyIn(file, targetOf(file));
                    counts[0]++;
                    bytes[0] += attrs.size();
                    task.advance(attrs.size());
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
                    .hint("check that the source is readable (run as root or its owner)").cause(e).build();
        }
        return new Result(target, counts[0], counts[1], bytes[0], skipped);
    }

    private static Path realDirectory(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            // the top directory itself may be reached through a link (/var/lib/mysql -> /data/mysql)
            Path real = abs.toRealPath();
            if (Files.isDirectory(real)) {
                return real;
            }
        } catch (IOException e) {
            // reported below
        }
        throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "not a directory: " + abs).path(abs)
                .hint("name the data directory itself (the one holding ibdata1 and the database directories)").build();
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
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }
}
