package io.dbrecover.mysql.transplant;

import io.dbrecover.mysql.ddl.DdlWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ordered query whose {@link io.dbrecover.core.verify.RowHash} proves a table: every column (invisible and
 * generated ones too, named explicitly because {@code SELECT *} hides invisible columns) in declared order, sorted
 * by the primary key, else by the first UNIQUE key whose columns are all NOT NULL and unprefixed, else by every
 * column. Long values sort by their MD5 so that rows differing past {@code max_sort_length} still sort the same way
 * on both servers. The query is derived from the server's own dictionary, so the source before a disaster and the
 * recovered copy afterwards get the same text when they hold the same definition.
 */
public final class RowOrder {
    private static final Set<String> LONG_TYPES = Set.of("tinytext", "text", "mediumtext", "longtext", "tinyblob",
            "blob", "mediumblob", "longblob", "json", "geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection");

    private RowOrder() {
    }

    /** The ordered query for {@code database.table} as the connected server defines it. */
    public static String orderedSelect(Connection c, String database, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Boolean> nullable = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT));
                    nullable.put(rs.getString(1), "YES".equals(rs.getString(3)));
                }
            }
        }
        if (types.isEmpty()) {
            throw new SQLException("table `" + database + "`.`" + table + "` has no columns or does not exist");
        }
        List<String> key = orderKey(c, database, table, nullable);
        List<String> order = new ArrayList<>();
        if (key.isEmpty()) {
            for (Map.Entry<String, String> e : types.entrySet()) {
                order.add(LONG_TYPES.contains(e.getValue()) ? "MD5(" + DdlWriter.id(e.getKey()) + ")" : DdlWriter.id(e.getKey()));
            }
        } else {
            key.forEach(k -> order.add(DdlWriter.id(k)));
        }
        return "SELECT " + String.join(", ", types.keySet().stream().map(DdlWriter::id).toList()) + " FROM "
                + DdlWriter.id(database) + "." + DdlWriter.id(table) + " ORDER BY " + String.join(", ", order);
    }

    private static List<String> orderKey(Connection c, String database, String table, Map<String, Boolean> nullable)
            throws SQLException {
        Map<String, List<String>> unique = new LinkedHashMap<>();
        Map<String, Boolean> usable = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT INDEX_NAME, COLUMN_NAME, SUB_PART FROM "
                + "information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0 "
                + "ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String index = rs.getString(1);
                    String column = rs.getString(2);
                    unique.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
                    boolean ok = column != null && rs.getObject(3) == null
                            && Boolean.FALSE.equals(nullable.get(column));
                    usable.merge(index, ok, Boolean::logicalAnd);
                }
            }
        }
        for (Map.Entry<String, List<String>> e : unique.entrySet()) {
            if (usable.get(e.getKey())) {
                return e.getValue();
            }
        }
        return List.of();
    }
}
