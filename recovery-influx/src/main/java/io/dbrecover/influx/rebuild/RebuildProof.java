package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.shard.FileProof;
import io.dbrecover.influx.verify.InfluxProof;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The proof after every rebuild: a throwaway influxd started on the result (as the user that owns it), which must
 * have opened every shard with the {@code tsi1} index (its log says so, shard by shard), and which must answer, per
 * database and measurement, the numbers the files give (measurements, series, field types, points and values per
 * field; {@link InfluxProof#compare}). Anything else is a failed verification: exit code 4.
 *
 * <p>The ordered hashes of the points are not in the files' numbers (they are the server's rendering): they are left
 * out of the comparison, and the report says so.
 */
final class RebuildProof {
    private final InfluxServerProvider provider;
    private final ServerOptions server;

    RebuildProof(InfluxServerProvider provider, ServerOptions server) {
        this.provider = provider;
        this.server = server;
    }

    void run(StepContext ctx, SourceData source, Path out, Map<String, InfluxProof> baseline) {
        Map<String, InfluxProof> expected = source.expected();
        try (InfluxServer s = provider.create(server.toBuilder().dataDir(out).build())) {
            s.start();
            for (ShardOpenings.Opening o : ShardOpenings.of(shards(out.resolve("data")), s.shardOpenings())) {
                String item = "shard " + out.resolve("data").relativize(o.shard());
                ctx.verification(Verification.equality(item, "opened-with-index", "tsi1", o.failure() != null
                        ? "not opened" : String.valueOf(o.indexVersion())));
                ctx.item(new ItemResult(item, o.ok() ? ItemStatus.VERIFIED : ItemStatus.VERIFICATION_FAILED,
                        o.describe()));
            }
            for (Map.Entry<String, InfluxProof> e : expected.entrySet()) {
                InfluxProof actual = InfluxProof.collect(s.http(), e.getKey());
                for (Map.Entry<String, List<Verification>> item : FileProof.compare(e.getValue(), actual)
                        .entrySet()) {
                    List<Verification> checks = item.getValue();
                    checks.forEach(ctx::verification);
                    List<Verification> failed = checks.stream().filter(v -> !v.passed()).toList();
                    ctx.item(new ItemResult(item.getKey(), failed.isEmpty() ? ItemStatus.VERIFIED
                            : ItemStatus.VERIFICATION_FAILED, failed.isEmpty() ? summary(item.getKey(), actual)
                            : failed.size() + " of " + checks.size() + " checks failed, first " + failed.get(0)
                            .check() + ": the files have " + failed.get(0).expected() + ", influxd answers "
                            + failed.get(0).actual()));
                }
            }
            for (Map.Entry<String, InfluxProof> e : baseline.entrySet()) {
                InfluxProof actual = InfluxProof.collect(s.http(), e.getKey());
                for (Map.Entry<String, List<Verification>> item : InfluxProof.compare(e.getValue(), actual)
                        .entrySet()) {
                    String name = item.getKey() + " (as before the disaster)";
                    List<Verification> checks = item.getValue().stream().map(v -> new Verification(name, v.check(),
                            v.passed(), v.expected(), v.actual())).toList();
                    checks.forEach(ctx::verification);
                    List<Verification> failed = checks.stream().filter(v -> !v.passed()).toList();
                    ctx.item(new ItemResult(name, failed.isEmpty() ? ItemStatus.VERIFIED
                            : ItemStatus.VERIFICATION_FAILED, failed.isEmpty() ? summary(item.getKey(), actual)
                            + (item.getKey().equals(e.getKey()) ? "" : "; ordered hash of every point matches")
                            : failed.size() + " of " + checks.size() + " checks failed, first " + failed.get(0)
                            .check() + ": expected " + failed.get(0).expected() + ", found " + failed.get(0).actual()));
                }
            }
            ctx.finding(Finding.info("ROW_HASHES_NOT_FROM_FILES", "the ordered hashes of the points are the "
                    + "server's rendering and cannot be computed from the files; the points, series, field types "
                    + "and values per field of every measurement were compared instead"));
            s.stop();
        }
    }

    private static String summary(String item, InfluxProof actual) {
        if (item.equals(actual.database())) {
            return actual.measurements().size() + " measurements, " + actual.seriesCount() + " series";
        }
        InfluxProof.MeasurementProof m = actual.measurement(item.substring(actual.database().length() + 1));
        return m.points() + " points in " + m.series() + " series, " + m.fieldCounts().size() + " fields";
    }

    /** The shard directories of a data directory: {@code <db>/<rp>/<id>}. */
    static List<Path> shards(Path data) {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> s = Files.find(data, 3, (p, a) -> a.isDirectory() && data.relativize(p).getNameCount() == 3
                && !data.relativize(p).getName(1).toString().equals("_series")
                && p.getFileName().toString().matches("[0-9]+"))) {
            return s.map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        } catch (IOException e) {
            throw io.dbrecover.core.api.RecoveryException.of(io.dbrecover.core.api.ErrorCode.IO_ERROR, "cannot list "
                    + data + ": " + e.getMessage()).path(data).cause(e).build();
        }
    }
}
