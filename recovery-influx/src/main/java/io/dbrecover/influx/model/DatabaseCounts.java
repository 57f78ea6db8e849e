package io.dbrecover.influx.model;

import java.util.List;
import java.util.Objects;

/**
 * What the files of one retention policy of a database hold, counted from the TSM files and the WAL with
 * tombstones and deletes applied.
 *
 * @param database        the database
 * @param retentionPolicy the retention policy
 * @param series          the distinct series keys holding values
 * @param measurements    per measurement, sorted by name
 */
public record DatabaseCounts(String database, String retentionPolicy, long series,
                             List<MeasurementCounts> measurements) {
    public DatabaseCounts {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(retentionPolicy, "retentionPolicy");
        measurements = List.copyOf(measurements);
    }

    /** The total number of points. */
    public long points() {
        return measurements.stream().mapToLong(MeasurementCounts::points).sum();
    }
}
