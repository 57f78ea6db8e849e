package io.dbrecover.mysql.model;

/** Whether a column shows in {@code SELECT *} and in SHOW CREATE TABLE. */
public enum Visibility {
    /** Ordinary column. */
    VISIBLE,
    /** Declared {@code INVISIBLE} by the user: printed with that word. */
    INVISIBLE,
    /** Implicit system-versioning column (row_start/row_end): not printed. */
    SYSTEM,
    /** Server-internal helper such as the hash of a long unique key: not printed. */
    HIDDEN;

    /** Whether a CREATE TABLE statement declares the column. */
    public boolean declared() {
        return this == VISIBLE || this == INVISIBLE;
    }
}
