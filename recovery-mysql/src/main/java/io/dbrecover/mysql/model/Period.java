package io.dbrecover.mysql.model;

import java.util.Objects;

/**
 * A MariaDB PERIOD: {@code PERIOD FOR name (start, end)}; the system-time period is named {@code SYSTEM_TIME}.
 */
public record Period(String name, String startColumn, String endColumn) {
    /** The name of the system-versioning period. */
    public static final String SYSTEM_TIME = "SYSTEM_TIME";

    public Period {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startColumn, "startColumn");
        Objects.requireNonNull(endColumn, "endColumn");
        if (name.isEmpty() || startColumn.equals(endColumn)) {
            throw new IllegalArgumentException("bad period " + name + "(" + startColumn + ", " + endColumn + ")");
        }
    }
}
