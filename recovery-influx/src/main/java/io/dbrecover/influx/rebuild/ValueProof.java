package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.http.Series;
import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.shard.FileValues;
import io.dbrecover.influx.shard.ValueDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The proof's value check: every value of every series field, per database and retention policy, from the files
 * ({@link FileValues}) against what the server answers ({@link ServerValues}), as a count and a digest over the
 * timestamps and exact values (floats by their bits). Per measurement one verification when all agree, else one
 * per differing series field (the first {@value #SHOWN} by name, then one that counts the rest).
 */
final class ValueProof {
    /** Differences listed one by one per measurement; the rest are counted. */
    static final int SHOWN = 20;

    private ValueProof() {
    }

    /**
     * The checks and items of a comparison.
     *
     * @param verifications per measurement one passed check, or one failed check per differing series field (at
     *                      most {@value #SHOWN}) and one that counts the rest
     * @param items         per measurement one item
     */
    record Result(List<Verification> verifications, List<ItemResult> items) {
        Result {
            verifications = List.copyOf(verifications);
            items = List.copyOf(items);
        }
    }

    /** Compares the values of the given databases and records the checks and items in the step's context. */
    static void run(StepContext ctx, InfluxHttp http, Set<String> databases, Map<FileValues.Key, ValueDigest> files) {
        Map<FileValues.Key, ValueDigest> server = new HashMap<>();
        for (String db : databases) {
            Set<String> rps = new TreeSet<>();
            Set<String> measurements = new TreeSet<>();
            for (FileValues.Key k : files.keySet()) {
                if (k.database().equals(db)) {
                    rps.add(k.retentionPolicy());
                    measurements.add(k.measurement());
                }
            }
            for (Series s : http.query(null, "SHOW RETENTION POLICIES ON " + InfluxQl.identifier(db))) {
                s.values().forEach(row -> rps.add(String.valueOf(row.get(0))));
            }
            for (Series s : http.query(db, "SHOW MEASUREMENTS")) {
                s.values().forEach(row -> measurements.add(String.valueOf(row.get(0))));
            }
            for (String rp : rps) {
                for (String m : measurements) {
                    ServerValues.collect(http, db, rp, m, k -> type(files.get(k)), server);
                }
            }
        }
        Result r = compare(files, server);
        r.verifications().forEach(ctx::verification);
        r.items().forEach(ctx::item);
    }

    private static FieldType type(ValueDigest d) {
        return d == null || d.mixedTypes() ? null : d.type();
    }

    /** Compares the two sides per measurement (database, retention policy, measurement). */
    static Result compare(Map<FileValues.Key, ValueDigest> files, Map<FileValues.Key, ValueDigest> server) {
        List<Verification> checks = new ArrayList<>();
        List<ItemResult> items = new ArrayList<>();
        Map<String, List<FileValues.Key>> byMeasurement = new TreeMap<>();
        Set<FileValues.Key> keys = new TreeSet<>(FileValues.Key.ORDER);
        keys.addAll(files.keySet());
        server.forEach((k, d) -> {
            if (d.count() > 0) {
                keys.add(k);
            }
        });
        for (FileValues.Key k : keys) {
            byMeasurement.computeIfAbsent(k.database() + "/" + k.retentionPolicy() + "/" + k.measurement(),
                    x -> new ArrayList<>()).add(k);
        }
        for (Map.Entry<String, List<FileValues.Key>> e : byMeasurement.entrySet()) {
            String item = e.getKey();
            long values = 0;
            List<FileValues.Key> differing = new ArrayList<>();
            for (FileValues.Key k : e.getValue()) {
                ValueDigest want = files.get(k);
                ValueDigest got = server.get(k);
                if (want != null && want.sameValues(got)) {
                    values += want.count();
                } else {
                    differing.add(k);
                }
            }
            if (differing.isEmpty()) {
                String summary = values + " values in " + e.getValue().size() + " series fields";
                checks.add(Verification.equality(item, "values-exact", summary, summary));
                items.add(new ItemResult(item, ItemStatus.VERIFIED, "every value as in the files: " + summary
                        + " (timestamps and values compared exactly, floats by their bits)"));
                continue;
            }
            for (FileValues.Key k : differing.subList(0, Math.min(SHOWN, differing.size()))) {
                checks.add(new Verification(item, "values-exact " + k.series() + " " + k.field(), false,
                        describe(files.get(k)), describe(server.get(k))));
            }
            if (differing.size() > SHOWN) {
                checks.add(new Verification(item, "values-exact (more series fields)", false,
                        "no further difference", (differing.size() - SHOWN) + " more series fields differ"));
            }
            FileValues.Key first = differing.get(0);
            items.add(new ItemResult(item, ItemStatus.VERIFICATION_FAILED, differing.size() + " of "
                    + e.getValue().size() + " series fields differ in their values, first " + first.series() + " "
                    + first.field() + ": the files have " + describe(files.get(first)) + ", influxd answers "
                    + describe(server.get(first))));
        }
        return new Result(checks, items);
    }

    private static String describe(ValueDigest d) {
        return d == null || d.count() == 0 ? "no values" : d.describe();
    }
}
