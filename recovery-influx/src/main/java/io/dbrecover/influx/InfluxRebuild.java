package io.dbrecover.influx;

import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.influx.rebuild.IndexRebuild;
import io.dbrecover.influx.rebuild.RebuildInput;
import io.dbrecover.influx.server.InfluxServerProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * A lost TSI index (or meta store) rebuilt, as a library call: the same as {@code dbrecover influx rebuild-index}
 * and {@code dbrecover influx restore}.
 *
 * <pre>{@code
 * RecoveryReport report = InfluxRebuild.rebuildIndex(RebuildRequest.builder()
 *         .dataDir(Path.of("/mnt/old/influxdb/data")).walDir(Path.of("/mnt/old/influxdb/wal"))
 *         .out(Path.of("/srv/influxdb-rebuilt"))
 *         .build());
 * }</pre>
 *
 * <p>The sources are only read: the result is a new server directory ({@code meta/}, {@code data/}, {@code wal/})
 * in {@code out}, made either by the engine's own {@code influx_inspect buildtsi} on a copy, run as the data's owner,
 * or by writing every point the readers find in the TSM files and WAL into a fresh throwaway influxd with the
 * {@code tsi1} index (replay). Either way a throwaway influxd is then started on the result, and the report is
 * {@code VERIFIED} only when it opened every shard with the {@code tsi1} index and answers, per database and
 * measurement, the numbers the files give; any difference is a failed verification (exit code 4). The run is
 * journaled in the work dir (by default {@code out}): a second call resumes.
 */
public final class InfluxRebuild {
    private InfluxRebuild() {
    }

    /** Rebuilds the index of a data directory into a new server directory. */
    public static RecoveryReport rebuildIndex(RebuildRequest request) {
        return rebuildIndex(request, new InfluxServerProvider());
    }

    /** Rebuilds with throwaway servers from the given provider. */
    public static RecoveryReport rebuildIndex(RebuildRequest r, InfluxServerProvider provider) {
        return IndexRebuild.run(new RebuildInput("rebuild-index", null, r.dataDir(), r.walDir(), r.metaDir(),
                r.out(), r.workDir(), strategy(r.strategy()), r.inspectTool(), r.server(), r.progress(), Map.of()),
                provider);
    }

    /**
     * Lays an old server directory out in a new one owned by the server's user, rebuilds what is missing, proves it,
     * and names (as the finding {@code POINT_SERVER_HERE}) the configuration lines for the real server.
     */
    public static RecoveryReport restore(RestoreRequest request) {
        return restore(request, new InfluxServerProvider());
    }

    /** Restores with throwaway servers from the given provider. */
    public static RecoveryReport restore(RestoreRequest r, InfluxServerProvider provider) {
        Path from = r.from();
        Path wal = from.resolve("wal");
        return IndexRebuild.run(new RebuildInput("restore", from, from.resolve("data"),
                java.nio.file.Files.isDirectory(wal) ? wal : null, null, r.into(), r.workDir(),
                strategy(r.strategy()), r.inspectTool(), r.server(), r.progress(), Map.of()), provider);
    }

    private static RebuildInput.Strategy strategy(RebuildRequest.Strategy s) {
        return RebuildInput.Strategy.valueOf(s.name());
    }
}
