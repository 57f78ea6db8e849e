package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.IntoServer;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.verify.TableHash;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mysql recover --into}: the tables go into a server the user runs. Tables that already exist there are
 * never discarded nor dropped, with rows or without; databases not confirmed are left alone; the server's
 * settings are put back.
 */
@RequiresServer("mysql")
class MySqlRecoverIntoIT {
    @TempDir
    Path tmp;

    @Test
    void importsIntoTheUsersServerWithoutTouchingTablesItDidNotCreate() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        Map<String, RowHash> expected = new TreeMap<>();
        Path orphan = Files.createDirectories(tmp.resolve("orphan"));
        // files in the older on-disk format, so that the target's checksum setting is changed and must come back
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source")))
                .setting("innodb_checksum_algorithm", "crc32").build())) {
            source.start();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                for (String db : List.of("small", "other")) {
                    st.execute("CREATE DATABASE " + db);
                    st.execute("USE " + db);
                    st.execute("CREATE TABLE fresh (id INT PRIMARY KEY, label VARCHAR(30), KEY ix (label))");
                    st.execute("INSERT INTO fresh SELECT seq, CONCAT('label ', seq) FROM seq_1_to_1500");
                }
                st.execute("USE small");
                st.execute("CREATE TABLE keep (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO keep SELECT seq, seq FROM seq_1_to_1000");
                st.execute("CREATE TABLE empty_there (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO empty_there SELECT seq, seq FROM seq_1_to_1000");
                st.execute("CREATE TABLE ghost (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO ghost SELECT seq, seq FROM seq_1_to_1000");
                st.execute("CREATE TABLE parts_lost (id INT NOT NULL PRIMARY KEY) PARTITION BY HASH (id) "
                        + "PARTITIONS 3");
                st.execute("INSERT INTO parts_lost SELECT seq FROM seq_1_to_1000");
                st.execute("CREATE TABLE parts (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d)) "
                        + "PARTITION BY RANGE (YEAR(d)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2 ("
                        + "PARTITION p2022 VALUES LESS THAN (2023), PARTITION pmax VALUES LESS THAN MAXVALUE)");
                st.execute("INSERT INTO parts SELECT seq, '2022-06-01' + INTERVAL seq DAY FROM seq_1_to_1000");
                for (String t : List.of("fresh", "parts")) {
                    expected.put("small." + t, TableHash.of(c, "small", t));
                }
            }
            source.stop();
            for (String db : List.of("small", "other")) {
                Disaster.copyOrphans(source.info().dataDir().resolve(db), orphan.resolve(db));
            }
        }
        assertThat(orphan.resolve("small")).isDirectoryContaining("glob:**/parts#P#p2022#SP#p2022sp0.ibd");
        // one partition file of parts_lost did not survive
        Files.delete(orphan.resolve("small/parts_lost#P#p1.ibd"));
        // the schema of the application says keep refers to fresh: the user's own keep must not get that key
        Path ddl = Files.writeString(tmp.resolve("schema.sql"), "CREATE DATABASE small; USE small;\n"
                + "CREATE TABLE keep (id INT PRIMARY KEY, v INT, CONSTRAINT fk_keep FOREIGN KEY (v) "
                + "REFERENCES fresh (id));\n");
        SourceSnapshot before = SourceSnapshot.of(orphan);
        String[] passwordSeen = new String[1];

        try (MariaDbServer users = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("users"))).build())) {
            users.start();
            RowHash keepBefore;
            try (Connection c = MariaDbServer.connect(users.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE small");
                st.execute("CREATE TABLE small.keep (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO small.keep VALUES (1, 100), (2, 200), (3, 300)");
                st.execute("CREATE TABLE small.empty_there (id INT PRIMARY KEY, v INT)");
                st.execute("CREATE TABLE small.ghost (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO small.ghost VALUES (7, 7)");
                keepBefore = TableHash.of(c, "small", "keep");
            }
            // the state a disaster leaves: InnoDB still holds small.ghost and its file, its .frm is gone
            users.stop();
            Path ghostFile = users.info().dataDir().resolve("small/ghost.ibd");
            Files.delete(users.info().dataDir().resolve("small/ghost.frm"));
            users.start();
            byte[] ghostBefore = Files.readAllBytes(ghostFile);
            String url = "jdbc:mariadb://127.0.0.1:" + users.endpoint().port() + "/?user="
                    + users.endpoint().user();
            // the report, the journal and the logs never hold the password
            String password = users.endpoint().password();
            passwordSeen[0] = password;
            IntoServer into = IntoServer.of(url, null, users.endpoint().password(), Set.of("small"));

            RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan).ddl(ddl)
                    .workDir(tmp.resolve("work")).jobs(2).expected(expected).into(into)
                    .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);

            assertThat(report.items()).as(MySqlRecoverIT.describe(report))
                    .extracting(i -> i.name() + ":" + i.status()).containsExactlyInAnyOrder(
                            "small.fresh:VERIFIED", "small.parts:VERIFIED", "small.keep:FAILED",
                            "small.empty_there:FAILED", "small.ghost:FAILED", "small.parts_lost:FAILED",
                            "other.fresh:FAILED");
            assertThat(report.items()).filteredOn(i -> i.name().equals("small.ghost")).singleElement()
                    .satisfies(i -> assertThat(i.detail()).contains("exists in the RecoverRequest.into server"));
            assertThat(report.items()).filteredOn(i -> i.name().equals("small.parts_lost")).singleElement()
                    .satisfies(i -> assertThat(i.detail()).contains("p1", "have no tablespace file"));
            assertThat(report.items()).filteredOn(i -> i.name().equals("small.keep")).singleElement()
                    .satisfies(i -> assertThat(i.detail()).contains(
                            "exists in the RecoverRequest.into server and it holds rows", "never discards"));
            assertThat(report.items()).filteredOn(i -> i.name().equals("small.empty_there")).singleElement()
                    .satisfies(i -> assertThat(i.detail()).contains("it is empty"));
            assertThat(report.items()).filteredOn(i -> i.name().equals("other.fresh")).singleElement()
                    .satisfies(i -> assertThat(i.detail()).contains("not confirmed", "IntoServer.databases other"));
            assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                    .extracting(v -> v.item() + ":" + v.passed())
                    .containsExactlyInAnyOrder("small.fresh:true", "small.parts:true");
            assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
            assertThat(report.exitCode()).isEqualTo(3);

            try (Connection c = MariaDbServer.connect(users.endpoint()); Statement st = c.createStatement()) {
                // the user's tables are as they were; the recovered ones hash as before the disaster
                assertThat(TableHash.of(c, "small", "keep")).isEqualTo(keepBefore);
                assertThat(count(st, "SELECT COUNT(*) FROM small.empty_there")).isZero();
                assertThat(TableHash.of(c, "small", "fresh"))
                        .isEqualTo(expected.get("small.fresh"));
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = "
                        + "'other'")).isZero();
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME LIKE "
                        + "'dbrecover%'")).isZero();
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS "
                        + "WHERE CONSTRAINT_SCHEMA = 'small'")).isZero();
                assertThat(count(st, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'small' "
                        + "AND TABLE_NAME = 'parts_lost'")).isZero();
                try (ResultSet rs = st.executeQuery("SELECT @@innodb_checksum_algorithm")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualToIgnoringCase("full_crc32");
                }
            }
            // the engine-only table's file is untouched
            assertThat(Files.readAllBytes(ghostFile)).isEqualTo(ghostBefore);
            // the imported files belong to the server's user, as its own files do
            Path dir = users.info().dataDir().resolve("small");
            assertThat(Files.getOwner(dir.resolve("fresh.ibd"))).isEqualTo(Files.getOwner(dir));
        }
        assertThat(before.compareNow().unchanged()).isTrue();
        try (Stream<Path> files = Files.walk(tmp.resolve("work"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")
                    || f.toString().endsWith(".jsonl")).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(passwordSeen[0]);
            }
        }
    }

    private static long count(Statement st, String sql) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
