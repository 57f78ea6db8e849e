package io.dbrecover.core.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary directories of throwaway servers. */
public final class TempDirs {
    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    /**
     * Creates a fresh directory {@code dbrecover-<prefix>-*} under {@code base} (or the system temp dir),
     * readable by other users so that a server running as another user can reach its own sub-directories.
     */
    public static Path create(Path base, String prefix) {
        try {
            Path parent = base == null ? Path.of(System.getProperty("java.io.tmpdir")) : base;
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, "dbrecover-" + prefix + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create a temporary directory: " + e.getMessage())
                    .path(base).hint("check free space and permissions of the temp dir").cause(e).build();
        }
    }

    /** Deletes a tree, not following links; logs rather than throws, since it runs in close(). */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
