package io.dbrecover.influx.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What identifies one series of a query result: its measurement name, its tags (with {@code GROUP BY}) and its
 * columns.
 *
 * @param name    the measurement, or {@code null} for results without one ({@code SHOW SERIES})
 * @param tags    the tags of the series, sorted by key; empty without {@code GROUP BY}
 * @param columns the column names in the order the server gives them ({@code time} first for data)
 */
public record SeriesHeader(String name, Map<String, String> tags, List<String> columns) {
    public SeriesHeader {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tags, "tags")));
        columns = List.copyOf(columns);
    }
}
