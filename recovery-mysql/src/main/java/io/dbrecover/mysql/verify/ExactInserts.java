package io.dbrecover.mysql.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a table's rows as INSERT statements that give back every value bit for bit, where {@code mariadb-dump}
 * writes a FLOAT with the six digits the server prints (16777216 becomes 16777200): floating point with the digits
 * of its exact double (and an exponent, so that the server parses it as a double, not a DECIMAL), strings and
 * binary values as hex literals (no character set conversion on the way), ENUM, SET, BIT and YEAR by their numbers,
 * times as the server's text with TIMESTAMP in UTC. System-versioned tables are written with their history. Rows
 * stream from the server ({@link ExactSelect}'s forms) straight into the output.
 */
public final class ExactInserts {
    /** Statements grow to about this many bytes before the next one starts (a single long row may exceed it). */
    private static final int STATEMENT_BYTES = 1 << 20;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> STRING_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "json", "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> NUMBER_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint",
            "decimal", "bit", "year", "enum", "set");
    private static final Set<String> GEOMETRY_TYPES = Set.of("geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection");

    private ExactInserts() {
    }

    /** The session settings the statements need; written once before them. */
    public static String header() {
        return """
                -- Rows written by dbrecover with exact values: floating point with all its digits, strings as hex.
                -- Long rows need max_allowed_packet as large as the row on the server that loads this.
                SET NAMES utf8mb4;
                SET time_zone = '+00:00';
                SET sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION';
                SET foreign_key_checks = 0, unique_checks = 0;
                SET @@system_versioning_insert_history = 1;
                """;
    }

    /**
     * Writes {@code USE database} and the rows of {@code database.table} as multi-row INSERTs.
     *
     * @return the number of rows written
     */
    public static long write(Connection c, String database, String table, OutputStream out)
            throws SQLException, IOException {
        TableHash.utc(c);
        ExactSelect.ServerTable t = ExactSelect.describe(c, database, table);
        List<String> generated = generatedColumns(c, database, table);
        List<String> names = new ArrayList<>();
        List<String> select = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        t.dataTypes().forEach((name, type) -> {
            if (generated.contains(name)) {
                return;
            }
            String column = t.columnTypes().get(name);
            names.add(ExactSelect.id(name));
            Kind kind = Kind.of(type, column);
            kinds.add(kind);
            select.add(kind.expression(ExactSelect.id(name)));
        });
        String insert = "INSERT INTO " + ExactSelect.id(table) + " (" + String.join(", ", names) + ") VALUES ";
        byte[] insertBytes = insert.getBytes(StandardCharsets.UTF_8);
        String sql = "SELECT " + String.join(", ", select) + " FROM " + ExactSelect.id(database) + "."
                + ExactSelect.id(table) + (t.versioned() ? " FOR SYSTEM_TIME ALL" : "");
        out.write(("USE " + ExactSelect.id(database) + ";\n").getBytes(StandardCharsets.UTF_8));
        long rows = 0;
        long statement = 0;
        try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    if (statement == 0) {
                        out.write(insertBytes);
                        statement = insertBytes.length;
                    } else {
                        out.write(',');
                    }
                    out.write('(');
                    statement += 2;
                    for (int i = 0; i < kinds.size(); i++) {
                        if (i > 0) {
                            out.write(',');
                        }
                        statement += kinds.get(i).literal(rs, i + 1, out) + 1;
                    }
                    out.write(')');
                    rows++;
                    if (statement >= STATEMENT_BYTES) {
                        out.write(";\n".getBytes(StandardCharsets.US_ASCII));
                        statement = 0;
                    }
                }
            }
        }
        if (statement > 0) {
            out.write(";\n".getBytes(StandardCharsets.US_ASCII));
        }
        return rows;
    }

    /** Columns whose values the server computes (virtual and stored generated ones, not the period columns). */
    private static List<String> generatedColumns(Connection c, String database, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, EXTRA, GENERATION_EXPRESSION FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extra = rs.getString(2) == null ? "" : rs.getString(2).toUpperCase(Locale.ROOT);
                    String expression = rs.getString(3) == null ? "" : rs.getString(3);
                    // row start/end columns show as STORED GENERATED with ROW START/ROW END as their expression
                    if ((extra.contains("VIRTUAL GENERATED") || extra.contains("STORED GENERATED"))
                            && !expression.equals("ROW START") && !expression.equals("ROW END")) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /** How one column's values are selected and written. */
    private enum Kind {
        /** Numbers: the server's text, written as is. */
        NUMBER,
        /** FLOAT and DOUBLE: the exact double's shortest text, with an exponent. */
        REAL,
        /** Strings, binary strings, geometry: hex literals. */
        BYTES,
        /** Temporal and other values whose text the server parses back: quoted. */
        QUOTED;

        static Kind of(String dataType, String columnType) {
            if (dataType.equals("float") || dataType.equals("double")) {
                return REAL;
            }
            if (STRING_TYPES.contains(dataType) || GEOMETRY_TYPES.contains(dataType)) {
                return BYTES;
            }
            if (NUMBER_TYPES.contains(dataType)) {
                return NUMBER;
            }
            return QUOTED;
        }

        String expression(String q) {
            return switch (this) {
                // the server's own text of the double: Connector/J's getString would re-format it
                case REAL -> "CAST(CAST(" + q + " AS DOUBLE) AS CHAR)";
                case BYTES -> q;
                // ZEROFILL padding and ENUM/SET labels go: the number is what the server stores
                case NUMBER -> "CAST((" + q + "+0) AS CHAR)";
                case QUOTED -> "CAST(" + q + " AS CHAR)";
            };
        }

        /** Writes the value's literal; returns the bytes written. */
        int literal(ResultSet rs, int column, OutputStream out) throws SQLException, IOException {
            if (this == BYTES) {
                byte[] b = rs.getBytes(column);
                if (b == null) {
                    return writeAscii("NULL", out);
                }
                if (b.length == 0) {
                    return writeAscii("''", out);
                }
                out.write('0');
                out.write('x');
                byte[] hex = new byte[Math.min(b.length, 8192) * 2];
                for (int off = 0; off < b.length; off += hex.length / 2) {
                    int n = Math.min(hex.length / 2, b.length - off);
                    for (int i = 0; i < n; i++) {
                        hex[2 * i] = HEX[(b[off + i] >> 4) & 15];
                        hex[2 * i + 1] = HEX[b[off + i] & 15];
                    }
                    out.write(hex, 0, 2 * n);
                }
                return 2 + 2 * b.length;
            }
            String text = rs.getString(column);
            if (text == null) {
                return writeAscii("NULL", out);
            }
            return switch (this) {
                case REAL -> writeAscii(real(text), out);
                case NUMBER -> writeAscii(text, out);
                default -> writeAscii(quoted(text), out);
            };
        }
    }

    /**
     * The server's text of a double (the shortest that parses back to the same bits) as a literal it parses as a
     * double again: with an exponent, else {@code 0.1} would be an exact DECIMAL first.
     */
    static String real(String serverText) {
        return serverText.indexOf('e') >= 0 || serverText.indexOf('E') >= 0 ? serverText : serverText + "e0";
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static int writeAscii(String s, OutputStream out) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b);
        return b.length;
    }
}
