package io.dbrecover.influx.shard;

import io.dbrecover.core.api.Verification;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.MeasurementCounts;
import io.dbrecover.influx.verify.InfluxProof;
import io.dbrecover.influx.verify.InfluxRowHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The counts computed from the files as an {@link InfluxProof}, so that they compare with what a server answers
 * ({@link InfluxProof#collect} takes every retention policy of the database: per measurement the sums over the
 * policies; {@code SHOW MEASUREMENTS} names the measurements of all policies). The server's ordered row hash cannot
 * be computed from counts: {@link #compare} leaves that check out and says so in its name; every other check of
 * {@link InfluxProof#compare} is kept. Checked against influxd 1.6 by {@code InfluxFilesIT}.
 */
public final class FileProof {
    /** The check of {@link InfluxProof#compare} that a proof from counts cannot make. */
    public static final String ROW_HASH_CHECK = "ordered-row-hash";

    private FileProof() {
    }

    /**
     * The proof of one database from the counts of all its retention policies, as {@link InfluxProof#collect} takes
     * it: per measurement the sums over the policies (policies by name; field types {@code a|b} where two differ).
     */
    public static InfluxProof ofPolicies(String database, List<DatabaseCounts> policies) {
        List<DatabaseCounts> sorted = policies.stream().sorted(java.util.Comparator.comparing(
                DatabaseCounts::retentionPolicy)).toList();
        Map<String, long[]> sums = new java.util.TreeMap<>();
        Map<String, Map<String, Long>> counts = new java.util.TreeMap<>();
        Map<String, Map<String, String>> types = new java.util.TreeMap<>();
        for (DatabaseCounts rp : sorted) {
            for (MeasurementCounts m : rp.measurements()) {
                long[] pointsSeries = sums.computeIfAbsent(m.measurement(), k -> new long[2]);
                pointsSeries[0] += m.points();
                pointsSeries[1] += m.series();
                Map<String, Long> c = counts.computeIfAbsent(m.measurement(), k -> new java.util.TreeMap<>());
                m.fieldCounts().forEach((f, n) -> c.merge(f, n, Long::sum));
                Map<String, String> t = types.computeIfAbsent(m.measurement(), k -> new java.util.TreeMap<>());
                m.fieldTypes().forEach((f, ty) -> t.merge(f, ty, (a, b) -> a.equals(b) ? a : a + "|" + b));
            }
        }
        List<InfluxProof.MeasurementProof> per = new ArrayList<>();
        long series = 0;
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            String typeList = types.get(e.getKey()).entrySet().stream().map(t -> t.getKey() + ":" + t.getValue())
                    .collect(Collectors.joining(","));
            per.add(new InfluxProof.MeasurementProof(e.getKey(), e.getValue()[0], e.getValue()[1],
                    counts.get(e.getKey()), typeList, new InfluxRowHash(e.getValue()[0], "(not computed from files)")));
            series += e.getValue()[1];
        }
        return new InfluxProof(database, true, List.copyOf(sums.keySet()), series, per);
    }

    /** {@link InfluxProof#compare} without the ordered row hash, which counts cannot give. */
    public static Map<String, List<Verification>> compare(InfluxProof fromFiles, InfluxProof fromServer) {
        Map<String, List<Verification>> out = new LinkedHashMap<>();
        InfluxProof.compare(fromFiles, fromServer).forEach((item, checks) -> out.put(item,
                checks.stream().filter(v -> !v.check().equals(ROW_HASH_CHECK)).toList()));
        return out;
    }
}
