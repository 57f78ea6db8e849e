package io.dbrecover.mysql.verify;

import io.dbrecover.mysql.ibd.ValueForm;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries whose results prove a table, each value in an exact form the server's text protocol cannot blur:
 * FLOAT and DOUBLE widened to DOUBLE (whose text MariaDB prints shortest-round-trip, so the text parses back to the
 * same bits; a FLOAT's own text keeps only about six digits), strings and ENUM/SET labels as their bytes
 * ({@code CAST(… AS BINARY)}: no character set conversion, which turns bytes it cannot convert into {@code ?}),
 * ZEROFILL numbers, BIT and YEAR as plain numbers; everything else as the server's own text ({@code CAST(… AS
 * CHAR)}, which the driver passes on untouched), TIMESTAMP in the session time zone, which the callers set to UTC. A
 * system-versioned table is read {@code FOR SYSTEM_TIME ALL}, its history rows and period columns
 * included.
 */
final class ExactSelect {
    private static final Set<String> LONG_TYPES = Set.of("tinytext", "text", "mediumtext", "longtext", "tinyblob",
            "blob", "mediumblob", "longblob", "json", "geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection");
    private static final Set<String> STRING_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "json", "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "enum", "set");
    private static final Set<String> GEOMETRY_TYPES = Set.of("geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection");
    private static final Pattern SYSTEM_PERIOD = Pattern.compile("PERIOD FOR SYSTEM_TIME \\(`((?:[^`]|``)+)`, "
            + "`((?:[^`]|``)+)`\\)");

    private ExactSelect() {
    }

    /** How the server defines a table, as far as the proof needs it. */
    record ServerTable(Map<String, String> dataTypes, Map<String, String> columnTypes, Map<String, Boolean> nullable,
                       boolean versioned, String periodEnd, List<String> clusteredKey) {
    }

    /**
     * The ordered query for {@code database.table} as the connected server defines it: every column (invisible,
     * generated and system-time ones too, named explicitly) in declared order, sorted by the key InnoDB clusters the
     * rows on (the primary key, else the first UNIQUE key over NOT NULL columns without prefixes, in the server's
     * key order), else by every column (long values by their MD5, so that rows differing past
     * {@code max_sort_length} sort the same on every server). Derived from the server's dictionary, so the source
     * before a disaster and the recovered copy afterwards get the same text when they hold the same definition.
     */
    public static String hashQuery(Connection c, String database, String table) throws SQLException {
        HashQuery q = hashParts(c, database, table);
        return "SELECT " + String.join(", ", q.select()) + " FROM " + id(database) + "." + id(table)
                + (q.versioned() ? " FOR SYSTEM_TIME ALL" : "") + " ORDER BY " + String.join(", ", q.order());
    }

    /**
     * The parts of {@link #hashQuery}: its select list, its ORDER BY terms, whether it reads the history too, and
     * the key columns it sorts by (the clustered key, with the period end of a system-versioned table; empty when
     * it sorts by every column).
     */
    record HashQuery(List<String> select, List<String> order, boolean versioned, List<String> keyOrder) {
    }

    static HashQuery hashParts(Connection c, String database, String table) throws SQLException {
        ServerTable t = describe(c, database, table);
        List<String> select = new ArrayList<>();
        t.dataTypes().forEach((name, type) -> select.add(hashExpression(name, type, t.columnTypes().get(name))));
        List<String> order = new ArrayList<>();
        List<String> keyOrder = new ArrayList<>();
        if (t.clusteredKey().isEmpty()) {
            t.dataTypes().forEach((name, type) -> order.add(LONG_TYPES.contains(type) ? "MD5(" + id(name) + ")"
                    : id(name)));
        } else {
            keyOrder.addAll(t.clusteredKey());
            if (t.versioned() && !t.clusteredKey().contains(t.periodEnd())) {
                // a row's history shares its key; the period end tells the versions apart, as InnoDB's key does
                keyOrder.add(t.periodEnd());
            }
            keyOrder.forEach(k -> order.add(id(k)));
        }
        return new HashQuery(select, order, t.versioned(), keyOrder);
    }

    /** The exact-form expression of one column in the hash, by its {@code information_schema} type. */
    static String hashExpression(String name, String dataType, String columnType) {
        String q = id(name);
        if (dataType.equals("float") || dataType.equals("double")) {
            return "CAST(" + q + " AS DOUBLE)";
        }
        if (STRING_TYPES.contains(dataType)) {
            return "CAST(" + q + " AS BINARY)";
        }
        if (GEOMETRY_TYPES.contains(dataType)) {
            return q;
        }
        if (dataType.equals("bit") || dataType.equals("year")
                || (columnType != null && columnType.toLowerCase(Locale.ROOT).contains("zerofill"))) {
            return text("(" + q + "+0)");
        }
        return text(q);
    }

