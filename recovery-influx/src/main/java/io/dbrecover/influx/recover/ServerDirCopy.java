package io.dbrecover.influx.recover;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Copies an InfluxDB server directory (a source) into the work dir through {@link EvidenceWorkspace#copyIn}, so the
 * source is only read and every write is checked to land outside the sources. Directories are recreated even when
 * empty (an empty {@code wal/<db>/<rp>/<shard>} or {@code index/} is part of the layout); links are not followed
 * and not copied, but listed, since one could point anywhere.
 */
public final class ServerDirCopy {
    private ServerDirCopy() {
    }

    /**
     * What was copied.
     *
     * @param target      the copy's root in the work dir
     * @param directories directories created
     * @param files       regular files copied
     * @param bytes       bytes copied
     * @param tsmFiles    {@code *.tsm} files among them (data snapshotted out of the cache)
     * @param walFiles    {@code *.wal} files among them
     * @param walBytes    bytes of WAL files
     * @param skipped     what was left out (links, special files), relative to the source
     */
    public record Result(Path target, long directories, long files, long bytes, long tsmFiles, long walFiles,
                         long walBytes, List<String> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    /** Copies the tree under {@code source} (a source of the workspace) to {@code relativeTarget} in the work dir. */
    public static Result copy(EvidenceWorkspace ws, Path source, String relativeTarget) {
        Path root;
        try {
            // the workspace knows its sources by their real paths
            root = source.toRealPath();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "cannot read " + source + ": " + e.getMessage())
                    .path(source).cause(e).build();
        }
        Path target = ws.dir(relativeTarget);
        long[] n = new long[6];
        List<String> skipped = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    ws.dir(relative(dir));
                    n[0]++;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(file);
                    if (!attrs.isRegularFile()) {
                        skipped.add(root.relativize(file) + (attrs.isSymbolicLink() ? " (link)" : " (special file)"));
                        return FileVisitResult.CONTINUE;
                    }
                    ws.copyIn(file, rel);
                    n[1]++;
                    n[2] += attrs.size();
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (name.endsWith(".tsm")) {
                        n[3]++;
                    } else if (name.endsWith(".wal")) {
                        n[4]++;
                        n[5] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    throw exc;
                }

                private String relative(Path p) {
                    Path rel = root.relativize(p);
                    return rel.toString().isEmpty() ? relativeTarget : relativeTarget + "/" + rel;
                }
            });
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot copy " + root + ": " + e.getMessage()).path(root)
                    .hint("check that every file of the source is readable and the work dir has room").cause(e)
                    .build();
        }
        return new Result(target, n[0], n[1], n[2], n[3], n[4], n[5], skipped);
    }
}
