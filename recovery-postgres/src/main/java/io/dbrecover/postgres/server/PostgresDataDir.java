package io.dbrecover.postgres.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An existing PostgreSQL data directory a throwaway server is to start on (checked for links and hard-linked files
 * by {@link io.dbrecover.core.spi.server.ServerBase}): it must be one (PG_VERSION), of the
 * programs' major version, and not in use; a copy's stale {@code postmaster.pid} is removed and the directory is
 * given to the server's user with mode 0700, as {@code postgres} demands.
 */
final class PostgresDataDir {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDataDir.class);

    private final Path dataDir;
    private final Path binDir;
    private final PostgresVersion binaryVersion;

    PostgresDataDir(Path dataDir, Path binDir, PostgresVersion binaryVersion) {
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.binaryVersion = binaryVersion;
    }

    /** Checks the directory and makes it the server's; {@code user} is whom the server runs as, if not us. */
    void prepare(Optional<OsUsers.OsUser> user) {
        Path pgVersion = dataDir.resolve("PG_VERSION");
        String major;
        try {
            major = Files.readString(pgVersion, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "not a PostgreSQL data directory (cannot read "
                            + pgVersion + ": " + e.getMessage() + ")")
                    .path(dataDir).hint("name the directory that holds PG_VERSION, base/ and global/").cause(e).build();
        }
        if (!major.equals(binaryVersion.major())) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "the data directory " + dataDir
                            + " is PostgreSQL " + major + " but the programs in " + binDir + " are PostgreSQL "
                            + binaryVersion.text() + "; a server only opens data directories of its own major version")
                    .path(dataDir).hint("install PostgreSQL " + major + " (Debian package postgresql-" + major
                            + ") and set " + PostgresBinaries.ENV_VAR + " to its bin directory").build();
        }
        removeStalePid();
        try {
            user.ifPresent(u -> OsUsers.chownTree(dataDir, u));
            // postgres refuses a data directory that others can read
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "cannot set the mode of " + dataDir + " to 0700: "
                    + e.getMessage()).path(dataDir).hint("run as the directory's owner or as root").cause(e).build();
        }
    }

    /** A copied data directory carries the pid file of the server it was copied from; postgres would refuse it. */
    private void removeStalePid() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            Optional<Long> pid = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0));
            boolean sameDir = lines.size() > 1 && sameDir(lines.get(1));
            if (pid.isPresent() && sameDir && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                throw RecoveryException.of(ErrorCode.USAGE, "a PostgreSQL server (pid " + pid.get()
                                + ") is running on " + dataDir)
                        .path(dataDir).hint("stop that server, or start the throwaway server on a copy").build();
            }
            Files.delete(pidFile);
            LOG.info("removed the stale postmaster.pid of {} (pid {})", dataDir, pid.map(String::valueOf).orElse("?"));
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot remove the stale " + pidFile + ": " + e.getMessage())
                    .path(pidFile).cause(e).build();
        }
    }

    private boolean sameDir(String recorded) {
        try {
            return Path.of(recorded.trim()).toAbsolutePath().normalize().equals(dataDir);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
