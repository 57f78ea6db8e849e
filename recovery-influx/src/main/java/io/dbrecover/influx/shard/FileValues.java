package io.dbrecover.influx.shard;

import io.dbrecover.influx.model.DataLayout;
import io.dbrecover.influx.model.ShardFiles;
import io.dbrecover.influx.wal.Values;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every value of the files, per database, retention policy, series and field, as a {@link ValueDigest}: fed from
 * {@link ShardReader} (TSM, WAL and tombstones merged as influxd answers them), key by key, so that memory holds one
 * key's values and a count and digest per series field. A series field spread over several shards of a policy
 * (shards split time between them) sums into one digest, whatever the order the shards are read in.
 *
 * <p>Keys that name no series or no field are damage (influxd never writes one, line protocol cannot carry one):
 * they are not in the result; the readers report them.
 */
public final class FileValues {
    private FileValues() {
    }

    /**
     * What identifies one series field.
     *
     * @param database        the database
     * @param retentionPolicy the retention policy
     * @param measurement     the measurement (unescaped)
     * @param series          the series' canonical identity ({@link SeriesIdentity})
     * @param field           the field
     */
    public record Key(String database, String retentionPolicy, String measurement, String series, String field) {
        /** Keys in the order of a report: database, policy, measurement, series, field. */
        public static final Comparator<Key> ORDER = Comparator.comparing(Key::database)
                .thenComparing(Key::retentionPolicy).thenComparing(Key::measurement).thenComparing(Key::series)
                .thenComparing(Key::field);

        public Key {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(retentionPolicy, "retentionPolicy");
            Objects.requireNonNull(measurement, "measurement");
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * What digests the keys of one shard into {@code out}, for a reading that does more at the same time (see
     * {@link FileCounts#inspect(DataLayout, Function)}).
     */
    public static KeyVisitor collector(ShardFiles shard, Map<Key, ValueDigest> out) {
        return new Collector(shard.database(), shard.retentionPolicy(), out);
    }

    /** Digests the keys of one policy's shards into a map. */
    private static final class Collector implements KeyVisitor {
        private final String database;
        private final String retentionPolicy;
        private final Map<Key, ValueDigest> out;
        private String lastRawSeries;
        private String series;
        private String measurement;

        Collector(String database, String retentionPolicy, Map<Key, ValueDigest> out) {
            this.database = database;
            this.retentionPolicy = retentionPolicy;
            this.out = out;
        }

        @Override
        public void key(String rawKey, Values values) {
            int sep = SeriesKeys.separator(rawKey);
            if (sep <= 0 || sep + SeriesKeys.FIELD_SEPARATOR.length() == rawKey.length()) {
                return;
            }
            String raw = rawKey.substring(0, sep);
            if (!raw.equals(lastRawSeries)) {
                lastRawSeries = raw;
                series = SeriesIdentity.ofKey(raw);
                measurement = SeriesIdentity.unescape(SeriesKeys.text(SeriesKeys.escapedMeasurement(raw)), ", ");
            }
            Key key = new Key(database, retentionPolicy, measurement, series, SeriesKeys.text(SeriesKeys.field(
                    rawKey)));
            ValueDigest d = out.computeIfAbsent(key, k -> new ValueDigest());
            for (int i = 0; i < values.size(); i++) {
                d.add(values, i);
            }
        }
    }
}
