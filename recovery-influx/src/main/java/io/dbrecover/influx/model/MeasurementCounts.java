package io.dbrecover.influx.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the files hold of one measurement in one retention policy, counted as influxd answers for it.
 *
 * @param measurement the measurement (unescaped, as {@code SHOW MEASUREMENTS} names it)
 * @param points      the points: distinct (series, timestamp) pairs with at least one field value, which is the number
 *                    of rows {@code SELECT * FROM m GROUP BY *} returns
 * @param series      the distinct series keys holding values
 * @param fieldCounts per field, its number of values ({@code SELECT COUNT(*)}'s {@code count_<field>})
 * @param fieldTypes  per field, its type as {@code SHOW FIELD KEYS} names it ({@code float}, {@code integer},
 *                    {@code string}, {@code boolean}, {@code unsigned})
 */
public record MeasurementCounts(String measurement, long points, long series, Map<String, Long> fieldCounts,
                                Map<String, String> fieldTypes) {
    public MeasurementCounts {
        Objects.requireNonNull(measurement, "measurement");
        fieldCounts = Collections.unmodifiableMap(new TreeMap<>(fieldCounts));
        fieldTypes = Collections.unmodifiableMap(new TreeMap<>(fieldTypes));
    }
}
