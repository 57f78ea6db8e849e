package io.dbrecover.postgres;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code dbrecover postgres restore} is asked to do: lay a base backup out in a new directory, replay WAL from
 * the archive to a target, and prove the result through a throwaway server.
 *
 * @param backup          the base backup (a plain data directory copy or the tar files of {@code pg_basebackup -Ft}),
 *                        only read
 * @param walArchive      the WAL archive to replay from (only read), or {@code null} to replay only the WAL inside
 *                        the backup
 * @param into            the new directory: must be empty or new, outside the backup and the archive; the data
 *                        directory goes to {@code into/data}, tablespaces to {@code into/tablespaces/<oid>} unless
 *                        mapped, the run's journal, inventories and {@code report.json} to {@code into}
 * @param target          where the replay stops
 * @param exclusive       stop just before the target instead of just after it ({@code recovery_target_inclusive=off})
 * @param tablespaceMap   where a tablespace (by OID) goes instead of {@code into/tablespaces/<oid>}; each an empty or
 *                        new directory
 * @param port            the port of the throwaway server on 127.0.0.1, 0 for a free one
 * @param keepRunning     leave the server running after the proof (the caller stops it with
 *                        {@link PostgresRestore.Restored#close()})
 * @param recoveryTimeout how long WAL replay may take
 * @param server          options of the throwaway server (binaries, user)
 * @param progress        progress reporting
 */
public record RestoreRequest(Path backup, Path walArchive, Path into, RestoreTarget target, boolean exclusive,
                             Map<String, Path> tablespaceMap, int port, boolean keepRunning, Duration recoveryTimeout,
                             ServerOptions server, ProgressListener progress) {
    public RestoreRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(recoveryTimeout, "recoveryTimeout");
        tablespaceMap = Map.copyOf(tablespaceMap);
        if (backup == null) {
            throw usage("RestoreRequest.backup is missing", "name the base backup's directory");
        }
        if (into == null) {
            throw usage("RestoreRequest.into is missing", "name an empty or new directory for the restored cluster");
        }
        for (String oid : tablespaceMap.keySet()) {
            if (!oid.matches("[1-9][0-9]{0,9}")) {
                throw usage("RestoreRequest.tablespaceMap: '" + oid + "' is not a tablespace OID", "give the number "
                        + "of pg_tblspc/<oid> or <oid>.tar, e.g. 16384=/srv/ts1");
            }
        }
        if (port < 0 || port > 65535) {
            throw usage("RestoreRequest.port " + port + " is not a TCP port", "give 1 to 65535, or 0 for a free one");
        }
        if (exclusive && (target.kind() == RestoreTarget.Kind.IMMEDIATE
                || target.kind() == RestoreTarget.Kind.LATEST)) {
            throw usage("RestoreRequest.exclusive needs a target time, LSN, transaction id or name", "leave it off "
                    + "for the target " + target.describe());
        }
    }

    /** A request builder; {@code backup} and {@code into} are required, the target is {@code latest} by default. */
    public static Builder builder() {
        return new Builder();
    }

    private static RecoveryException usage(String message, String hint) {
        return RecoveryException.of(ErrorCode.USAGE, message).hint(hint).build();
    }

    /** Builder for {@link RestoreRequest}. */
    public static final class Builder {
        private Path backup;
        private Path walArchive;
        private Path into;
        private RestoreTarget target = RestoreTarget.latest();
        private boolean exclusive;
        private final Map<String, Path> tablespaceMap = new LinkedHashMap<>();
        private int port;
        private boolean keepRunning;
        private Duration recoveryTimeout = Duration.ofHours(2);
        private ServerOptions server = ServerOptions.defaults();
        private ProgressListener progress = ProgressListener.NONE;

        public Builder backup(Path value) {
            backup = value;
            return this;
        }

        public Builder walArchive(Path value) {
            walArchive = value;
            return this;
        }

        public Builder into(Path value) {
            into = value;
            return this;
        }

        public Builder target(RestoreTarget value) {
            target = Objects.requireNonNull(value, "target");
            return this;
        }

        public Builder exclusive(boolean value) {
            exclusive = value;
            return this;
        }

        /** Puts the tablespace with this OID into {@code dir} instead of {@code into/tablespaces/<oid>}. */
        public Builder tablespace(String oid, Path dir) {
            tablespaceMap.put(Objects.requireNonNull(oid, "oid"), Objects.requireNonNull(dir, "dir"));
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder keepRunning(boolean value) {
            keepRunning = value;
            return this;
        }

        public Builder recoveryTimeout(Duration value) {
            recoveryTimeout = Objects.requireNonNull(value, "recoveryTimeout");
            return this;
        }

        public Builder server(ServerOptions value) {
            server = Objects.requireNonNull(value, "server");
            return this;
        }

        public Builder progress(ProgressListener value) {
            progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        public RestoreRequest build() {
            return new RestoreRequest(backup, walArchive, into, target, exclusive, tablespaceMap, port, keepRunning,
                    recoveryTimeout, server, progress);
        }
    }
}
