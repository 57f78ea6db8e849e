package io.dbrecover.mysql.transplant;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.verify.TableHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages the disaster of issue 5 from scratch: a throwaway MariaDB gets two databases ({@code shop}, {@code app})
 * with 30 tables that cover every row format, column type family, key kind, partitioning and instant-DDL case the
 * transplant must handle, each with at least 1,000 rows generated deterministically by the server itself (the
 * SEQUENCE engine, so no row travels over JDBC). Expectations (ordered row hashes through {@link io.dbrecover.mysql.verify.TableHash}, the same
 * call the orchestrator hashes the recovered tables with; {@code SHOW CREATE TABLE}; the row format InnoDB chose)
 * are recorded, the server is ended, and only the {@code .frm}, {@code .ibd} and {@code .par} files of the two
 * databases are copied to {@code baseDir/orphan/<db>/}: no {@code ibdata1}, no redo log, no {@code mysql/}.
 *
 * <p>FULLTEXT indexes leave their auxiliary {@code FTS_*.ibd} tables in the database directory; they are copied too,
 * as they would be in a real orphaned directory, but are no tables of {@link Staged#expected()}.
 */
final class Disaster {
    private static final Logger LOG = LoggerFactory.getLogger(Disaster.class);
    static final String SHOP = "shop";
    static final String APP = "app";
    /** The table written right before the end of the source server; with {@link Ending#KILL_9} it is not flushed. */
    static final String LAST_MINUTE = APP + ".last_minute";
    /** Rows that hold a NULL in every nullable column: every 11th. */
    private static final int NULL_EVERY = 11;
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

    /** The on-disk format the source server writes. */
    enum Format {
        /** MariaDB 10.11 defaults: full_crc32 checksums, DYNAMIC row format. */
        CURRENT(Map.of(), "Dynamic"),
        /** crc32 checksums and COMPACT by default, as MySQL 5.6/5.7 and MariaDB before 10.5 write. */
        OLD(Map.of("innodb_checksum_algorithm", "crc32", "innodb_default_row_format", "compact"), "Compact");

        private final Map<String, String> settings;
        private final String defaultRowFormat;

        Format(Map<String, String> settings, String defaultRowFormat) {
            this.settings = settings;
            this.defaultRowFormat = defaultRowFormat;
        }

        /** The server settings that make the format. */
        Map<String, String> settings() {
            return settings;
        }

        /** The row format of tables that name none, as {@code information_schema} spells it. */
        String defaultRowFormat() {
            return defaultRowFormat;
        }
    }

    /** How the source server ends. */
    enum Ending {
        /** A normal shutdown: every committed page is on disk. */
        CLEAN_SHUTDOWN,
        /**
         * SIGKILL right after the last commit: every table but {@link #LAST_MINUTE} was flushed before (dirty pages
         * waited down to zero), {@link #LAST_MINUTE} is created and filled just before the kill. Seen on MariaDB
         * 10.11: its .ibd is left all zeros (import fails with ERROR 1034) while the flushed tables import whole.
         */
        KILL_9
    }

    /**
     * What was staged.
     *
     * @param orphanDir   a datadir-like directory holding only database directories with .frm/.ibd/.par files
     * @param databases   the database names
     * @param expected    "db.table" → ordered row hash before the disaster
     * @param showCreate  "db.table" → SHOW CREATE TABLE before the disaster, as the server prints it: 4-byte
     *                    characters in ENUM/SET labels come out as '?' (app.enum_set has '🙂'), so this text
     *                    is an oracle for comparison, not a definition to create the table from
     * @param rowFormat   "db.table" → the row format InnoDB gave it (information_schema.INNODB_SYS_TABLES; for a
     *                    partitioned table, its first partition's)
     * @param writtenLast "db.table" of the tables whose last commits may not be on disk (empty after a clean
     *                    shutdown); recovery may lose their rows or fail on them
     * @param took        how long staging took, server start and end included
     */
    record Staged(Path orphanDir, List<String> databases, Map<String, RowHash> expected,
                  Map<String, String> showCreate, Map<String, String> rowFormat, List<String> writtenLast,
                  Duration took) {
        Staged {
            databases = List.copyOf(databases);
            expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
            showCreate = Collections.unmodifiableMap(new LinkedHashMap<>(showCreate));
            rowFormat = Collections.unmodifiableMap(new LinkedHashMap<>(rowFormat));
            writtenLast = List.copyOf(writtenLast);
        }
    }

    /** One table: its database, name, the row format it asks for (null: the server's default) and its statements. */
    private record Table(String db, String name, String rowFormat, List<String> sql) {
        String key() {
            return db + "." + name;
        }
    }

    private Disaster() {
    }

    /**
     * Builds the disaster under {@code baseDir}: the source server's files are removed afterwards, the orphaned files
     * stay in {@code baseDir/orphan}.
     */
    static Staged stage(Path baseDir, Format format, Ending ending) {
        long t0 = System.nanoTime();
        Path orphan = baseDir.resolve("orphan");
        Map<String, RowHash> expected = new LinkedHashMap<>();
        Map<String, String> showCreate = new LinkedHashMap<>();
        Map<String, String> rowFormat = new LinkedHashMap<>();
        List<String> writtenLast = new ArrayList<>();
        ServerOptions.Builder options = ServerOptions.builder().baseDir(baseDir).keepFiles(true);
        format.settings().forEach(options::setting);
        Path dataDir;
        try (MariaDbServer server = new MariaDbServerProvider().createServer(options.build())) {
            server.start();
            long started = System.nanoTime();
            dataDir = server.info().dataDir();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + SHOP + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                st.execute("CREATE DATABASE " + APP + " CHARACTER SET utf8mb4");
                List<Table> tables = tables();
                Table lastMinute = lastMinute();
                for (Table t : tables) {
                    run(st, t);
                }
                long built = System.nanoTime();
                if (ending == Ending.CLEAN_SHUTDOWN) {
                    run(st, lastMinute);
                    tables.add(lastMinute);
                    record(c, tables, expected, showCreate, rowFormat);
                    // the ordinary SIGTERM shutdown of close() below writes every dirty page
                } else {
                    record(c, tables, expected, showCreate, rowFormat);
                    flushEverything(st);
                    run(st, lastMinute);
                    record(c, List.of(lastMinute), expected, showCreate, rowFormat);
                    writtenLast.add(lastMinute.key());
                    kill(st);
                }
                LOG.info("disaster {} + {}: server started in {} ms, tables built in {} ms, expectations recorded "
                        + "in {} ms", format, ending, ms(started - t0), ms(built - started),
                        ms(System.nanoTime() - built));
            } catch (SQLException e) {
                throw new IllegalStateException("staging the disaster failed: " + e.getMessage(), e);
            }
        }
        try {
            for (String db : List.of(SHOP, APP)) {
                copyOrphans(dataDir.resolve(db), orphan.resolve(db));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TempDirs.deleteQuietly(dataDir.getParent());
        return new Staged(orphan, List.of(SHOP, APP), expected, showCreate, rowFormat, writtenLast,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** "db.table" → the row format each table must have in the given format, as information_schema spells it. */
    static Map<String, String> intendedRowFormats(Format format) {
        Map<String, String> out = new LinkedHashMap<>();
        List<Table> all = tables();
        all.add(lastMinute());
        for (Table t : all) {
            out.put(t.key(), t.rowFormat() == null ? format.defaultRowFormat() : t.rowFormat());
        }
        return out;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void run(Statement st, Table t) throws SQLException {
        long t0 = System.nanoTime();
        st.execute("USE " + t.db());
        for (String sql : t.sql()) {
            try {
                st.execute(sql);
            } catch (SQLException e) {
                throw new SQLException(t.key() + ": " + e.getMessage() + " in: " + abbreviate(sql), e.getSQLState(),
                        e.getErrorCode(), e);
            }
        }
        LOG.debug("{} built in {} ms", t.key(), ms(System.nanoTime() - t0));
    }

    private static String abbreviate(String sql) {
        return sql.length() > 300 ? sql.substring(0, 300) + "…" : sql;
    }

    private static void record(Connection c, List<Table> tables, Map<String, RowHash> expected,
                               Map<String, String> showCreate, Map<String, String> rowFormat) throws SQLException {
        Map<String, String> formats = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NAME, ROW_FORMAT FROM information_schema.INNODB_SYS_TABLES "
                     + "ORDER BY NAME")) {
            while (rs.next()) {
                // db/table, or db/table#P#partition for a partition (the first one speaks for the table)
                String name = rs.getString(1);
                int p = name.indexOf("#P#");
                formats.putIfAbsent((p < 0 ? name : name.substring(0, p)).replace('/', '.'), rs.getString(2));
            }
        }
        for (Table t : tables) {
            expected.put(t.key(), TableHash.of(c, t.db(), t.name()));
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + DdlWriter.id(t.db()) + "."
                         + DdlWriter.id(t.name()))) {
                rs.next();
                showCreate.put(t.key(), rs.getString(2));
            }
            rowFormat.put(t.key(), formats.get(t.key()));
        }
    }

    /** Writes every dirty page to the tablespace files, so that the files alone hold what was committed so far. */
    static void flushEverything(Statement st) throws SQLException {
        // the default io capacity (200 pages a second) would take many seconds for the blobs
        st.execute("SET GLOBAL innodb_io_capacity_max = 100000");
        st.execute("SET GLOBAL innodb_io_capacity = 50000");
        st.execute("SET GLOBAL innodb_max_dirty_pages_pct_lwm = 0");
        st.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
        long deadline = System.nanoTime() + FLUSH_TIMEOUT.toNanos();
        while (dirtyPages(st) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("InnoDB still has " + dirtyPages(st) + " dirty pages after "
                        + FLUSH_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for InnoDB to flush", e);
            }
        }
        // from here on the page cleaner may take its time: the last table's pages should stay in memory
        st.execute("SET GLOBAL innodb_max_dirty_pages_pct = 90");
        st.execute("SET GLOBAL innodb_io_capacity = 200");
    }

    private static long dirtyPages(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    /** SIGKILL for the server whose pid file the connected server names: no shutdown, no last flush. */
    static void kill(Statement st) throws SQLException {
        String pidFile;
        try (ResultSet rs = st.executeQuery("SELECT @@pid_file")) {
            rs.next();
            pidFile = rs.getString(1);
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(Path.of(pidFile), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() ->
                new IllegalStateException("no process " + pid + " (from " + pidFile + ")"));
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** Copies what a disaster leaves of a database directory: its .frm, .ibd and .par files. */
    static void copyOrphans(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(f) && (name.endsWith(".frm") || name.endsWith(".ibd")
                        || name.endsWith(".par"))) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    // ---- the tables ----

    /** {@code expr}, or NULL on every {@link #NULL_EVERY}th row. */
    private static String n(String expr) {
        return "IF(n % " + NULL_EVERY + " = 0, NULL, " + expr + ")";
    }

    /** The row source: {@code n} is 1..count as a signed integer (the SEQUENCE engine's seq is unsigned). */
    private static String rows(int count) {
        return " FROM (SELECT CAST(seq AS SIGNED) AS n FROM seq_1_to_" + count + ") s";
    }

    private static List<Table> tables() {
        List<Table> t = new ArrayList<>();
        shop(t);
        app(t);
        return t;
    }

    private static void shop(List<Table> t) {
        t.add(new Table(SHOP, "customers", null, List.of(
                "CREATE TABLE customers (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                        + "name VARCHAR(100) NOT NULL, email VARCHAR(120) NOT NULL, city VARCHAR(60) NULL, "
                        + "created DATETIME(3) NOT NULL, UNIQUE KEY uk_email (email), KEY k_city (city)) "
                        + "ENGINE=InnoDB",
                "INSERT INTO customers (name, email, city, created) SELECT CONCAT(ELT(1 + n % 6, 'Zoë', '山田太郎', "
                        + "'Ølaf 🐳', 'Chloé', 'Иван', '김민준 😀'), ' #', n), CONCAT('c', n, '@example.com'), "
                        + n("ELT(1 + n % 4, '東京', 'Zürich', 'São Paulo', 'Köln 🏰')") + ", TIMESTAMP'2020-01-01 "
                        + "00:00:00' + INTERVAL n * 3607 SECOND + INTERVAL n % 1000 * 1000 MICROSECOND" + rows(1200),
                "UPDATE customers SET city = 'moved 更新' WHERE id % 13 = 0",
                "DELETE FROM customers WHERE id % 7 = 0")));
        t.add(new Table(SHOP, "orders", null, List.of(
                "CREATE TABLE orders (id BIGINT NOT NULL PRIMARY KEY, customer_id INT UNSIGNED NOT NULL, "
                        + "status ENUM('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new', "
                        + "total DECIMAL(12,2) NOT NULL, placed TIMESTAMP(6) NOT NULL, note VARCHAR(200) NULL, "
                        + "KEY k_placed (placed), CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) "
                        + "REFERENCES customers (id))",
                // customers whose id is a multiple of 7 are gone: take the next one
                "INSERT INTO orders SELECT n, IF((1 + n % 1199) % 7 = 0, 2 + n % 1199, 1 + n % 1199), "
                        + "ELT(1 + n % 4, 'new', 'paid', 'shipped', 'cancelled'), (n * 7919 % 1000000) / 100, "
                        + "TIMESTAMP'2021-03-01 12:00:00' + INTERVAL n * 5003 SECOND + INTERVAL n * 37 MICROSECOND, "
                        + n("CONCAT('deliver to door ', n, ' ✓')") + rows(1500),
                "UPDATE orders SET status = 'cancelled', note = 'customer called' WHERE id % 17 = 0")));
        t.add(new Table(SHOP, "order_items", null, List.of(
                "CREATE TABLE order_items (order_id BIGINT NOT NULL, line SMALLINT UNSIGNED NOT NULL, "
                        + "product_id INT NOT NULL, qty SMALLINT NOT NULL, price DECIMAL(10,2) NOT NULL, "
                        + "PRIMARY KEY (order_id, line), KEY k_product (product_id), CONSTRAINT fk_items_order "
                        + "FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE)",
                "INSERT INTO order_items SELECT o.id, l.seq, 1 + (o.id * 31 + l.seq) % 1000, 1 + (o.id + l.seq) % 9, "
                        + "(o.id * l.seq * 13 % 100000) / 100 FROM orders o JOIN seq_1_to_2 l",
                // the cascade deletes their items too
                "DELETE FROM orders WHERE id % 7 = 0")));
        t.add(new Table(SHOP, "products", null, List.of(
                "CREATE TABLE products (id INT NOT NULL PRIMARY KEY, sku CHAR(12) NOT NULL, title VARCHAR(200) "
                        + "NOT NULL, description TEXT NULL, price DECIMAL(8,2) NULL, UNIQUE KEY uk_sku (sku), "
                        + "FULLTEXT KEY ft_text (title, description))",
                "INSERT INTO products SELECT n, CONCAT('SKU-', LPAD(n, 8, '0')), CONCAT(ELT(1 + n % 5, 'Kettle', "
                        + "'Teapot', 'Mug', '急須', 'Cup'), ' model ', n), " + n("CONCAT('A fine item, number ', n, "
                        + "'. ', REPEAT('Handmade and durable. ', n % 30))") + ", " + n("(n * 1237 % 99999) / 100")
                        + rows(1000))));
        for (String[] f : new String[][] {{"fmt_redundant", "ROW_FORMAT=REDUNDANT", "Redundant"},
            {"fmt_compact", "ROW_FORMAT=COMPACT", "Compact"}, {"fmt_dynamic", "ROW_FORMAT=DYNAMIC", "Dynamic"},
            {"fmt_compressed4", "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4", "Compressed"},
            {"fmt_compressed8", "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8", "Compressed"},
            {"fmt_page_compressed", "ROW_FORMAT=DYNAMIC PAGE_COMPRESSED=1", "Dynamic"}}) {
            t.add(new Table(SHOP, f[0], f[2], List.of(
                    "CREATE TABLE " + f[0] + " (id INT NOT NULL PRIMARY KEY, code CHAR(10) NOT NULL, "
                            + "label VARCHAR(255) NULL, qty INT NULL, price DECIMAL(10,3) NULL, body TEXT NULL, "
                            + "payload LONGBLOB NULL, updated DATETIME(6) NULL, KEY k_code (code)) " + f[1],
                    // every 40th row carries a 20-100 KB blob (off-page in every format), others small values;
                    // the label names the table, so that the same .ibd put into another of them is noticed
                    "INSERT INTO " + f[0] + " SELECT n, CONCAT('C', LPAD(n * 7 % 100000, 6, '0')), "
                            + n("CONCAT('" + f[0] + " ', n, ' ', ELT(1 + n % 3, 'ünïcödé', '中文标签', 'plain 🧪'))")
                            + ", "
                            + n("n * 37 - 20000") + ", " + n("(n * 7919 % 10000000) / 1000") + ", "
                            + n("REPEAT(CONCAT('日本語テキスト🙂 ', n, ' '), 1 + n % 40)") + ", "
                            + "IF(n % 40 = 0, REPEAT(UNHEX(SHA2(n, 256)), 640 + n * 37 % 2560), "
                            + n("UNHEX(SHA2(n, 512))") + "), " + n("TIMESTAMP'2022-06-01 00:00:00' + INTERVAL n "
                            + "HOUR + INTERVAL n * 991 MICROSECOND") + rows(1200),
                    "UPDATE " + f[0] + " SET label = CONCAT('updated ', id), qty = -qty WHERE id % 5 = 0",
                    "DELETE FROM " + f[0] + " WHERE id % 7 = 0")));
        }
        t.add(new Table(SHOP, "sales_range", null, List.of(
                "CREATE TABLE sales_range (id INT NOT NULL, sold DATE NOT NULL, amount DECIMAL(10,2) NULL, "
                        + "region VARCHAR(20) NULL, PRIMARY KEY (id, sold)) PARTITION BY RANGE (YEAR(sold)) "
                        + "(PARTITION p2021 VALUES LESS THAN (2022), PARTITION p2022 VALUES LESS THAN (2023), "
                        + "PARTITION p2023 VALUES LESS THAN (2024), PARTITION pmax VALUES LESS THAN MAXVALUE)",
                "INSERT INTO sales_range SELECT n, DATE'2021-01-01' + INTERVAL n * 37 % 1500 DAY, "
                        + n("(n * 4567 % 1000000) / 100") + ", " + n("ELT(1 + n % 3, 'north', 'south', 'east')")
                        + rows(1200),
                "DELETE FROM sales_range WHERE id % 7 = 0")));
        t.add(new Table(SHOP, "sales_list", null, List.of(
                "CREATE TABLE sales_list (id INT NOT NULL, region_id INT NOT NULL, amount DECIMAL(10,2) NULL, "
                        + "PRIMARY KEY (id, region_id)) PARTITION BY LIST (region_id) (PARTITION p_north VALUES IN "
                        + "(1, 2), PARTITION p_south VALUES IN (3, 4), PARTITION p_other VALUES IN (0, 5, 6))",
                "INSERT INTO sales_list SELECT n, n % 7, " + n("(n * 911 % 100000) / 100") + rows(1100))));
        t.add(new Table(SHOP, "sales_hash", null, List.of(
                "CREATE TABLE sales_hash (id INT NOT NULL PRIMARY KEY, customer VARCHAR(50) NULL, "
                        + "amount DECIMAL(10,2) NULL) PARTITION BY HASH (id) PARTITIONS 4",
                "INSERT INTO sales_hash SELECT n, " + n("CONCAT('customer ', n % 97)") + ", "
                        + n("(n * 313 % 100000) / 100") + rows(1100),
                "UPDATE sales_hash SET amount = amount * 2 WHERE id % 9 = 0")));
        t.add(new Table(SHOP, "latin1_notes", null, List.of(
                "CREATE TABLE latin1_notes (id INT NOT NULL PRIMARY KEY, author VARCHAR(40) NOT NULL, "
                        + "note VARCHAR(200) NULL, extra TEXT NULL) DEFAULT CHARSET=latin1",
                "INSERT INTO latin1_notes SELECT n, ELT(1 + n % 4, 'Müller', 'Françoise', 'Øster', 'Núñez'), "
                        + n("CONCAT('café crème n°', n, ' à ', n % 60, '°C')") + ", "
                        + n("REPEAT('naïve façade ', n % 50)") + rows(1000))));
    }

    private static void app(List<Table> t) {
        t.add(new Table(APP, "int_types", null, List.of(
                "CREATE TABLE int_types (id INT NOT NULL PRIMARY KEY, t TINYINT NULL, tu TINYINT UNSIGNED NULL, "
                        + "tz TINYINT(3) UNSIGNED ZEROFILL NULL, s SMALLINT NULL, su SMALLINT UNSIGNED NULL, "
                        + "sz SMALLINT(5) UNSIGNED ZEROFILL NULL, m MEDIUMINT NULL, mu MEDIUMINT UNSIGNED NULL, "
                        + "i INT NULL, iu INT UNSIGNED NULL, iz INT(10) UNSIGNED ZEROFILL NULL, b BIGINT NULL, "
                        + "bu BIGINT UNSIGNED NULL, bz BIGINT(20) UNSIGNED ZEROFILL NULL, flag BOOLEAN NULL)",
                "INSERT INTO int_types SELECT n, " + n("n % 256 - 128") + ", " + n("n % 256") + ", " + n("n % 200")
                        + ", " + n("n * 131 % 65536 - 32768") + ", " + n("n * 131 % 65536") + ", " + n("n * 7")
                        + ", " + n("n * 40009 % 16777216 - 8388608") + ", " + n("n * 40009 % 16777216") + ", "
                        + n("IF(n = 1, -2147483648, IF(n = 2, 2147483647, n * 2147483 % 4294967296 - 2147483648))")
                        + ", " + n("IF(n = 2, 4294967295, n * 2147483 % 4294967296)") + ", " + n("n * 1000003") + ", "
                        + n("IF(n = 1, -9223372036854775808, IF(n = 2, 9223372036854775807, "
                        + "(n - 500) * 9000000000000000))") + ", "
                        + n("IF(n = 2, 18446744073709551615, CAST(n AS UNSIGNED) * 18000000000000000)") + ", "
                        + n("CAST(n AS UNSIGNED) * 1000000007") + ", " + n("n % 2") + rows(1000))));
        t.add(new Table(APP, "decimal_types", null, List.of(
                "CREATE TABLE decimal_types (id INT NOT NULL PRIMARY KEY, d1 DECIMAL(5,2) NULL, "
                        + "d2 DECIMAL(10,0) UNSIGNED NULL, d3 DECIMAL(18,9) NULL, d4 DECIMAL(38,10) NULL, "
                        + "d5 DECIMAL(65,30) NULL, d6 DECIMAL(4,4) NOT NULL)",
                "INSERT INTO decimal_types SELECT n, " + n("(n * 37 % 199999 - 99999) / 100") + ", "
                        + n("n * 9999991") + ", " + n("CAST(CONCAT(n - 500, '.', LPAD(n * 7919 % 1000000000, 9, "
                        + "'0')) AS DECIMAL(18,9))") + ", " + n("CAST(CONCAT(IF(n % 2 = 0, '-', ''), REPEAT('9', "
                        + "n % 24), n, '.', LPAD(n, 10, '0')) AS DECIMAL(38,10))") + ", "
                        + n("CAST(CONCAT('-', REPEAT('1234', n % 8), n, '.', REPEAT('0123456789', 3)) AS "
                        + "DECIMAL(65,30))") + ", (n % 10000) / 10000" + rows(1000))));
        t.add(new Table(APP, "float_types", null, List.of(
                "CREATE TABLE float_types (id INT NOT NULL PRIMARY KEY, f FLOAT NULL, d DOUBLE NULL, "
                        + "fp FLOAT(7,3) NULL, dp DOUBLE(16,6) NULL, bit1 BIT(1) NULL, bit17 BIT(17) NULL, "
                        + "bit64 BIT(64) NULL)",
                "INSERT INTO float_types SELECT n, " + n("(n - 500) * 1.5e-3") + ", "
                        + n("(n - 500) * 3.14159265358979e10 / 7") + ", " + n("(n * 7 % 20000 - 10000) / 3") + ", " + n("(n - 333) * 12345.678901") + ", "
                        + n("n % 2") + ", " + n("n * 97 % 131072") + ", " + n("CAST(n AS UNSIGNED) * 18014398509481951")
                        + rows(1000))));
        t.add(new Table(APP, "string_types", null, List.of(
                "CREATE TABLE string_types (id INT NOT NULL PRIMARY KEY, c CHAR(20) NULL, vc VARCHAR(300) NULL, "
                        + "bin BINARY(16) NULL, vb VARBINARY(500) NULL, c_ascii CHAR(10) CHARACTER SET ascii NULL, "
                        + "vc_big VARCHAR(2500) NULL, c_bin CHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
                        + "NOT NULL)",
                "INSERT INTO string_types SELECT n, " + n("CONCAT('c', n, ' ', ELT(1 + n % 3, '😀', '漢字', 'é'))")
                        + ", " + n("CONCAT(REPEAT('variable ', n % 30), '🚀', n)") + ", " + n("UNHEX(MD5(n))") + ", "
                        + n("UNHEX(REPEAT(SHA2(n, 256), 1 + n % 7))") + ", " + n("CONCAT('a', n)") + ", "
                        // long 4-byte values push the row over half a page: stored off-page in DYNAMIC
                        + n("IF(n % 10 = 0, REPEAT('🌏', 2000 + n % 500), CONCAT('short 🌏 ', n))") + ", CONCAT('k', n)" + rows(1000))));
        t.add(new Table(APP, "lob_types", null, List.of(
                "CREATE TABLE lob_types (id INT NOT NULL PRIMARY KEY, tt TINYTEXT NULL, t TEXT NULL, "
                        + "mt MEDIUMTEXT NULL, lt LONGTEXT NULL, tb TINYBLOB NULL, b BLOB NULL, mb MEDIUMBLOB NULL, "
                        + "lb LONGBLOB NULL)",
                "INSERT INTO lob_types SELECT n, " + n("CONCAT('tiny ', n, ' 🐜')") + ", "
                        + n("REPEAT(CONCAT('text ', n, ' '), 1 + n % 200)") + ", "
                        + n("IF(n % 20 = 0, REPEAT(CONCAT('中', n), 8000 + n * 13 % 8000), CONCAT('m', n))") + ", "
                        + n("IF(n % 20 = 5, REPEAT(SHA2(n, 256), 320 + n * 7 % 1200), CONCAT('l', n))") + ", "
                        + n("UNHEX(SHA2(n, 224))") + ", " + n("REPEAT(UNHEX(MD5(n)), 1 + n % 100)") + ", "
                        + n("IF(n % 20 = 10, REPEAT(UNHEX(SHA2(n, 512)), 320 + n % 1200), UNHEX(MD5(n)))") + ", "
                        + n("IF(n % 20 = 15, REPEAT(UNHEX(SHA2(n, 384)), 430 + n % 1700), X'00FF00')") + rows(1000))));
        t.add(new Table(APP, "enum_set", null, List.of(
                "CREATE TABLE enum_set (id INT NOT NULL PRIMARY KEY, size ENUM('small','medium','large','x-large',"
                        + "'🙂') NOT NULL DEFAULT 'medium', colours SET('red','green','blue','黒') NULL, "
                        + "maybe ENUM('yes','no') NULL, KEY k_size (size))",
                "INSERT INTO enum_set SELECT n, 1 + n % 5, " + n("n % 16") + ", " + n("1 + n % 2") + rows(1000))));
        t.add(new Table(APP, "temporal_types", null, List.of(
                "CREATE TABLE temporal_types (id INT NOT NULL PRIMARY KEY, d DATE NULL, t0 TIME NULL, "
                        + "t3 TIME(3) NULL, t6 TIME(6) NULL, dt0 DATETIME NULL, dt3 DATETIME(3) NULL, "
                        + "dt6 DATETIME(6) NULL, ts0 TIMESTAMP NULL, ts3 TIMESTAMP(3) NULL, ts6 TIMESTAMP(6) NULL, "
                        + "y YEAR NULL)",
                "INSERT INTO temporal_types SELECT n, " + n("IF(n = 1, DATE'9999-12-31', DATE'1000-01-01' + "
                        + "INTERVAL n * 365 DAY)") + ", " + n("SEC_TO_TIME(n * 7919 % 1677600 - 838800)") + ", "
                        + n("SEC_TO_TIME(n * 7919 % 1677600 - 838800 + (n % 1000) / 1000)") + ", "
                        + n("SEC_TO_TIME(n * 6131 % 1677600 - 838800 + (n * 997 % 1000000) / 1000000)") + ", "
                        + n("TIMESTAMP'1970-01-01 00:00:00' + INTERVAL n * 98765431 SECOND") + ", "
                        + n("TIMESTAMP'1000-01-01 00:00:00' + INTERVAL n * 12345678 SECOND + INTERVAL n * 1000 "
                        + "MICROSECOND") + ", "
                        + n("TIMESTAMP'1970-01-01 00:00:00' + INTERVAL n * 98765431 SECOND + INTERVAL n * 997 % "
                        + "1000000 MICROSECOND") + ", " + n("TIMESTAMP'2001-01-01 00:00:00' + INTERVAL n * 259197 "
                        + "SECOND") + ", " + n("TIMESTAMP'2001-01-01 00:00:00' + INTERVAL n * 259197 SECOND + "
                        + "INTERVAL n % 1000 * 1000 MICROSECOND") + ", " + n("TIMESTAMP'2030-01-01 00:00:00' - "
                        + "INTERVAL n * 259197 SECOND + INTERVAL n * 997 % 1000000 MICROSECOND") + ", "
                        + n("1901 + n % 255") + rows(1000))));
        t.add(new Table(APP, "json_docs", null, List.of(
                "CREATE TABLE json_docs (id INT NOT NULL PRIMARY KEY, doc JSON NULL, meta JSON NOT NULL)",
                "INSERT INTO json_docs SELECT n, " + n("JSON_OBJECT('id', n, 'name', CONCAT('名前 ', n, ' 🎌'), "
                        + "'tags', JSON_ARRAY('a', n % 3, n % 2 = 0), 'nested', JSON_OBJECT('v', n / 7, 'none', "
                        + "NULL), 'big', IF(n % 50 = 0, REPEAT('x', 30000), ''))") + ", JSON_ARRAY(n, n * 2)"
                        + rows(1000))));
        t.add(new Table(APP, "geo_shapes", null, List.of(
                "CREATE TABLE geo_shapes (id INT NOT NULL PRIMARY KEY, p POINT NOT NULL, poly POLYGON NULL, "
                        + "g GEOMETRY NULL, SPATIAL KEY sp_p (p))",
                "INSERT INTO geo_shapes SELECT n, POINT(n % 360 - 180, n % 180 - 90), "
                        + n("ST_PolygonFromText(CONCAT('POLYGON((0 0,', n, ' 0,', n, ' ', n, ',0 0))'))") + ", "
                        + n("IF(n % 2 = 0, POINT(n, -n), ST_LineFromText(CONCAT('LINESTRING(0 0,', n, ' ', n / 3,"
                        + " ')')))") + rows(1000))));
        t.add(new Table(APP, "net_ids", null, List.of(
                "CREATE TABLE net_ids (id INT NOT NULL PRIMARY KEY, ip6 INET6 NOT NULL, ip4 INET6 NULL, "
                        + "u UUID NOT NULL, u2 UUID NULL, UNIQUE KEY uk_u (u))",
                "INSERT INTO net_ids SELECT n, CONCAT('2001:db8::', HEX(n)), " + n("CONCAT('::ffff:10.0.', n DIV "
                        + "256, '.', n % 256)") + ", CONCAT(LPAD(HEX(n), 8, '0'), '-0000-4000-8000-', "
                        + "LPAD(HEX(n * 7919), 12, '0')), " + n("CONCAT(LPAD(HEX(n * 31), 8, '0'), '-1234-1"
                        + "1ee-9abc-', LPAD(HEX(n), 12, '0'))") + rows(1000))));
        t.add(new Table(APP, "generated_cols", null, List.of(
                "CREATE TABLE generated_cols (id INT NOT NULL PRIMARY KEY, price DECIMAL(10,2) NOT NULL, "
                        + "qty INT NOT NULL, total DECIMAL(12,2) AS (price * qty) VIRTUAL, "
                        + "label VARCHAR(40) AS (CONCAT('item-', id)) STORED, "
                        + "tax DECIMAL(14,4) AS (price * qty * 0.2) VIRTUAL, note VARCHAR(50) NULL, "
                        + "KEY k_total (total), KEY k_label (label))",
                "INSERT INTO generated_cols (id, price, qty, note) SELECT n, (n * 373 % 100000) / 100, n % 50, "
                        + n("CONCAT('note ', n)") + rows(1000),
                "UPDATE generated_cols SET qty = qty + 1 WHERE id % 6 = 0")));
        t.add(new Table(APP, "no_pk", null, List.of(
                "CREATE TABLE no_pk (a INT NULL, b VARCHAR(50) NULL, c DATETIME NULL, d TEXT NULL)",
                // duplicates on purpose: rows a table without any key can hold
                "INSERT INTO no_pk SELECT " + n("n % 900") + ", " + n("CONCAT('row ', n % 900)") + ", "
                        + n("TIMESTAMP'2023-01-01 00:00:00' + INTERVAL n % 900 MINUTE") + ", "
                        + n("REPEAT('ω', n % 90)") + rows(1200),
                "DELETE FROM no_pk WHERE a % 7 = 3")));
        t.add(new Table(APP, "unique_only", null, List.of(
                "CREATE TABLE unique_only (code VARCHAR(20) NOT NULL, val INT NULL, info VARCHAR(100) NULL, "
                        + "UNIQUE KEY uk_code (code))",
                "INSERT INTO unique_only SELECT CONCAT('code-', LPAD(n * 7 % 100000, 6, '0')), " + n("n * 3") + ", "
                        + n("CONCAT('ℹ️ info ', n)") + rows(1200),
                "DELETE FROM unique_only WHERE val % 7 = 0")));
        t.add(new Table(APP, "instant_add", null, List.of(
                "CREATE TABLE instant_add (id INT NOT NULL PRIMARY KEY, a VARCHAR(30) NULL, b INT NULL)",
                "INSERT INTO instant_add SELECT n, " + n("CONCAT('a', n)") + ", " + n("n * 2") + rows(1000),
                "ALTER TABLE instant_add ADD COLUMN c INT NOT NULL DEFAULT 42, ADD COLUMN d VARCHAR(30) NULL "
                        + "DEFAULT 'later' AFTER id, ALGORITHM=INSTANT",
                "INSERT INTO instant_add (id, d, a, b, c) SELECT 1000 + n, " + n("CONCAT('d', n)") + ", "
                        + n("CONCAT('a', n)") + ", " + n("n * 2") + ", n" + rows(500),
                "UPDATE instant_add SET d = 'changed', c = -1 WHERE id % 10 = 0 AND id < 1000")));
        t.add(new Table(APP, "instant_drop", null, List.of(
                "CREATE TABLE instant_drop (id INT NOT NULL PRIMARY KEY, a VARCHAR(30) NULL, gone INT NULL, "
                        + "b DATETIME(3) NULL)",
                "INSERT INTO instant_drop SELECT n, " + n("CONCAT('a', n)") + ", n, "
                        + n("TIMESTAMP'2024-02-29 00:00:00' + INTERVAL n SECOND") + rows(1000),
                "ALTER TABLE instant_drop DROP COLUMN gone, ALGORITHM=INSTANT",
                "INSERT INTO instant_drop SELECT 1000 + n, " + n("CONCAT('after ', n)") + ", "
                        + n("TIMESTAMP'2024-03-01 00:00:00' + INTERVAL n SECOND") + rows(500),
                "DELETE FROM instant_drop WHERE id % 7 = 0")));
    }

    private static Table lastMinute() {
        return new Table(APP, "last_minute", null, List.of(
                "CREATE TABLE last_minute (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(100) NULL, "
                        + "at DATETIME(6) NOT NULL)",
                "INSERT INTO last_minute (msg, at) SELECT " + n("CONCAT('written at the last minute ', n)")
                        + ", TIMESTAMP'2025-01-01 00:00:00' + INTERVAL n * 1001 MICROSECOND" + rows(1000)));
    }
}
