package io.dbrecover.influx.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One series of a (small) query result, fully read.
 *
 * @param statementId the statement it belongs to
 * @param header      name, tags and columns
 * @param values      its rows (each row's values in column order; see {@link SeriesVisitor})
 */
public record Series(int statementId, SeriesHeader header, List<List<Object>> values) {
    public Series {
        Objects.requireNonNull(header, "header");
        List<List<Object>> copy = new ArrayList<>(values.size());
        // rows may hold nulls, which List.copyOf refuses
        values.forEach(v -> copy.add(Collections.unmodifiableList(new ArrayList<>(v))));
        values = Collections.unmodifiableList(copy);
    }

    /** The index of a column, or -1. */
    public int column(String name) {
        return header.columns().indexOf(name);
    }
}
