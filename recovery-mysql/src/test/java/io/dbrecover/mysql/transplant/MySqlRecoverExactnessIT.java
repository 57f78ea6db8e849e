package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.verify.TableHash;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recovery is VERIFIED only when every value of every row is proved exactly: tables with the pre-MySQL-5.6
 * temporal formats (8-byte DATETIME, 3-byte TIME, 4-byte TIMESTAMP and MariaDB 5.3's high-resolution ones, written
 * here by a MariaDB told to use them, in the old COMPACT/crc32 format of MySQL 5.5), FLOAT and DOUBLE values that
 * differ in their last bit, and a system-versioned table with its history.
 */
@RequiresServer("mysql")
class MySqlRecoverExactnessIT {
    private static final String DB = "legacy";
    private static final List<String> TABLES = List.of("old_times", "hires_times", "floats", "versioned");

    @TempDir
    Path tmp;

    @Test
    void recoversOldTemporalFormatsFloatBitsAndHistoryWithEveryValueProved() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        Map<String, RowHash> expected = new TreeMap<>();
        Map<String, String> showCreate = new TreeMap<>();
        Path orphan = Files.createDirectories(tmp.resolve("orphan"));
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source")))
                // how MySQL 5.5 and MariaDB 5.3-10.0 wrote their files
                .setting("mysql56_temporal_format", "OFF").setting("innodb_checksum_algorithm", "crc32")
                .setting("innodb_default_row_format", "compact").build())) {
            source.start();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET time_zone = '+00:00', sql_mode = 'NO_ENGINE_SUBSTITUTION'");
                st.execute("CREATE DATABASE " + DB + " CHARACTER SET latin1");
                st.execute("USE " + DB);
                // a column after each temporal one: read at a wrong offset, its value would be wrong too
                st.execute("CREATE TABLE old_times (id INT PRIMARY KEY, dt DATETIME, n1 INT, tm TIME, n2 INT, "
                        + "ts TIMESTAMP NULL DEFAULT NULL, n3 INT, d DATE, label VARCHAR(20))");
                st.execute("CREATE TABLE hires_times (id INT PRIMARY KEY, dt3 DATETIME(3), n1 INT, dt6 DATETIME(6), "
                        + "tm2 TIME(2), n2 INT, tm5 TIME(5), ts1 TIMESTAMP(1) NULL DEFAULT NULL, "
                        + "ts6 TIMESTAMP(6) NULL DEFAULT NULL, label VARCHAR(20))");
                st.execute("CREATE TABLE floats (id INT PRIMARY KEY, f FLOAT, d DOUBLE, f2 FLOAT(7,3), "
                        + "d2 DOUBLE(12,4))");
                st.execute("CREATE TABLE versioned (id INT PRIMARY KEY, v INT, note VARCHAR(20)) "
                        + "WITH SYSTEM VERSIONING");
                st.execute("INSERT INTO old_times SELECT seq, '2006-02-14 22:04:36' + INTERVAL seq * 7919 MINUTE, "
                        + "seq * 3, IF(seq % 3 = 0, '-838:59:59', SEC_TO_TIME(CAST(seq AS SIGNED) * 97 - 40000)), seq * 5, "
                        + "IF(seq % 11 = 0, NULL, FROM_UNIXTIME(1000000000 + seq * 86413)), seq * 7, "
                        + "IF(seq % 13 = 0, '0000-00-00', '1999-12-31' + INTERVAL seq DAY), CONCAT('row ', seq) "
                        + "FROM seq_1_to_1200");
                st.execute("INSERT INTO old_times VALUES (0, '0000-00-00 00:00:00', 0, '00:00:00', 0, NULL, 0, "
                        + "'0000-00-00', 'zero')");
                st.execute("INSERT INTO hires_times SELECT seq, '2001-01-01 00:00:00.123' + INTERVAL seq HOUR, seq, "
                        + "'1970-01-01 00:00:01.000001' + INTERVAL seq * 1234567 MICROSECOND, "
                        + "IF(seq % 2 = 0, '-12:34:56.78', '100:00:00.01') - INTERVAL seq SECOND, seq * 2, "
                        + "SEC_TO_TIME(CAST(seq AS SIGNED) * 13 - 8000) + INTERVAL 0.12345 SECOND, "
                        + "FROM_UNIXTIME(1500000000 + seq * 3601.5), FROM_UNIXTIME(1600000000.654321 + seq), "
                        + "CONCAT('h', seq) FROM seq_1_to_1200");
                st.execute("INSERT INTO versioned SELECT seq, seq, CONCAT('v', seq) FROM seq_1_to_300");
                st.execute("UPDATE versioned SET v = v * 10, note = 'changed' WHERE id % 3 = 0");
                st.execute("DELETE FROM versioned WHERE id % 7 = 0");
                // two values a FLOAT's six printed digits cannot tell apart, and neighbours in the last bit
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO floats VALUES (?, ?, ?, ?, ?)")) {
                    java.util.Random random = new java.util.Random(15);
                    for (int i = 1; i <= 1000; i++) {
                        float f = i == 1 ? 16777216f : i == 2 ? 16777215f : i == 3 ? 123456.7890625f
                                : Float.intBitsToFloat(random.nextInt() & 0x7F7FFFFF) * (i % 2 == 0 ? -1 : 1);
                        double d = i == 1 ? 0.1 : i == 2 ? Math.nextUp(0.1) : i == 3 ? 5e-324
                                : Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL);
                        ps.setInt(1, i);
                        ps.setFloat(2, f);
                        ps.setDouble(3, d);
                        ps.setFloat(4, i * 1.001f);
                        ps.setDouble(5, i * 3.14159);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                for (String t : TABLES) {
                    expected.put(DB + "." + t, TableHash.of(c, DB, t));
                    try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + t)) {
                        rs.next();
                        showCreate.put(t, rs.getString(2));
                    }
                }
                assertThat(showCreate.get("old_times")).contains("`dt` datetime /* mariadb-5.3 */",
                        "`tm` time /* mariadb-5.3 */", "`ts` timestamp /* mariadb-5.3 */");
                assertThat(showCreate.get("hires_times")).contains("`dt3` datetime(3) /* mariadb-5.3 */",
                        "`tm5` time(5) /* mariadb-5.3 */", "`ts6` timestamp(6) /* mariadb-5.3 */");
            }
            source.stop();
            Disaster.copyOrphans(source.info().dataDir().resolve(DB), orphan.resolve(DB));
        }
        SourceSnapshot before = SourceSnapshot.of(orphan);

        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan)
                .workDir(tmp.resolve("work")).jobs(2).expected(expected).dump(tmp.resolve("legacy.sql"))
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);

        assertThat(report.items()).as(MySqlRecoverIT.describe(report)).extracting(i -> i.name() + ":" + i.status())
                .containsExactlyInAnyOrderElementsOf(TABLES.stream().map(t -> DB + "." + t + ":VERIFIED").toList());
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .hasSize(TABLES.size()).allSatisfy(v -> assertThat(v.passed()).as(v.item() + ": " + v).isTrue());
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("rows-equal-file"))
                .extracting(Verification::item).containsExactlyInAnyOrderElementsOf(TABLES.stream()
                        .map(t -> DB + "." + t).toList());
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("dump-reloads-identically"))
                .hasSize(TABLES.size()).allSatisfy(v -> assertThat(v.passed()).as(v.item() + ": " + v).isTrue());
        assertThat(report.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(before.compareNow().unchanged()).isTrue();
        // the dump holds the FLOATs with every digit their value has
        assertThat(Files.readString(tmp.resolve("legacy.sql"), StandardCharsets.UTF_8)).contains("16777216",
                "123456.7890625");

        // the same columns declared in today's formats (as a schema file of a newer server would): their widths
        // differ from the file's, and the definition is refused before anything is imported
        Path ddl = tmp.resolve("modern.sql");
        Files.writeString(ddl, "CREATE DATABASE legacy;\nUSE legacy;\n"
                + showCreate.get("old_times").replace(" /* mariadb-5.3 */", "") + ";\n"
                + showCreate.get("hires_times").replace(" /* mariadb-5.3 */", "") + ";\n", StandardCharsets.UTF_8);
        RecoveryReport modern = MySqlRecover.recover(RecoverRequest.builder().from(orphan)
                .workDir(tmp.resolve("work-modern")).ddl(ddl).table(DB + ".old_times").table(DB + ".hires_times")
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);
        assertThat(modern.items()).as(MySqlRecoverIT.describe(modern)).hasSize(2).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(io.dbrecover.core.api.ItemStatus.FAILED);
            assertThat(i.detail()).contains("does not fit");
        });
        assertThat(before.compareNow().unchanged()).isTrue();
    }

    @Test
    void rowHashesTellApartFloatsAndDoublesThatDifferOnlyInTheirLastBit() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        try (MariaDbServer server = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("server"))).build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE bits");
                st.execute("USE bits");
                List<String> hashes = new ArrayList<>();
                float f = 123456.7890625f;
                double d = 0.1;
                float[] floats = {f, Math.nextUp(f), f, f};
                double[] doubles = {d, d, Math.nextUp(d), d};
                for (int i = 0; i < floats.length; i++) {
                    st.execute("CREATE TABLE t" + i + " (id INT PRIMARY KEY, f FLOAT, d DOUBLE, "
                            + "ts TIMESTAMP NULL DEFAULT NULL)");
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t" + i + " VALUES (1, ?, ?, ?)")) {
                        ps.setFloat(1, floats[i]);
                        ps.setDouble(2, doubles[i]);
                        ps.setString(3, "2024-10-27 00:30:00");
                        ps.execute();
                    }
                    hashes.add(TableHash.of(c, "bits", "t" + i).sha256());
                }
                // the server prints both FLOATs as 123457: the text would hash them alike
                try (ResultSet rs = st.executeQuery("SELECT (SELECT CAST(f AS CHAR) FROM t0), "
                        + "(SELECT CAST(f AS CHAR) FROM t1)")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(rs.getString(2));
                }
                assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1)).isNotEqualTo(hashes.get(2))
                        .isEqualTo(hashes.get(3));
                assertThat(hashes.get(1)).isNotEqualTo(hashes.get(2));
                // the same instant hashes alike whatever the session's time zone was before
                st.execute("SET time_zone = '+05:00'");
                assertThat(TableHash.of(c, "bits", "t3").sha256()).isEqualTo(hashes.get(3));
            }
        }
    }

    /**
     * The failure of the issue, made on purpose: a file with pre-5.6 DATETIMEs imported into a table created with
     * today's columns, which CHECK TABLE accepts. Both ways of comparing the server's rows with our reader's must see
     * that the server reads other values than the file holds.
     */
    @Test
    void theRowComparisonSeesAFileReadWithTheWrongTemporalFormat() throws Exception {
        try (MariaDbServer server = new MariaDbServerProvider().createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("server"))).setting("innodb_checksum_algorithm", "crc32")
                .build())) {
            server.start();
            Path dataDir = server.info().dataDir();
            Path copy = tmp.resolve("old.ibd");
            io.dbrecover.mysql.model.TableDefinition legacy;
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE w");
                st.execute("USE w");
                st.execute("SET GLOBAL mysql56_temporal_format = OFF");
                st.execute("CREATE TABLE old (id INT PRIMARY KEY, dt DATETIME, n INT) ROW_FORMAT=COMPACT");
                st.execute("SET GLOBAL mysql56_temporal_format = ON");
                st.execute("INSERT INTO old SELECT seq, '2006-02-14 22:04:36' + INTERVAL seq HOUR, seq "
                        + "FROM seq_1_to_500");
                st.execute("FLUSH TABLES old FOR EXPORT");
                Files.copy(dataDir.resolve("w/old.ibd"), copy);
                legacy = io.dbrecover.mysql.frm.FrmReader.read(dataDir.resolve("w/old.frm"));
                st.execute("UNLOCK TABLES");
                st.execute("CREATE TABLE wrong (id INT PRIMARY KEY, dt DATETIME, n INT) ROW_FORMAT=COMPACT");
                st.execute("ALTER TABLE wrong DISCARD TABLESPACE");
                Files.copy(copy, dataDir.resolve("w/wrong.ibd"));
                st.execute("ALTER TABLE wrong IMPORT TABLESPACE");
                try (ResultSet rs = st.executeQuery("CHECK TABLE wrong")) {
                    rs.next();
                    assertThat(rs.getString("Msg_text")).as("the server notices nothing").isEqualTo("OK");
                }
                var separate = io.dbrecover.mysql.verify.RowComparison.compare(c, "w", "wrong", copy, legacy);
                assertThat(separate.equal()).isFalse();
                assertThat(separate.firstDifference()).contains("row 1");
                var merged = io.dbrecover.mysql.verify.RowComparison.compareAndHash(c, "w", "wrong", copy, legacy)
                        .orElseThrow();
                assertThat(merged.comparison().equal()).isFalse();
                // the hash still covers every row the server returns
                assertThat(merged.hash()).isEqualTo(TableHash.of(c, "w", "wrong"));
                // and the right table, read as written, proves equal in one pass
                var right = io.dbrecover.mysql.verify.RowComparison.compareAndHash(c, "w", "old", copy, legacy)
                        .orElseThrow();
                assertThat(right.comparison().proves()).as(right.comparison().toString()).isTrue();
                assertThat(right.comparison().rows()).isEqualTo(500);
                assertThat(right.hash()).isEqualTo(TableHash.of(c, "w", "old"));
            }
        }
    }
}
