package io.dbrecover.mysql.ibd;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.verify.FileComparison;
import io.dbrecover.mysql.verify.RowComparison;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A throwaway MariaDB creates tables in every row format, both on-disk formats (full_crc32 and the older crc32
 * one), with many column types, NULLs, off-page values, no primary key, a UNIQUE NOT NULL key only, and instant
 * ADD/DROP COLUMN and reordering (ids interleaved before and after each ALTER). The server is the oracle: its
 * INNODB_SYS_TABLESPACES / INNODB_SYS_TABLES facts for
 * {@link Tablespaces#inspect}, its own {@code .frm} files (read by our FrmReader) for {@link Tablespaces#checkLayout},
 * and its rows for {@link RowComparison} (decoding a copy of each {@code .ibd} taken after
 * {@code FLUSH TABLES … FOR EXPORT}).
 */
@RequiresServer(value = "mysql")
class TablespacesIT {
    private static final String DB = "ibd";
    private static final String WIDE = "id INT NOT NULL, ti TINYINT, si SMALLINT UNSIGNED, mi MEDIUMINT, "
            + "bi BIGINT NOT NULL, price DECIMAL(10,2) NOT NULL, big_dec DECIMAL(30,9), f FLOAT, d DOUBLE, b BIT(10), "
            + "c CHAR(5), cl CHAR(4) CHARACTER SET latin1, v VARCHAR(40), vb VARBINARY(300), t TEXT, bl BLOB, "
            + "e ENUM('a','b','c'), s SET('x','y','z'), dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP(2) NULL, "
            + "y YEAR";
    private static final String WIDE_VALUES = "SELECT seq, IF(seq%7=0, NULL, seq%200-100), seq*3, "
            + "IF(seq%5=0, NULL, -seq*1000), seq*1000000007, seq*1.25-300, IF(seq%6=0, NULL, seq*123456.789012345), "
            + "IF(seq%8=0, NULL, seq/7), seq/3, seq%1024, IF(seq%9=0, NULL, CONCAT('c', seq%100)), "
            + "IF(seq%4=0, NULL, 'ab'), CONCAT('v', seq, IF(seq%3=0, ' 日本 😀', ' é')), "
            + "IF(seq%10=0, NULL, UNHEX(REPEAT(HEX(seq), 3))), IF(seq%11=0, NULL, REPEAT('text ', seq%20)), "
            + "IF(seq%50=1, CONCAT(RANDOM_BYTES(1024), REPEAT('blob', 3000)), IF(seq%2=0, NULL, 'short')), "
            + "ELT(1+seq%3, 'a','b','c'), IF(seq%5=1, NULL, 'x,z'), '2024-02-29' - INTERVAL seq DAY, "
            + "IF(seq%3=0, '-12:34:56.789', SEC_TO_TIME(seq*37.5)), '2023-12-31 23:59:59.123456' + INTERVAL seq SECOND, "
            + "IF(seq%4=0, NULL, '2024-06-01 10:00:00.25' + INTERVAL seq HOUR), 1990 + seq%100 FROM (SELECT CAST(seq AS SIGNED) seq FROM seq_1_to_";

    /** Table → CREATE TABLE statement (without the name), rows, and whether the old on-disk format is wanted. */
    private record Spec(String create, String insert, boolean oldFormat, String after) {
    }

    @TempDir
    Path tmp;

    private static Map<String, Spec> specs() {
        Map<String, Spec> m = new LinkedHashMap<>();
        for (boolean old : new boolean[] {false, true}) {
            String p = old ? "o_" : "n_";
            m.put(p + "redundant", new Spec("(" + WIDE + ", PRIMARY KEY (id)) ROW_FORMAT=REDUNDANT",
                    WIDE_VALUES + "600) q", old, null));
            m.put(p + "compact", new Spec("(" + WIDE + ", PRIMARY KEY (id)) ROW_FORMAT=COMPACT",
                    WIDE_VALUES + "600) q", old, null));
            m.put(p + "dynamic", new Spec("(" + WIDE + ", PRIMARY KEY (id)) ROW_FORMAT=DYNAMIC",
                    WIDE_VALUES + "1500) q", old, null));
            m.put(p + "page_compressed", new Spec("(" + WIDE + ", PRIMARY KEY (id)) PAGE_COMPRESSED=1",
                    WIDE_VALUES + "600) q", old, null));
        }
        // Deletes and updates after the bulk insert leave modification logs, free lists and delete marks on the
        // compressed pages.
        m.put("z8", new Spec("(" + WIDE + ", PRIMARY KEY (id)) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8",
                WIDE_VALUES + "1200) q", false, "DELETE FROM z8 WHERE id % 7 = 0; "
                + "UPDATE z8 SET v = CONCAT(v, ' upd'), t = REPEAT('u', id % 300) WHERE id % 5 = 0"));
        m.put("z4", new Spec("(" + WIDE + ", PRIMARY KEY (id)) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4",
                WIDE_VALUES + "1200) q", true, "DELETE FROM z4 WHERE id % 7 = 0; "
                + "UPDATE z4 SET v = CONCAT(v, ' upd'), t = REPEAT('u', id % 300) WHERE id % 5 = 0"));
        m.put("no_pk", new Spec("(" + WIDE + ") ROW_FORMAT=DYNAMIC", WIDE_VALUES + "500) q", false, null));
        m.put("unique_only", new Spec("(" + WIDE + ", UNIQUE KEY u (bi, id), KEY k (v)) ROW_FORMAT=COMPACT",
                WIDE_VALUES + "500) q", false, null));
        m.put("string_key", new Spec("(k VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL PRIMARY KEY, n INT, "
                + "w VARCHAR(300)) ROW_FORMAT=DYNAMIC", "SELECT CONCAT('key ', seq, ' ключ 😀'), IF(seq%3=0, NULL, seq),"
                + " REPEAT('w', seq%300) FROM seq_1_to_3000", false, null));
        m.put("compact_offpage", new Spec("(id INT PRIMARY KEY, body LONGBLOB, note VARCHAR(10)) ROW_FORMAT=COMPACT",
                "SELECT seq, REPEAT(CHAR(65 + seq%26), 9000 + seq), IF(seq%2=0, NULL, 'n') FROM seq_1_to_40", false,
                null));
        m.put("generated", new Spec("(id INT PRIMARY KEY, a INT NOT NULL, v INT AS (a * 2) VIRTUAL, "
                + "s VARCHAR(20) AS (CONCAT('s', a)) STORED, KEY kv (v))", "(id, a) SELECT seq, seq FROM "
                + "seq_1_to_300", false, null));
        m.put("with_fulltext", new Spec("(id INT PRIMARY KEY, body TEXT, FULLTEXT KEY ft (body))",
                "SELECT seq, CONCAT('word', seq) FROM seq_1_to_200", false, null));
        m.put("instant_add", new Spec("(id INT PRIMARY KEY, a VARCHAR(10), b INT NOT NULL) ROW_FORMAT=DYNAMIC",
                "SELECT seq, IF(seq%2=0, NULL, 'x'), seq FROM seq_1_to_300", false,
                "ALTER TABLE instant_add ADD COLUMN c INT NOT NULL DEFAULT 7, ADD COLUMN d VARCHAR(5) DEFAULT 'dd', "
                + "ALGORITHM=INSTANT; INSERT INTO instant_add VALUES (1000, 'y', 1, 2, NULL), (1001, NULL, 3, 4, 'e')"));
        m.put("instant_add_redundant", new Spec("(id INT PRIMARY KEY, a INT) ROW_FORMAT=REDUNDANT",
                "SELECT seq, seq FROM seq_1_to_100", true,
                "ALTER TABLE instant_add_redundant ADD COLUMN c INT DEFAULT 4, ALGORITHM=INSTANT; "
                + "INSERT INTO instant_add_redundant VALUES (1000, 1, 2)"));
        m.put("instant_drop", new Spec("(id INT PRIMARY KEY, a VARCHAR(10), b INT NOT NULL, c INT) ROW_FORMAT=DYNAMIC",
                "SELECT seq, 'x', seq, seq FROM seq_1_to_100", false,
                "ALTER TABLE instant_drop DROP COLUMN b, ALGORITHM=INSTANT; "
                + "INSERT INTO instant_drop VALUES (1000, 'y', 3)"));
        instantAltered(m, "instant_mix", "ROW_FORMAT=DYNAMIC", false, true);
        instantAltered(m, "instant_mix_compact", "ROW_FORMAT=COMPACT", true, true);
        instantAltered(m, "instant_mix_redundant", "ROW_FORMAT=REDUNDANT", false, true);
        instantAltered(m, "instant_no_pk", "ROW_FORMAT=DYNAMIC", false, false);
        m.put("instant_string_key", new Spec("(k VARCHAR(40) CHARACTER SET utf8mb4 NOT NULL, id INT NOT NULL, "
                + "a VARCHAR(20), b INT NOT NULL, w CHAR(6), c DECIMAL(10,2), PRIMARY KEY (k)) ROW_FORMAT=DYNAMIC",
                "SELECT CONCAT('k', LPAD(seq*2, 6, '0'), ' ключ'), seq*2, CONCAT('a', seq), seq, CONCAT('w', seq%1000), "
                + "seq/4 FROM seq_1_to_1100", false,
                "ALTER TABLE instant_string_key DROP COLUMN b, ADD COLUMN f INT NOT NULL DEFAULT 5 AFTER k, "
                + "MODIFY c DECIMAL(10,2) AFTER id, ALGORITHM=INSTANT; "
                + "INSERT INTO instant_string_key (k, id, a, w, c, f) SELECT CONCAT('k', LPAD(seq*2+1, 6, '0')), "
                + "seq*2+1, IF(seq%3=0, NULL, CONCAT('n', seq)), 'ww', seq/8, seq FROM seq_1_to_1100"));
        m.put("deleted_rows", new Spec("(" + WIDE + ", PRIMARY KEY (id)) ROW_FORMAT=DYNAMIC", WIDE_VALUES + "800) q",
                false, "DELETE FROM deleted_rows WHERE id % 3 = 0"));
        return m;
    }

    /**
     * A table altered with MariaDB instant ALTER after 1,200 rows: a NOT NULL column dropped, one added FIRST, one
     * moved, a nullable one added AFTER and dropped again after 1,200 more rows (interleaved ids, so that every
     * sample holds rows of each era), then some rows updated (rewritten in the new format) and deleted.
     */
    private static void instantAltered(Map<String, Spec> m, String table, String format, boolean oldFormat,
                                       boolean primaryKey) {
        m.put(table, new Spec("(id INT NOT NULL, a VARCHAR(20), b INT NOT NULL, c DECIMAL(10,2), d DATETIME(3), "
                + "e TEXT" + (primaryKey ? ", PRIMARY KEY (id)" : "") + ") " + format,
                "SELECT seq*2, CONCAT('a ', seq, IF(seq%3=0, ' 日本 😀', ' é')), seq, seq/4, "
                + "'2024-01-01 00:00:00.5' + INTERVAL seq MINUTE, IF(seq%3=0, NULL, IF(seq%100=1, "
                + "REPEAT('long ', 2000), REPEAT('e', seq%50))) FROM seq_1_to_1200", oldFormat,
                "ALTER TABLE " + table + " DROP COLUMN b, ADD COLUMN f INT NOT NULL DEFAULT 5 FIRST, "
                + "MODIFY d DATETIME(3) AFTER id, ADD COLUMN g VARCHAR(10) DEFAULT 'gg' AFTER a, ALGORITHM=INSTANT; "
                + "INSERT INTO " + table + " (id, a, c, d, e, f, g) SELECT seq*2+1, CONCAT('n ', seq), seq/8, "
                + "'2025-01-01' + INTERVAL seq SECOND, IF(seq%4=0, NULL, 'x'), seq, IF(seq%5=0, NULL, "
                + "CONCAT('g', seq%100)) FROM seq_1_to_1200; "
                + "ALTER TABLE " + table + " DROP COLUMN g, ADD COLUMN h CHAR(3) DEFAULT 'hh' AFTER id, "
                + "ALGORITHM=INSTANT; "
                + "UPDATE " + table + " SET c = c + 1 WHERE id % 10 = 0; "
                + "DELETE FROM " + table + " WHERE id % 7 = 0"));
    }

    /** What the server says about a tablespace before it stops. */
    private record ServerFacts(long flag, String spaceRowFormat, int pageSize, String tableRowFormat) {
    }

    @Test
    void reads_tablespaces_of_every_row_format_like_the_server_and_refuses_wrong_definitions() throws Exception {
        Map<String, Spec> specs = specs();
        ServerProvider provider = Engines.byId("mysql").servers().orElseThrow();
        Map<String, ServerFacts> facts = new TreeMap<>();
        Map<String, FileComparison> samples = new TreeMap<>();
        Path copies = Files.createDirectories(tmp.resolve("copies"));
        Path dataDir;
        Path stopped = Files.createDirectories(tmp.resolve("stopped"));
        try (ManagedServer server = provider.create(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("server"))).build())) {
            server.start();
            dataDir = server.info().dataDir();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET time_zone='+00:00'");
                st.execute("SET NAMES utf8mb4");
                st.execute("CREATE DATABASE " + DB + " DEFAULT CHARACTER SET utf8mb4");
                st.execute("USE " + DB);
                for (Map.Entry<String, Spec> e : specs.entrySet()) {
                    Spec s = e.getValue();
                    st.execute("SET GLOBAL innodb_checksum_algorithm=" + (s.oldFormat() ? "crc32" : "full_crc32"));
                    st.execute("CREATE TABLE " + e.getKey() + " " + s.create());
                    st.execute("INSERT INTO " + e.getKey() + " " + s.insert());
                    if (s.after() != null) {
                        for (String sql : s.after().split("; ")) {
                            st.execute(sql);
                        }
                    }
                }
                st.execute("SET GLOBAL innodb_checksum_algorithm=full_crc32");
                try (ResultSet rs = st.executeQuery("SELECT SUBSTRING_INDEX(s.NAME, '/', -1), s.FLAG, "
                        + "s.ROW_FORMAT, s.PAGE_SIZE, t.ROW_FORMAT FROM information_schema.INNODB_SYS_TABLESPACES s "
                        + "JOIN information_schema.INNODB_SYS_TABLES t ON t.SPACE = s.SPACE WHERE s.NAME LIKE '"
                        + DB + "/%'")) {
                    while (rs.next()) {
                        facts.put(rs.getString(1), new ServerFacts(rs.getLong(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5)));
                    }
                }
                // A flushed copy of each file, compared with the live rows of the same server.
                for (String table : specs.keySet()) {
                    st.execute("FLUSH TABLES " + table + " FOR EXPORT");
                    Files.copy(dataDir.resolve(DB).resolve(table + ".ibd"), copies.resolve(table + ".ibd"));
                    st.execute("UNLOCK TABLES");
                    TableDefinition definition = FrmReader.read(dataDir.resolve(DB).resolve(table + ".frm"));
                    samples.put(table, RowComparison.compare(c, DB, table, copies.resolve(table + ".ibd"),
                            definition));
                }
            }
            server.stop();
            // The server removes its data directory when closed: keep the stopped files.
            try (var files = Files.list(dataDir.resolve(DB))) {
                for (Path file : files.toList()) {
                    Files.copy(file, stopped.resolve(file.getFileName()));
                }
            }
        }
        assertThat(facts.keySet()).as("FTS_* auxiliary tablespaces come with the FULLTEXT table").containsAll(specs.keySet());
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (String table : specs.keySet()) {
            Path ibd = stopped.resolve(table + ".ibd");
            TableDefinition definition = FrmReader.read(stopped.resolve(table + ".frm"));
            ServerFacts f = facts.get(table);
            TablespaceInfo info = Tablespaces.inspect(ibd);
            LayoutCheck layout = Tablespaces.checkLayout(ibd, definition, 100_000);
            FileComparison sample = samples.get(table);
            System.out.println(table + ": " + info + "\n  " + layout + "\n  " + sample);
            // (a) inspect() against the server's dictionary. The FLAG column adds the in-memory compression level
            // in bits 28-31 for page-compressed tables; the file holds the rest.
            expect(problems, table, "flags", f.flag() & 0x0FFF_FFFFL, info.flags());
            expect(problems, table, "page size", f.pageSize(), info.pageSize());
            expect(problems, table, "old format", specs.get(table).oldFormat() || table.startsWith("z"),
                    info.oldFormat());
            expect(problems, table, "page-compressed", table.contains("page_compressed"), info.pageCompressed());
            expect(problems, table, "instant", table.startsWith("instant"), info.instantAltered());
            expect(problems, table, "page 0 intact", true, info.page0Intact());
            RowFormat serverFormat = RowFormat.valueOf(f.tableRowFormat().toUpperCase(java.util.Locale.ROOT));
            RowFormat expected = info.fullCrc32() && serverFormat == RowFormat.COMPACT ? RowFormat.DYNAMIC
                    : serverFormat;
            expect(problems, table, "row format", expected, info.rowFormat());
            expect(problems, table, "key block size", table.equals("z8") ? 8 : table.equals("z4") ? 4 : 0,
                    info.keyBlockSize());
            // (b) checkLayout() with the server's own definition.
            if (!layout.matches()) {
                problems.add(table + ": checkLayout refuses the server's own definition: " + layout.mismatch());
            }
            // every row format is decoded: COMPRESSED pages too, and instant ALTER through the file's field map
            expect(problems, table, "layout checked", true, layout.checked());
            if (table.startsWith("instant") && !table.startsWith("instant_add")
                    && layout.notes().stream().noneMatch(n -> n.contains("field map"))) {
                problems.add(table + ": the instant ALTER field map was not used: " + layout.notes());
            }
            if (layout.recordsChecked() == 0) {
                problems.add(table + ": no records checked");
            }
            if (table.equals("compact_offpage")) {
                expect(problems, table, "stored row format", RowFormat.COMPACT, layout.storedRowFormat());
            }
            // (d) every row and every column compared with the live server, exactly.
            if (!sample.proves()) {
                problems.add(table + ": rows not proven equal: " + sample);
            }
            if (sample.rows() == 0) {
                problems.add(table + ": no rows compared");
            }
            compared += (int) sample.rows();
        }
        // (c) wrong definitions are refused, naming the column.
        for (String table : List.of("n_redundant", "n_compact", "n_dynamic", "o_compact", "n_page_compressed",
                "no_pk", "unique_only", "z8", "z4")) {
            Path ibd = stopped.resolve(table + ".ibd");
            TableDefinition real = FrmReader.read(stopped.resolve(table + ".frm"));
            refused(problems, table, ibd, withColumns(real, cols -> {
                cols.removeIf(c -> c.name().equals("mi"));
                return cols;
            }), "`mi`", "`si`");
            refused(problems, table, ibd, withColumns(real, cols -> {
                cols.add(Column.of("extra", DataType.simple(ColumnType.INT, 11, -1, 0, false, false), false,
                        ColumnDefault.NONE));
                return cols;
            }), "`extra`");
            refused(problems, table, ibd, withColumns(real, cols -> replace(cols, "price",
                    c -> Column.of("price", DataType.simple(ColumnType.DECIMAL, 14, 2, 0, false, false), false,
                            ColumnDefault.NONE))), "`price`");
            refused(problems, table, ibd, withColumns(real, cols -> replace(cols, "bi",
                    c -> Column.of("bi", c.type(), true, ColumnDefault.NONE))), "`bi`");
        }
        // (c) likewise after instant DROP/ADD/reorder: the definition from before the DROP, one without a
        // column, one with a wider DECIMAL.
        for (String table : List.of("instant_mix", "instant_mix_compact", "instant_mix_redundant",
                "instant_no_pk")) {
            Path ibd = stopped.resolve(table + ".ibd");
            TableDefinition real = FrmReader.read(stopped.resolve(table + ".frm"));
            refused(problems, table, ibd, withColumns(real, cols -> {
                cols.add(cols.indexOf(real.column("a").orElseThrow()) + 1, Column.of("b",
                        DataType.simple(ColumnType.INT, 11, -1, 0, false, false), false, ColumnDefault.NONE));
                return cols;
            }), "`b`");
            refused(problems, table, ibd, withColumns(real, cols -> {
                cols.removeIf(c -> c.name().equals("c"));
                return cols;
            }), "after column `a`");
            refused(problems, table, ibd, withColumns(real, cols -> replace(cols, "c",
                    c -> Column.of("c", DataType.simple(ColumnType.DECIMAL, 14, 2, 0, false, false), true,
                            ColumnDefault.NONE))), "`c`");
        }
        // (c) an instant ADD COLUMN table with a column too many at the end: its metadata record says otherwise.
        refused(problems, "instant_add", stopped.resolve("instant_add.ibd"), withColumns(FrmReader.read(
                stopped.resolve("instant_add.frm")), cols -> {
                    cols.add(Column.of("extra", DataType.simple(ColumnType.INT, 11, -1, 0, false, false), true,
                            ColumnDefault.NONE));
                    return cols;
                }), "`extra`");
        compared += transplant(provider, stopped, specs, problems);
        System.out.println("rows compared with the server: " + compared);
        assertThat(problems).isEmpty();
        assertThat(compared).isGreaterThan(3000);
    }

    @Test
    void encrypted_and_lz4_page_compressed_files_are_reported_not_decoded() throws Exception {
        Path keys = Files.writeString(tmp.resolve("keys.txt"), "1;" + "0123456789abcdef".repeat(4) + "\n");
        ServerProvider provider = Engines.byId("mysql").servers().orElseThrow();
        Path stopped = Files.createDirectories(tmp.resolve("stopped-enc"));
        try (ManagedServer server = provider.create(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("server-enc")))
                .setting("plugin_load_add", "file_key_management")
                .setting("file_key_management_filename", keys.toString()).build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + DB);
                st.execute("USE " + DB);
                st.execute("CREATE TABLE enc (id INT PRIMARY KEY, v VARCHAR(20)) ENCRYPTED=YES");
                st.execute("INSERT INTO enc SELECT seq, CONCAT('v', seq) FROM seq_1_to_100");
                st.execute("SET GLOBAL innodb_checksum_algorithm=crc32");
                st.execute("CREATE TABLE o_enc (id INT PRIMARY KEY, v VARCHAR(20)) ENCRYPTED=YES");
                st.execute("INSERT INTO o_enc SELECT seq, CONCAT('v', seq) FROM seq_1_to_100");
                st.execute("SET GLOBAL innodb_checksum_algorithm=full_crc32");
                st.execute("INSTALL SONAME 'provider_lz4'");
                st.execute("SET GLOBAL innodb_compression_algorithm=lz4");
                st.execute("CREATE TABLE lz4 (id INT PRIMARY KEY, v VARCHAR(20)) PAGE_COMPRESSED=1");
                st.execute("INSERT INTO lz4 SELECT seq, CONCAT('v', seq) FROM seq_1_to_100");
            }
            server.stop();
            Path dir = server.info().dataDir().resolve(DB);
            for (String t : List.of("enc", "o_enc", "lz4")) {
                Files.copy(dir.resolve(t + ".ibd"), stopped.resolve(t + ".ibd"));
                Files.copy(dir.resolve(t + ".frm"), stopped.resolve(t + ".frm"));
            }
        }
        for (String t : List.of("enc", "o_enc")) {
            TablespaceInfo info = Tablespaces.inspect(stopped.resolve(t + ".ibd"));
            assertThat(info.encrypted()).as(t).isTrue();
            assertThat(info.fullCrc32()).as(t).isEqualTo(t.equals("enc"));
            LayoutCheck check = Tablespaces.checkLayout(stopped.resolve(t + ".ibd"),
                    FrmReader.read(stopped.resolve(t + ".frm")), 100);
            assertThat(check.checked()).as(t).isFalse();
            assertThat(check.notes()).anyMatch(n -> n.contains("encrypted"));
        }
        TablespaceInfo lz4 = Tablespaces.inspect(stopped.resolve("lz4.ibd"));
        assertThat(lz4.pageCompressed()).isTrue();
        assertThat(lz4.encrypted()).isFalse();
        LayoutCheck check = Tablespaces.checkLayout(stopped.resolve("lz4.ibd"),
                FrmReader.read(stopped.resolve("lz4.frm")), 100);
        assertThat(check.checked()).isFalse();
        assertThat(check.notes()).anyMatch(n -> n.contains("algorithm 2"));
    }

    /**
     * MySQL 8 files of Debian's {@code mariadb-test-data}, read in place (GPL data, never copied here): t2.ibd was
     * written by MySQL 8.0.31 for {@code CREATE TABLE t1 (i INT PRIMARY KEY)}; t1.ibd and the ibdata1_* files are a
     * first page alone (4, 8 and 16 KiB pages), so they are truncated tablespaces.
     */
    @Test
    void mysql8_files_are_recognised_and_lone_first_pages_are_truncated() {
        Path dir = Path.of("/usr/share/mysql/mysql-test/std_data/mysql80");
        if (!Boolean.getBoolean("dbrecover.requireBinaries")) {
            org.assertj.core.api.Assumptions.assumeThat(Files.isDirectory(dir)).isTrue();
        }
        TablespaceInfo t2 = Tablespaces.inspect(dir.resolve("t2.ibd"));
        assertThat(t2.mysql8()).isTrue();
        assertThat(t2.flags()).isEqualTo(0x4021);
        assertThat(t2.rowFormat()).isEqualTo(RowFormat.DYNAMIC);
        assertThat(t2.page0Checksum()).isEqualTo(Checksum.CRC32);
        for (String name : List.of("t1.ibd", "ibdata1_4096", "ibdata1_8192", "ibdata1_16384")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tablespaces.inspect(dir.resolve(name)))
                    .isInstanceOf(io.dbrecover.core.api.RecoveryException.class).hasMessageContaining("truncated");
        }
    }

    /**
     * The transplant the orchestrator does, by hand: each table is created in a fresh server with its
     * clustered key only and the row format the file needs, its tablespace discarded, the stopped file copied in
     * and imported; then the sample decoded from the file must equal the imported rows.
     */
    private int transplant(ServerProvider provider, Path stopped, Map<String, Spec> specs, List<String> problems)
            throws Exception {
        int compared = 0;
        try (ManagedServer server = provider.create(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("target"))).build())) {
            server.start();
            Path targetDir = server.info().dataDir().resolve(DB);
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET time_zone='+00:00'");
                st.execute("SET foreign_key_checks=0");
                st.execute("CREATE DATABASE " + DB + " DEFAULT CHARACTER SET utf8mb4");
                st.execute("USE " + DB);
                for (String table : specs.keySet()) {
                    Path ibd = stopped.resolve(table + ".ibd");
                    TableDefinition definition = FrmReader.read(stopped.resolve(table + ".frm"));
                    TablespaceInfo info = Tablespaces.inspect(ibd);
                    LayoutCheck layout = Tablespaces.checkLayout(ibd, definition, 1000);
                    RowFormat format = info.fullCrc32() && info.rowFormat() == RowFormat.DYNAMIC
                            && layout.storedRowFormat() == RowFormat.COMPACT ? RowFormat.COMPACT : info.rowFormat();
                    var o = definition.options();
                    var options = new io.dbrecover.mysql.model.TableOptions(o.engine(), o.charset(), format,
                            info.keyBlockSize(), o.minRows(), o.maxRows(), o.avgRowLength(), o.packKeys(),
                            o.statsPersistent(), o.statsAutoRecalc(), o.statsSamplePages(), o.checksum(),
                            o.pageChecksum(), o.delayKeyWrite(), o.transactional(), o.sequence(), o.connection(),
                            o.engineOptions());
                    var key = RecordLayout.clusteredKey(definition);
                    List<Column> columns = new ArrayList<>(definition.columns());
                    if (layout.notes().stream().anyMatch(n -> n.contains("FTS_DOC_ID"))) {
                        // The FULLTEXT key is a secondary index (refused without .cfg); its hidden doc id is not.
                        columns.add(Column.of("FTS_DOC_ID", DataType.simple(ColumnType.BIGINT, 20, -1, 0, true,
                                false), false, ColumnDefault.NONE));
                    }
                    TableDefinition create = new TableDefinition(definition.name(), columns,
                            key.map(List::of).orElse(List.of()), options, definition.comment(), "",
                            definition.checks(), definition.applicationPeriod(), definition.systemPeriod(),
                            definition.systemVersioned(), definition.notes(), List.of());
                    st.execute("SET GLOBAL innodb_checksum_algorithm=" + (info.oldFormat() ? "crc32" : "full_crc32"));
                    try {
                        st.execute(io.dbrecover.mysql.ddl.DdlWriter.createTable(create));
                        st.execute("ALTER TABLE `" + table + "` DISCARD TABLESPACE");
                        Files.copy(ibd, targetDir.resolve(table + ".ibd"));
                        st.execute("ALTER TABLE `" + table + "` IMPORT TABLESPACE");
                    } catch (java.sql.SQLException e) {
                        problems.add(table + ": transplant failed: " + e.getMessage());
                        continue;
                    }
                    FileComparison sample = RowComparison.compare(c, DB, table, ibd, definition);
                    System.out.println(table + " imported: " + sample);
                    if (!sample.proves() || sample.rows() == 0) {
                        problems.add(table + ": imported rows differ from the file: " + sample);
                    }
                    compared += (int) sample.rows();
                }
                st.execute("SET GLOBAL innodb_checksum_algorithm=full_crc32");
            }
        }
        return compared;
    }

    private static void refused(List<String> problems, String table, Path ibd, TableDefinition wrong,
                                String... names) {
        LayoutCheck check = Tablespaces.checkLayout(ibd, wrong, 100_000);
        System.out.println(table + " wrong definition: " + check.mismatch());
        if (check.matches()) {
            if (table.contains("redundant") && names[0].equals("`bi`")) {
                return; // REDUNDANT stores NOT NULL and NULL columns alike: nothing to see, nothing to lose
            }
            problems.add(table + ": a wrong definition (expected to break at " + names[0] + ") was accepted");
            return;
        }
        boolean named = false;
        for (String n : names) {
            named |= check.mismatch().contains(n);
        }
        if (!named) {
            problems.add(table + ": the mismatch names none of " + List.of(names) + ": " + check.mismatch());
        }
    }

    private static List<Column> replace(List<Column> cols, String name, UnaryOperator<Column> change) {
        cols.replaceAll(c -> c.name().equals(name) ? change.apply(c) : c);
        return cols;
    }

    private static TableDefinition withColumns(TableDefinition t, UnaryOperator<List<Column>> change) {
        List<Column> cols = change.apply(new ArrayList<>(t.columns()));
        List<io.dbrecover.mysql.model.Index> indexes = t.indexes().stream()
                .filter(i -> i.parts().stream().allMatch(p -> cols.stream()
                        .anyMatch(c -> c.name().equalsIgnoreCase(p.column())))).toList();
        return new TableDefinition(t.name(), cols, indexes, t.options(), t.comment(), t.partitionClause(),
                t.checks(), t.applicationPeriod(), t.systemPeriod(), t.systemVersioned(), t.notes(),
                t.foreignKeys());
    }

    private static void expect(List<String> problems, String table, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            problems.add(table + ": " + what + " is " + actual + ", the server says " + expected);
        }
    }
}
