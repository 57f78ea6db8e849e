package io.dbrecover.core.verify;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HexFormat;

/**
 * An ordered hash of query results: SHA-256 over every row in order, each value framed with its length and a
 * NULL marker, so that {@code ('ab', 'c')} and {@code ('a', 'bc')} differ and so does NULL from ''. Rows are
 * streamed (fetch size set), so memory does not grow with the table. Unlike {@code CHECKSUM TABLE} this is an
 * equality oracle: two results hash equal exactly when they hold the same values in the same order.
 *
 * @param rows   the number of rows hashed
 * @param sha256 lowercase hex digest
 */
public record RowHash(long rows, String sha256) {

    /** Hashes the rows of a query; the query must have an ORDER BY that makes the order total. */
    public static RowHash of(Connection connection, String orderedQuery) {
        try (Statement st = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(streamingFetchSize(connection));
            try (ResultSet rs = st.executeQuery(orderedQuery)) {
                return of(rs);
            }
        } catch (SQLException e) {
            throw RecoveryException.of(ErrorCode.VERIFICATION_FAILED,
                    "cannot hash the rows of `" + orderedQuery + "`: " + e.getMessage()).cause(e).build();
        }
    }

    /**
     * Hashes the remaining rows of a result set. Floating-point columns are hashed by their IEEE 754 bits (as the
     * driver parses them: the query must return their exact value, e.g. a widening cast where the server's text of
     * the type is rounded), binary ones by their bytes, the others by their text in UTF-8.
     */
    public static RowHash of(ResultSet rs) throws SQLException {
        Hasher hasher = new Hasher(rs.getMetaData(), rs.getMetaData().getColumnCount());
        while (rs.next()) {
            hasher.row(rs);
        }
        return hasher.finish();
    }

    /**
     * The hash of rows fed one at a time, for a caller that reads the result set itself (and may read more
     * columns than it hashes): the same bytes as {@link #of(ResultSet)} over the first {@code columns} columns.
     */
    public static final class Hasher {
        private final MessageDigest md = newDigest();
        private final Form[] forms;
        private final ByteBuffer frame = ByteBuffer.allocate(9);
        private long rows;

        /**
         * @param columns how many leading columns of each row are hashed
         */
        public Hasher(ResultSetMetaData meta, int columns) throws SQLException {
            if (columns < 1 || columns > meta.getColumnCount()) {
                throw new IllegalArgumentException(columns + " of " + meta.getColumnCount() + " columns");
            }
            forms = new Form[columns + 1];
            for (int c = 1; c <= columns; c++) {
                forms[c] = Form.of(meta.getColumnType(c));
            }
        }

        /** Hashes the current row of the result set. */
        public void row(ResultSet rs) throws SQLException {
            rows++;
            for (int c = 1; c < forms.length; c++) {
                byte[] value = forms[c].value(rs, c);
                frame.clear();
                if (value == null) {
                    frame.put((byte) 0);
                    md.update(frame.array(), 0, 1);
                } else {
                    frame.put((byte) 1).putLong(value.length);
                    md.update(frame.array(), 0, 9);
                    md.update(value);
                }
            }
            md.update((byte) '\n');
        }

        /** The hash of the rows fed so far; the hasher is done then. */
        public RowHash finish() {
            return new RowHash(rows, HexFormat.of().formatHex(md.digest()));
        }
    }

    /** How one column's values are turned into bytes for the hash. */
    private enum Form {
        BYTES, TEXT, FLOAT, DOUBLE;

        static Form of(int sqlType) {
            return switch (sqlType) {
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
                case Types.REAL -> FLOAT;
                case Types.FLOAT, Types.DOUBLE -> DOUBLE;
                default -> TEXT;
            };
        }

        byte[] value(ResultSet rs, int c) throws SQLException {
            switch (this) {
                case BYTES:
                    return rs.getBytes(c);
                case FLOAT: {
                    float f = rs.getFloat(c);
                    return rs.wasNull() ? null : ByteBuffer.allocate(4).putInt(Float.floatToRawIntBits(f)).array();
                }
                case DOUBLE: {
                    double d = rs.getDouble(c);
                    return rs.wasNull() ? null : ByteBuffer.allocate(8).putLong(Double.doubleToRawLongBits(d)).array();
                }
                default:
                    return textBytes(rs.getString(c));
            }
        }
    }

    private static byte[] textBytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static int streamingFetchSize(Connection c) throws SQLException {
        // Connector/J streams only with Integer.MIN_VALUE; pgjdbc streams with a positive size outside autocommit.
        String product = c.getMetaData().getDriverName().toLowerCase(java.util.Locale.ROOT);
        return product.contains("mysql") ? Integer.MIN_VALUE : 1000;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
