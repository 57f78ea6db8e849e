package io.dbrecover.mysql.verify;

import io.dbrecover.core.verify.RowHash;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The ordered row hash of a table ({@link ExactSelect#hashQuery}), the same on any MariaDB that holds the same
 * rows under the same definition: the session's time zone is set to UTC first, so TIMESTAMP values are hashed as
 * the instants they are.
 */
public final class TableHash {
    private TableHash() {
    }

    /** Hashes {@code database.table} on the connected server (and leaves the session in UTC). */
    public static RowHash of(Connection c, String database, String table) throws SQLException {
        utc(c);
        return RowHash.of(c, ExactSelect.hashQuery(c, database, table));
    }

    static void utc(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
        }
    }
}
