package io.dbrecover.influx.http;

import java.util.List;

/** Receives the rows of a query result as they are read, so that results of any size stream through. */
@FunctionalInterface
public interface SeriesVisitor {
    /**
     * One row.
     *
     * @param statementId the statement of the query the row belongs to (0 for the first)
     * @param header      the row's series
     * @param values      the values in column order: {@link String}, {@link Boolean}, {@link Long} (or
     *                    {@link java.math.BigInteger} beyond 64 bits), {@link Double}, or {@code null}
     */
    void row(int statementId, SeriesHeader header, List<Object> values);
}
