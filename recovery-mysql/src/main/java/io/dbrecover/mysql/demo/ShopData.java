package io.dbrecover.mysql.demo;

import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.server.MariaDbServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * The demo's shop: a {@code shop} database with customers (utf8mb4 names with accents, CJK, Cyrillic, Arabic and
 * emoji), their orders (DECIMAL, DATETIME(6), ENUM, NULLs, a foreign key) and PDF-like receipts (BLOBs with every
 * byte value), generated from a fixed seed; and the proof that a recovered copy holds exactly the same rows.
 */
final class ShopData {
    static final String DATABASE = "shop";
    /** The tables with their primary keys, in the order they are created (parents first). */
    static final Map<String, String> TABLES = tables();
    static final int CUSTOMERS = 1200;
    static final int ORDERS = 3000;
    static final int RECEIPTS = 400;
    private static final long SEED = 20_261_124L;

    private static final List<String> FIRST = List.of("Zoë", "José", "Søren", "Łukasz", "Ангелина", "محمد", "李",
            "山田", "Chloé", "Björn", "Ana 🌮", "Chris 🚀", "👩‍💻 Dev", "O'Brien", "Nguyễn", "Αλέξανδρος", "Dvořák",
            "Jürgen", "Ålesund", "María-José");
    private static final List<String> LAST = List.of("Müller", "García", "小龙", "太郎", "Петрова", "Smith",
            "Øyvind", "Kowalski", "Ferreira", "\"Quoted\"", "back\\slash", "van der Berg", "😀", "Tran",
                    "Ó Súilleabháin");
    private static final List<String> COUNTRIES = List.of("DE", "ES", "CN", "JP", "RU", "US", "NO", "PL", "PT", "IE",
            "VN", "GR", "CZ", "FR", "EG");
    private static final List<String> STATUSES = List.of("new", "paid", "shipped", "cancelled");

    private ShopData() {
    }

