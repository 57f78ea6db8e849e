package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.verify.InfluxProof;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A rebuild as the face's requests describe it ({@code RebuildRequest}, {@code RestoreRequest}), checked already.
 *
 * @param operation   {@code rebuild-index} or {@code restore}, in the report
 * @param from        for a restore, the old server directory (the one source); {@code null} for a rebuild
 * @param dataDir     the data directory read
 * @param walDir      the WAL directory read, or {@code null}
 * @param metaDir     the directory of the original {@code meta.db}, or {@code null} (then looked for next to
 *                    {@code dataDir})
 * @param out         the new server directory
 * @param workDir     the run's directory (journal, report), or {@code null} for {@code out}
 * @param strategy    how the index is rebuilt
 * @param inspectTool the engine's index tool named by the request, or {@code null}
 * @param server      options of the throwaway servers
 * @param progress    progress reporting
 * @param baseline    proofs taken on the server before the disaster, by database ({@code InfluxProof.collect}),
 *                    compared in full (ordered hashes of every point included) besides the files' numbers; may be
 *                    empty
 */
public record RebuildInput(String operation, Path from, Path dataDir, Path walDir, Path metaDir, Path out,
                           Path workDir, Strategy strategy, Path inspectTool, ServerOptions server,
                           ProgressListener progress, Map<String, InfluxProof> baseline) {
    /** How the index is rebuilt (the face's {@code RebuildRequest.Strategy}). */
    public enum Strategy {
        AUTO, BUILDTSI, REPLAY
    }

    public RebuildInput {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(progress, "progress");
        baseline = Map.copyOf(baseline);
    }

    /** Whether this is a restore (config lines for the real server at the end). */
    boolean restore() {
        return from != null;
    }

    /** The run's directory. */
    Path runDir() {
        return workDir != null ? workDir : out;
    }
}
