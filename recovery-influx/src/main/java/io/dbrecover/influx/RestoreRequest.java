package io.dbrecover.influx;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ServerOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code dbrecover influx restore} is asked to do: lay an old InfluxDB 1.x server directory ({@code data/},
 * {@code wal/}, {@code meta/} when there) out in a new one owned by the server's user, rebuild what is missing
 * (index, series files, meta store), prove it through a throwaway influxd, and say what to point the real server at.
 *
 * @param from        the old server directory (e.g. a copy of {@code /var/lib/influxdb}), only read
 * @param into        the new server directory; must be empty (or hold an earlier run of the same request), neither
 *                    inside {@code from} nor containing it
 * @param workDir     where the run's journal, inventories and {@code report.json} go, or {@code null} for
 *                    {@code into}
 * @param strategy    how the index is rebuilt
 * @param inspectTool the engine's own index tool, or {@code null} to look for it
 * @param server      options of the throwaway servers (binaries, user)
 * @param progress    progress reporting
 */
public record RestoreRequest(Path from, Path into, Path workDir, RebuildRequest.Strategy strategy, Path inspectTool,
                             ServerOptions server, ProgressListener progress) {
    public RestoreRequest {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(progress, "progress");
        if (from == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "RestoreRequest.from is missing")
                    .hint("name the old server directory, the one holding data/ and wal/").build();
        }
        if (into == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "RestoreRequest.into is missing")
                    .hint("name an empty directory for the new server directory").build();
        }
    }

    /** A request builder; {@code from} and {@code into} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RestoreRequest}. */
    public static final class Builder {
        private Path from;
        private Path into;
        private Path workDir;
        private RebuildRequest.Strategy strategy = RebuildRequest.Strategy.AUTO;
        private Path inspectTool;
        private ServerOptions server = ServerOptions.defaults();
        private ProgressListener progress = ProgressListener.NONE;

        public Builder from(Path value) {
            from = value;
            return this;
        }

        public Builder into(Path value) {
            into = value;
            return this;
        }

        public Builder workDir(Path value) {
            workDir = value;
            return this;
        }

        public Builder strategy(RebuildRequest.Strategy value) {
            strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        public Builder inspectTool(Path value) {
            inspectTool = value;
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
            return new RestoreRequest(from, into, workDir, strategy, inspectTool, server, progress);
        }
    }
}
