package io.dbrecover.influx.verify;

import io.dbrecover.core.api.Verification;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.http.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a database holds, as the server itself answers it: the measurements, the number of series, and per
 * measurement the number of points, the number of values of each field ({@code SELECT COUNT(*)}), the field types
 * and an ordered hash of every point. Taken before a disaster and again after the recovery, two proofs are compared
 * with {@link #compare(InfluxProof, InfluxProof)}.
 *
 * <p>An empty answer is a finding, not a pass: a server that could not open its shards still answers queries, with
 * nothing (see {@link io.dbrecover.influx.server.InfluxServer#shardsNotOpened()}); its proof then shows 0 points.
 *
 * @param database       the database
 * @param exists         whether the server knows the database
 * @param measurements   the measurement names, sorted
 * @param seriesCount    the number of series of the database ({@code SHOW SERIES} of every retention policy)
 * @param perMeasurement the proof of each measurement, in the order of {@code measurements}
 */
public record InfluxProof(String database, boolean exists, List<String> measurements, long seriesCount,
                          List<MeasurementProof> perMeasurement) {
    public InfluxProof {
        Objects.requireNonNull(database, "database");
        measurements = List.copyOf(measurements);
        perMeasurement = List.copyOf(perMeasurement);
    }

    /**
     * The proof of one measurement.
     *
     * @param measurement the measurement
     * @param points      the number of points (rows of {@code SELECT *})
     * @param series      the number of series ({@code SHOW SERIES FROM} each retention policy, summed)
     * @param fieldCounts per field, the number of values ({@code SELECT COUNT(*)}), sorted by field
     * @param fieldTypes  {@code field:type} pairs as {@code SHOW FIELD KEYS} gives them, comma-separated
     * @param rows        the ordered hash of every point ({@link InfluxRowHash#orderedQuery(String)} in each
     *                    retention policy in turn, policies by name)
     */
    public record MeasurementProof(String measurement, long points, long series, Map<String, Long> fieldCounts,
                                   String fieldTypes, InfluxRowHash rows) {
        public MeasurementProof {
            Objects.requireNonNull(measurement, "measurement");
            fieldCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(fieldCounts));
            Objects.requireNonNull(fieldTypes, "fieldTypes");
            Objects.requireNonNull(rows, "rows");
        }

        /** The proof of a measurement that is not there. */
        static MeasurementProof absent(String measurement) {
            return new MeasurementProof(measurement, 0, 0, Map.of(), "", new InfluxRowHash(0, "(absent)"));
        }
    }

    /**
     * Asks the server for the proof of a database, over all its retention policies: a query without one reads the
     * default policy only ({@code SHOW SERIES} and {@code SELECT} alike), which would leave the points of every other
     * policy unproved. Each measurement's numbers are the sums over its policies (a series key in two policies counts
     * twice, as it is stored twice), its field types those of each policy ({@code a|b} where two policies differ),
     * its ordered hash that of each policy's points in turn, policies by name.
     */
    public static InfluxProof collect(InfluxHttp http, String database) {
        boolean exists = false;
        for (Series s : http.query(null, "SHOW DATABASES")) {
            exists |= s.values().stream().anyMatch(row -> database.equals(row.get(0)));
        }
        if (!exists) {
            return new InfluxProof(database, false, List.of(), 0, List.of());
        }
        List<String> measurements = new ArrayList<>();
        for (Series s : http.query(database, "SHOW MEASUREMENTS")) {
            s.values().forEach(row -> measurements.add(String.valueOf(row.get(0))));
        }
        measurements.sort(null);
        List<String> policies = new ArrayList<>();
        for (Series s : http.query(database, "SHOW RETENTION POLICIES ON " + InfluxQl.identifier(database))) {
            s.values().forEach(row -> policies.add(String.valueOf(row.get(0))));
        }
        policies.sort(null);
        List<MeasurementProof> per = new ArrayList<>();
        long series = 0;
        for (String m : measurements) {
            MeasurementProof p = measure(http, database, policies, m);
            series += p.series();
            per.add(p);
        }
        return new InfluxProof(database, true, measurements, series, per);
    }

    /** The proof of one measurement, or that of an absent one. */
    public MeasurementProof measurement(String name) {
        return perMeasurement.stream().filter(p -> p.measurement().equals(name)).findFirst()
                .orElse(MeasurementProof.absent(name));
    }

    /** The total number of points. */
    public long points() {
        return perMeasurement.stream().mapToLong(MeasurementProof::points).sum();
    }

    /**
     * Compares a proof taken after a recovery with the one taken before, check by check. The result is keyed by
     * item: the database (its measurements and series count), then {@code database.measurement} for each
     * measurement expected.
     */
    public static Map<String, List<Verification>> compare(InfluxProof expected, InfluxProof actual) {
        Map<String, List<Verification>> out = new LinkedHashMap<>();
        String db = expected.database();
        List<Verification> dbChecks = new ArrayList<>();
        dbChecks.add(Verification.equality(db, "database-exists", expected.exists(), actual.exists()));
        dbChecks.add(Verification.equality(db, "measurements", String.join(",", expected.measurements()),
                String.join(",", actual.measurements())));
        dbChecks.add(Verification.equality(db, "series-count", expected.seriesCount(), actual.seriesCount()));
        out.put(db, dbChecks);
        for (MeasurementProof e : expected.perMeasurement()) {
            MeasurementProof a = actual.measurement(e.measurement());
            String item = db + "." + e.measurement();
            List<Verification> checks = new ArrayList<>();
            checks.add(Verification.equality(item, "point-count", e.points(), a.points()));
            checks.add(Verification.equality(item, "series-count", e.series(), a.series()));
            checks.add(Verification.equality(item, "field-types", e.fieldTypes(), a.fieldTypes()));
            for (Map.Entry<String, Long> f : e.fieldCounts().entrySet()) {
                checks.add(Verification.equality(item, "count(" + f.getKey() + ")", f.getValue(),
                        Optional.ofNullable(a.fieldCounts().get(f.getKey())).orElse(0L)));
            }
            checks.add(Verification.equality(item, "ordered-row-hash", e.rows().sha256(), a.rows().sha256()));
            out.put(item, checks);
        }
        return out;
    }

    private static MeasurementProof measure(InfluxHttp http, String database, List<String> policies,
                                            String measurement) {
        long[] keys = {0};
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        InfluxRowHash.Hasher hasher = new InfluxRowHash.Hasher();
        for (String rp : policies) {
            String from = " FROM " + InfluxQl.identifier(rp) + "." + InfluxQl.identifier(measurement);
            http.query(database, "SHOW SERIES" + from, (stmt, header, values) -> keys[0]++);
            for (Series s : http.query(database, "SELECT COUNT(*)" + from)) {
                List<String> cols = s.header().columns();
                for (List<Object> row : s.values()) {
                    for (int i = 0; i < cols.size(); i++) {
                        if (cols.get(i).startsWith("count_") && row.get(i) instanceof Number n) {
                            counts.merge(cols.get(i).substring("count_".length()), n.longValue(), Long::sum);
                        }
                    }
                }
            }
            for (Series s : http.query(database, "SHOW FIELD KEYS" + from)) {
                for (List<Object> row : s.values()) {
                    types.merge(String.valueOf(row.get(0)), String.valueOf(row.get(1)),
                            (a, b) -> a.equals(b) ? a : a + "|" + b);
                }
            }
            http.query(database, "SELECT *" + from + " GROUP BY * ORDER BY time ASC", hasher);
        }
        StringBuilder fieldTypes = new StringBuilder();
        types.forEach((k, v) -> fieldTypes.append(fieldTypes.length() == 0 ? "" : ",").append(k).append(':').append(v));
        InfluxRowHash rows = hasher.result();
        return new MeasurementProof(measurement, rows.rows(), keys[0], counts, fieldTypes.toString(), rows);
    }
}
