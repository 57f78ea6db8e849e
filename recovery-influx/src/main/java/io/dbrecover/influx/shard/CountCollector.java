package io.dbrecover.influx.shard;

import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.model.MeasurementCounts;
import io.dbrecover.influx.wal.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts what the shards of one retention policy hold, fed key by key from {@link ShardReader}s: per measurement
 * its series, its points (distinct timestamps per series, summed over the shards, which split time between them)
 * and its values per field with their types.
 *
 * <p>Memory: the distinct series keys (as influxd's index holds them) and one series' timestamps of one shard. Keys
 * must come in key order (as {@link ShardReader} gives them), so that a series' fields come one after the other.
 */
public final class CountCollector implements KeyVisitor {
    private final String database;
    private final String retentionPolicy;
    private final Map<String, Measurement> byName = new TreeMap<>();
    private String currentSeries;
    private Measurement current;
    private long[] seriesTimes = new long[1024];
    private long[] scratch = new long[1024];
    private int seriesTimeCount;

    /** A collector for one retention policy of a database. */
    public CountCollector(String database, String retentionPolicy) {
        this.database = database;
        this.retentionPolicy = retentionPolicy;
    }

    @Override
    public void key(String rawKey, Values values) {
        String series = SeriesKeys.series(rawKey);
        if (!series.equals(currentSeries)) {
            endSeries();
            currentSeries = series;
            String name = SeriesKeys.text(SeriesKeys.unescape(SeriesKeys.escapedMeasurement(series)));
            current = byName.computeIfAbsent(name, n -> new Measurement());
            current.series.add(series);
        }
        String field = SeriesKeys.text(SeriesKeys.field(rawKey));
        current.fieldCounts.merge(field, (long) values.size(), Long::sum);
        current.fieldTypes.putIfAbsent(field, typeName(values.type()));
        union(values);
    }

    /**
     * Adds a key's timestamps (sorted, unique) to its series' (sorted, unique) by a linear merge, so that a series'
     * points are counted without sorting.
     */
    private void union(Values values) {
        int n = values.size();
        if (seriesTimeCount == 0) {
            seriesTimes = fit(seriesTimes, n);
            for (int i = 0; i < n; i++) {
                seriesTimes[i] = values.time(i);
            }
            seriesTimeCount = n;
            return;
        }
        if (n == seriesTimeCount && sameTimes(values)) {
            return; // the usual case: the fields of a point are written together
        }
        scratch = fit(scratch, seriesTimeCount + n);
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < seriesTimeCount || j < n) {
            long next;
            if (j >= n || (i < seriesTimeCount && seriesTimes[i] <= values.time(j))) {
                next = seriesTimes[i++];
                if (j < n && values.time(j) == next) {
                    j++;
                }
            } else {
                next = values.time(j++);
            }
            scratch[k++] = next;
        }
        long[] t = seriesTimes;
        seriesTimes = scratch;
        scratch = t;
        seriesTimeCount = k;
    }

    private boolean sameTimes(Values values) {
        for (int i = 0; i < seriesTimeCount; i++) {
            if (seriesTimes[i] != values.time(i)) {
                return false;
            }
        }
        return true;
    }

    private static long[] fit(long[] a, int n) {
        return a.length >= n ? a : new long[Math.max(n, a.length * 2)];
    }

    /** Ends a shard: its last series is counted (call after each {@link ShardReader#read}). */
    public void endShard() {
        endSeries();
        currentSeries = null;
        current = null;
    }

    /** The counts so far. */
    public DatabaseCounts counts() {
        endShard();
        List<MeasurementCounts> out = new ArrayList<>();
        long series = 0;
        for (Map.Entry<String, Measurement> e : byName.entrySet()) {
            Measurement m = e.getValue();
            series += m.series.size();
            out.add(new MeasurementCounts(e.getKey(), m.points, m.series.size(), m.fieldCounts, m.fieldTypes));
        }
        return new DatabaseCounts(database, retentionPolicy, series, out);
    }

    /** A type as {@code SHOW FIELD KEYS} names it. */
    public static String typeName(FieldType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private void endSeries() {
        if (current == null || seriesTimeCount == 0) {
            seriesTimeCount = 0;
            return;
        }
        current.points += seriesTimeCount;
        seriesTimeCount = 0;
    }

    private static final class Measurement {
        final Set<String> series = new HashSet<>();
        final Map<String, Long> fieldCounts = new TreeMap<>();
        final Map<String, String> fieldTypes = new TreeMap<>();
        long points;
    }
}
