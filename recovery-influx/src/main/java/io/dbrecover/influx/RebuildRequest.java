package io.dbrecover.influx;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ServerOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code dbrecover influx rebuild-index} is asked to do: make a fresh InfluxDB 1.x server directory with a
 * fresh TSI index from a data directory whose index ({@code index/}, {@code _series}) or meta store is lost.
 *
 * @param dataDir     the data directory ({@code data/<db>/<rp>/<shard>}), only read
 * @param walDir      the WAL directory ({@code wal/<db>/<rp>/<shard>}), only read; may be {@code null} when there
 *                    is none
 * @param metaDir     the directory of the original {@code meta.db}, only read, or {@code null}: then
 *                    {@code <dataDir>/../meta} when it holds a {@code meta.db}, else the meta store is recreated
 *                    from the directory tree
 * @param out         where the result goes ({@code meta/}, {@code data/}, {@code wal/}); must be empty (or hold an
 *                    earlier run of the same request, which is resumed) and outside every source
 * @param workDir     where the run's journal, inventories and {@code report.json} go, or {@code null} for
 *                    {@code out}
 * @param strategy    how the index is rebuilt
 * @param inspectTool the engine's own tool ({@code influx_inspect}, or {@code influxd} of 2.x) for
 *                    {@link Strategy#BUILDTSI}, or {@code null} to look for it ({@value #INSPECT_ENV}, then PATH)
 * @param server      options of the throwaway servers (binaries, user)
 * @param progress    progress reporting
 */
public record RebuildRequest(Path dataDir, Path walDir, Path metaDir, Path out, Path workDir, Strategy strategy,
                             Path inspectTool, ServerOptions server, ProgressListener progress) {
    /** The environment variable that names the engine's own index tool when no request field does. */
    public static final String INSPECT_ENV = "DBRECOVER_INFLUX_INSPECT";

    /** How the index is rebuilt. */
    public enum Strategy {
        /** {@link #BUILDTSI} when the engine's tool is found and the meta store is there, else {@link #REPLAY}. */
        AUTO,
        /** The engine's own tool on a copy: {@code influx_inspect buildtsi} (1.x), {@code influxd inspect build-tsi}
         * (2.x). */
        BUILDTSI,
        /** Every point read from the files and written into a fresh throwaway influxd with a TSI index. */
        REPLAY
    }

    public RebuildRequest {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(progress, "progress");
        if (dataDir == null) {
            throw usage("RebuildRequest.dataDir is missing", "name the data directory (e.g. /var/lib/influxdb/data)");
        }
        if (out == null) {
            throw usage("RebuildRequest.out is missing", "name an empty directory for the rebuilt server directory");
        }
    }

    /** A request builder; {@code dataDir} and {@code out} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The directory of the run's journal and report. */
    public Path runDir() {
        return workDir != null ? workDir : out;
    }

    private static RecoveryException usage(String message, String hint) {
        return RecoveryException.of(ErrorCode.USAGE, message).hint(hint).build();
    }

    /** Builder for {@link RebuildRequest}. */
    public static final class Builder {
        private Path dataDir;
        private Path walDir;
        private Path metaDir;
        private Path out;
        private Path workDir;
        private Strategy strategy = Strategy.AUTO;
        private Path inspectTool;
        private ServerOptions server = ServerOptions.defaults();
        private ProgressListener progress = ProgressListener.NONE;

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder walDir(Path value) {
            walDir = value;
            return this;
        }

        public Builder metaDir(Path value) {
            metaDir = value;
            return this;
        }

        public Builder out(Path value) {
            out = value;
            return this;
        }

        public Builder workDir(Path value) {
            workDir = value;
            return this;
        }

        public Builder strategy(Strategy value) {
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

        public RebuildRequest build() {
            return new RebuildRequest(dataDir, walDir, metaDir, out, workDir, strategy, inspectTool, server,
                    progress);
        }
    }
}
