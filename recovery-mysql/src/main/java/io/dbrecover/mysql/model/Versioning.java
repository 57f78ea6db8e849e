package io.dbrecover.mysql.model;

/** A column's role in MariaDB system versioning. */
public enum Versioning {
    /** Versioned like the table (or the table is not versioned). */
    NORMAL,
    /** {@code GENERATED ALWAYS AS ROW START}. */
    ROW_START,
    /** {@code GENERATED ALWAYS AS ROW END}. */
    ROW_END,
    /** {@code WITHOUT SYSTEM VERSIONING}. */
    EXCLUDED
}
