package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.http.Series;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.MeasurementCounts;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.shard.FileProof;
import io.dbrecover.influx.verify.InfluxProof;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The proof after every rebuild: a throwaway influxd started on the result (as the user that owns it), which must
 * have opened every shard with the {@code tsi1} index (its log says so, shard by shard), and which must answer, per
 * database and measurement, the numbers the files give (measurements, series, field types, points and values per
 * field; {@link InfluxProof#compare}), per retention policy the values per field, and per series field every value:
 * its timestamps and exact values against the files' ({@link ValueProof}). Anything else is a failed verification:
 * exit code 4.
 *
 * <p>The server's ordered row hashes are its rendering of the points and are not computed from the files; the value
 * check compares the same points value by value instead.
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
            for (String db : expected.keySet()) {
                policies(ctx, s.http(), db, source.countsPerPolicy());
            }
            ValueProof.run(ctx, s.http(), expected.keySet(), source.values());
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
            s.stop();
        }
    }

    /**
     * Per retention policy of a database (those of the files and those the server has), the values per measurement
     * and field: the files' counts against the server's {@code SELECT COUNT(*) FROM rp./.*\/}. The database's proof
     * sums its policies, so points in the wrong policy would pass it; they fail this.
     */
    static void policies(StepContext ctx, InfluxHttp http, String database, List<DatabaseCounts> files) {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (DatabaseCounts c : files) {
            if (!c.database().equals(database)) {
                continue;
            }
            Map<String, Long> values = expected.computeIfAbsent(c.retentionPolicy(), k -> new TreeMap<>());
            for (MeasurementCounts m : c.measurements()) {
                m.fieldCounts().forEach((f, n) -> {
                    if (n > 0) {
                        values.merge(key(m.measurement(), f), n, Long::sum);
                    }
                });
            }
        }
        Set<String> rps = new TreeSet<>(expected.keySet());
        for (Series s : http.query(null, "SHOW RETENTION POLICIES ON " + InfluxQl.identifier(database))) {
            s.values().forEach(row -> rps.add(String.valueOf(row.get(0))));
        }
        for (String rp : rps) {
            Map<String, Long> actual = new TreeMap<>();
            http.query(database, "SELECT COUNT(*) FROM " + InfluxQl.identifier(rp) + "./.*/", (stmt, header,
                    row) -> {
                for (int i = 0; i < header.columns().size(); i++) {
                    String col = header.columns().get(i);
                    if (col.startsWith("count_") && row.get(i) instanceof Number n && n.longValue() > 0) {
                        actual.merge(key(header.name(), col.substring("count_".length())), n.longValue(), Long::sum);
                    }
                }
            });
            Map<String, Long> want = expected.getOrDefault(rp, Map.of());
            String item = database + "/" + rp;
            String first = firstDifference(want, actual);
            long total = want.values().stream().mapToLong(Long::longValue).sum();
            String summary = want.size() + " fields, " + total + " values";
            ctx.verification(first == null ? Verification.equality(item, "values-per-field", summary, summary)
                    : new Verification(item, "values-per-field", false, shown(first) + "=" + want.getOrDefault(first,
                    0L), shown(first) + "=" + actual.getOrDefault(first, 0L)));
            ctx.item(new ItemResult(item, first == null ? ItemStatus.VERIFIED : ItemStatus.VERIFICATION_FAILED,
                    first == null ? "values per field as in the files: " + summary : "values per field differ, first "
                            + shown(first) + ": the files have " + want.getOrDefault(first, 0L)
                            + " in this retention policy, influxd answers " + actual.getOrDefault(first, 0L)));
        }
    }

    private static String shown(String key) {
        return key.replace('\u0000', '.');
    }

    private static String key(String measurement, String field) {
        return measurement + "\u0000" + field;
    }

    /** The first key (in order) whose count differs between the two, or {@code null} when they are equal. */
    private static String firstDifference(Map<String, Long> a, Map<String, Long> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            if (!a.getOrDefault(k, 0L).equals(b.getOrDefault(k, 0L))) {
                return k;
            }
        }
        return null;
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