    /**
     * The server's own text of a value: the driver hands it on as it came. Without the cast Connector/J rebuilds
     * temporal values from its own types (dropping a zero fraction, refusing or clipping times past 24 hours).
     */
    private static String text(String expression) {
        return "CAST(" + expression + " AS CHAR)";
    }

    /**
     * The query that returns a table's rows in the forms a file reader decodes them to ({@link ValueForm}), in the
     * clustered key's order; without key columns in the order the server scans them (the hidden row id's order, as
     * long as the table has no other index).
     *
     * @param versioned the table is system-versioned: its history rows are read too
     */
    public static String compareQuery(String database, String table, List<Column> columns, List<ValueForm> forms,
                                      List<String> clusteredKey, boolean versioned) {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            select.add(compareExpression(columns.get(i), forms.get(i)));
        }
        return "SELECT " + String.join(", ", select) + " FROM " + id(database) + "." + id(table)
                + (versioned ? " FOR SYSTEM_TIME ALL" : "") + (clusteredKey.isEmpty() ? "" : " ORDER BY "
                + String.join(", ", clusteredKey.stream().map(ExactSelect::id).toList()));
    }

    /** The expression whose value a server returns in the column's {@link ValueForm}. */
    static String compareExpression(Column c, ValueForm form) {
        String q = id(c.name());
        ColumnType type = c.type().type();
        return switch (form) {
            case REAL -> text("CAST(" + q + " AS DOUBLE)");
            case BYTES -> type == ColumnType.GEOMETRY ? q : "CAST(" + q + " AS BINARY)";
            case TEXT -> switch (type) {
                case BIT, ENUM, SET, YEAR -> text("(" + q + "+0)");
                default -> text(c.type().zerofill() ? "(" + q + "+0)" : q);
            };
        };
    }

    static ServerTable describe(Connection c, String database, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> columnTypes = new LinkedHashMap<>();
        Map<String, Boolean> nullable = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT));
                    columnTypes.put(rs.getString(1), rs.getString(3));
                    nullable.put(rs.getString(1), "YES".equals(rs.getString(4)));
                }
            }
        }
        if (types.isEmpty()) {
            throw new SQLException("table `" + database + "`.`" + table + "` has no columns or does not exist");
        }
        boolean versioned;
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_TYPE FROM information_schema.TABLES WHERE "
                + "TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                versioned = rs.next() && "SYSTEM VERSIONED".equals(rs.getString(1));
            }
        }
        String periodEnd = null;
        if (versioned) {
            periodEnd = "row_end";
            String create;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE "
                    + id(database) + "." + id(table))) {
                rs.next();
                create = rs.getString(2);
            }
            Matcher m = SYSTEM_PERIOD.matcher(create);
            if (m.find()) {
                periodEnd = m.group(2).replace("``", "`");
            } else {
                // implicit period columns are hidden from information_schema but can be selected by name
                types.put("row_start", "timestamp");
                types.put("row_end", "timestamp");
                columnTypes.put("row_start", "timestamp(6)");
                columnTypes.put("row_end", "timestamp(6)");
                nullable.put("row_start", false);
                nullable.put("row_end", false);
            }
        }
        return new ServerTable(types, columnTypes, nullable, versioned, periodEnd,
                clusteredKey(c, database, table, nullable));
    }

    /** The columns of the first unique key in the server's key order that InnoDB may cluster on, else none. */
    private static List<String> clusteredKey(Connection c, String database, String table,
                                             Map<String, Boolean> nullable) throws SQLException {
        Map<String, List<String>> unique = new LinkedHashMap<>();
        Map<String, Boolean> usable = new LinkedHashMap<>();
        // SHOW INDEX lists the keys in the server's own order: PRIMARY, then UNIQUE NOT NULL ones, as InnoDB picks
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW INDEX FROM " + id(database)
                + "." + id(table))) {
            while (rs.next()) {
                if (rs.getInt("Non_unique") != 0) {
                    continue;
                }
                String index = rs.getString("Key_name");
                String column = rs.getString("Column_name");
                unique.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
                boolean ok = column != null && rs.getObject("Sub_part") == null
                        && Boolean.FALSE.equals(nullable.get(column));
                usable.merge(index, ok, Boolean::logicalAnd);
            }
        }
        for (Map.Entry<String, List<String>> e : unique.entrySet()) {
            if (usable.get(e.getKey())) {
                return e.getValue();
            }
        }
        return List.of();
    }

    static String id(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