    private static Map<String, String> tables() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("customers", "id");
        t.put("orders", "id");
        t.put("receipts", "order_id");
        return Collections.unmodifiableMap(t);
    }

    /** A connection that sends batches as multi-row inserts (a few thousand rows in well under a second). */
    static Connection connectForLoading(Endpoint endpoint) throws SQLException {
        Properties p = new Properties();
        p.setProperty("rewriteBatchedStatements", "true");
        return MariaDbServer.connect(endpoint, p);
    }

    /** Creates the database, its tables and their rows. */
    static void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            st.execute("CREATE TABLE shop.customers ("
                    + " id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " name VARCHAR(120) NOT NULL,"
                    + " email VARCHAR(190) NOT NULL,"
                    + " country CHAR(2) NOT NULL,"
                    + " created_at DATETIME(6) NOT NULL,"
                    + " vip TINYINT(1) NOT NULL DEFAULT 0,"
                    + " note TEXT NULL,"
                    + " UNIQUE KEY uq_email (email)"
                    + ") ENGINE=InnoDB");
            st.execute("CREATE TABLE shop.orders ("
                    + " id BIGINT NOT NULL PRIMARY KEY,"
                    + " customer_id INT UNSIGNED NOT NULL,"
                    + " placed_at DATETIME(6) NOT NULL,"
                    + " shipped_at DATETIME(6) NULL,"
                    + " total DECIMAL(12,2) NOT NULL,"
                    + " discount DECIMAL(5,4) NULL,"
                    + " status ENUM('new','paid','shipped','cancelled') NOT NULL,"
                    + " note VARCHAR(255) NULL,"
                    + " KEY ix_customer (customer_id),"
                    + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES shop.customers (id)"
                    + ") ENGINE=InnoDB");
            st.execute("CREATE TABLE shop.receipts ("
                    + " order_id BIGINT NOT NULL PRIMARY KEY,"
                    + " issued_on DATE NOT NULL,"
                    + " document MEDIUMBLOB NOT NULL,"
                    + " CONSTRAINT fk_receipts_order FOREIGN KEY (order_id) REFERENCES shop.orders (id)"
                    + ") ENGINE=InnoDB");
        }
        Random random = new Random(SEED);
        LocalDateTime epoch = LocalDateTime.of(2024, 1, 1, 0, 0);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop.customers (id, name, email, country, "
                    + "created_at, vip, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= CUSTOMERS; i++) {
                    String name = FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
                    ps.setInt(1, i);
                    ps.setString(2, name);
                    ps.setString(3, "customer" + i + "@example.test");
                    ps.setString(4, COUNTRIES.get(random.nextInt(COUNTRIES.size())));
                    ps.setObject(5, epoch.plusSeconds(random.nextInt(30_000_000))
                            .withNano(random.nextInt(1_000_000) * 1000));
                    ps.setBoolean(6, random.nextInt(10) == 0);
                    if (random.nextInt(4) == 0) {
                        ps.setNull(7, Types.VARCHAR);
                    } else {
                        ps.setString(7, random.nextBoolean() ? "" : "prefers " + name + " on the label ✉");
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop.orders (id, customer_id, placed_at, "
                    + "shipped_at, total, discount, status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= ORDERS; i++) {
                    LocalDateTime placed = epoch.plusSeconds(random.nextInt(60_000_000))
                            .withNano(random.nextInt(1_000_000) * 1000);
                    String status = STATUSES.get(random.nextInt(STATUSES.size()));
                    ps.setLong(1, 100_000L + i);
                    ps.setInt(2, 1 + random.nextInt(CUSTOMERS));
                    ps.setObject(3, placed);
                    if ("shipped".equals(status)) {
                        ps.setObject(4, placed.plusHours(1 + random.nextInt(200))
                                .plusNanos(random.nextInt(1000) * 1000L));
                    } else {
                        ps.setNull(4, Types.TIMESTAMP);
                    }
                    ps.setBigDecimal(5, BigDecimal.valueOf(random.nextInt(10_000_000), 2));
                    if (random.nextInt(3) == 0) {
                        ps.setBigDecimal(6, BigDecimal.valueOf(random.nextInt(10_000), 4));
                    } else {
                        ps.setNull(6, Types.DECIMAL);
                    }
                    ps.setString(7, status);
                    if (random.nextInt(5) == 0) {
                        ps.setString(8, "gift wrap 🎁, deliver to 東京都 " + random.nextInt(100));
                    } else {
                        ps.setNull(8, Types.VARCHAR);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop.receipts (order_id, issued_on, document) "
                    + "VALUES (?, ?, ?)")) {
                for (int i = 1; i <= RECEIPTS; i++) {
                    byte[] doc = new byte[200 + random.nextInt(4000)];
                    random.nextBytes(doc);
                    // a recognisable header, and every byte value including 0x00 and 0xFF in the body
                    byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(header, 0, doc, 0, header.length);
                    ps.setLong(1, 100_000L + i * 7L);
                    ps.setObject(2, LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700)));
                    ps.setBytes(3, doc);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The proof of every table. */
    static Map<String, RowHash> prove(Connection c) throws SQLException {
        Map<String, RowHash> out = new LinkedHashMap<>();
        for (String table : TABLES.keySet()) {
            out.put(table, proveTable(c, table));
        }
        return out;
    }

    /** Row count and ordered row hash of one table. */
    static RowHash proveTable(Connection c, String table) throws SQLException {
        long rows;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + DATABASE + "." + table)) {
            rs.next();
            rows = rs.getLong(1);
        }
        RowHash hash = RowHash.of(c, orderedQuery(table));
        return new RowHash(rows, hash.sha256());
    }

    /** The query whose rows are hashed: every column, in primary-key order. */
    static String orderedQuery(String table) {
        String pk = TABLES.get(table);
        if (pk == null) {
            throw new IllegalArgumentException("not a demo table: " + table);
        }
        return "SELECT * FROM " + DATABASE + "." + table + " ORDER BY " + pk;
    }

    /** The server's own {@code SHOW CREATE TABLE} of every table, the oracle for DDL regenerated from .frm files. */
    static Map<String, String> showCreate(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : TABLES.keySet()) {
                try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + DATABASE + "." + table)) {
                    rs.next();
                    out.put(table, rs.getString(2));
                }
            }
        }
        return out;
    }
}
