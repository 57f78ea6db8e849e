package io.dbrecover.mysql.model;

import java.util.Objects;

/**
 * One column of an index.
 *
 * @param column column name
 * @param prefixLength prefix length in characters (bytes for binary types), 0 for the whole column
 * @param descending DESC order
 */
public record IndexPart(String column, int prefixLength, boolean descending) {
    public IndexPart {
        Objects.requireNonNull(column, "column");
        if (column.isEmpty() || prefixLength < 0) {
            throw new IllegalArgumentException("bad index part " + column + "(" + prefixLength + ")");
        }
    }
}
