package io.dbrecover.postgres.demo;

import io.dbrecover.core.verify.RowHash;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's shop: customers and their orders, 2,000 rows with numerics, non-ASCII text, timestamps with
 * microseconds and NULLs. Values are computed from the row number, so every run creates the same data.
 */
final class DemoData {
    static final int CUSTOMERS = 400;
    static final int ORDERS = 1600;
    static final List<String> TABLES = List.of("customers", "orders");

    private static final String[] FIRST = {"Zoë", "Łukasz", "Ångström", "José", "Søren", "Björk", "Dũng", "Chloé",
        "Ngozi", "María", "Jürgen", "Amélie", "O'Neil", "Ана"};
    private static final String[] LAST = {"Müller", "Żółć", "Ōtsuka", "Núñez", "Kovač", "Dvořák", "Çelik", "李",
        "Петров", "Smith", "Ó Briain"};
    private static final String[] CITIES = {"São Paulo", "Kraków", "Zürich", "東京", "Reykjavík", "Αθήνα", "Lagos",
        "Montréal", null};
    private static final String[] CURRENCIES = {"EUR", "USD", "PLN", "JPY", "CHF"};
    private static final String[] COMMENTS = {"Lieferung an Packstation ✓", "délai de livraison dépassé",
        "包装破损", "", "two\nlines", "emoji 📦 inside"};
    private static final OffsetDateTime BASE = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private DemoData() {
    }

    static void create(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text, city text,"
                    + " balance numeric(12,2) NOT NULL, created_at timestamptz NOT NULL, note text)");
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY,"
                    + " customer_id integer NOT NULL REFERENCES customers(id), amount numeric(10,2) NOT NULL,"
                    + " currency char(3) NOT NULL, placed_at timestamptz NOT NULL, shipped_at timestamptz,"
                    + " comment text)");
            st.execute("CREATE INDEX orders_customer_idx ON orders (customer_id)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= CUSTOMERS; i++) {
                ps.setInt(1, i);
                ps.setString(2, FIRST[i % FIRST.length] + " " + LAST[(i * 7) % LAST.length]);
                setNullable(ps, 3, i % 7 == 0 ? null : "customer" + i + "@example.org");
                setNullable(ps, 4, CITIES[i % CITIES.length]);
                BigDecimal balance = BigDecimal.valueOf((i * 7919L) % 1_000_000, 2);
                ps.setBigDecimal(5, i % 9 == 0 ? balance.negate() : balance);
                ps.setObject(6, BASE.plusHours(i * 37L).plusMinutes(i).plusNanos((i * 123_457L % 1_000_000) * 1000));
                setNullable(ps, 7, i % 25 == 0 ? "VIP ⭐ since " + (2000 + i % 24) : i % 40 == 3 ? "" : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= ORDERS; i++) {
                ps.setLong(1, 1_000_000L + i);
                ps.setInt(2, 1 + (i * 31) % CUSTOMERS);
                ps.setBigDecimal(3, BigDecimal.valueOf((i * 4711L) % 100_000 + 1, 2));
                ps.setString(4, CURRENCIES[i % CURRENCIES.length]);
                OffsetDateTime placed = BASE.plusHours(i * 3L).plusSeconds(i % 60).plusNanos((i % 1000) * 1000L);
                ps.setObject(5, placed);
                if (i % 4 == 0) {
                    ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(6, placed.plusDays(i % 5 + 1L));
                }
                setNullable(ps, 7, i % 3 == 0 ? COMMENTS[i % COMMENTS.length] : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
    }

    /** Row counts and ordered row hashes of every demo table. */
    static Map<String, RowHash> prove(Connection c) throws SQLException {
        Map<String, RowHash> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, proveTable(c, table));
        }
        return out;
    }

    /**
     * The row count and ordered row hash of a table: floating point by its bits (PostgreSQL 12+ prints them
     * shortest-round-trip, so the driver parses back the exact value), timestamptz in UTC.
     */
    static RowHash proveTable(Connection c, String table) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        // pgjdbc streams with a fetch size only inside a transaction
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                // timestamptz text is in the session's zone: hash every instant in one, whatever the caller set
                st.execute("SET LOCAL TIME ZONE 'UTC'");
            }
            long count;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                count = rs.getLong(1);
            }
            RowHash hash = RowHash.of(c, orderedQuery(table));
            return new RowHash(count, hash.sha256());
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    static String orderedQuery(String table) {
        return "SELECT * FROM " + table + " ORDER BY id";
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
