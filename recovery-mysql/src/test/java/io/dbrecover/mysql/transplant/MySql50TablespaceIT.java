package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.ibd.Mysql50Files;
import io.dbrecover.mysql.ibd.Tablespaces;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.verify.TableHash;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tablespaces in MySQL 5.0's layout (page 0 of type 0, legacy "innodb" checksums; made by {@link Mysql50Files} from
 * files MariaDB wrote in the old format, since no MySQL 5.0 server exists here) are intact, and recover brings them
 * back: MariaDB 10.11 refuses such a file as it is (shown here first: "Got error 37 'Data structure corruption'",
 * with "Inconsistent tablespace ID" in its log), and imports the copy whose page 0 recover typed FSP_HDR.
 */
@RequiresServer("mysql")
class MySql50TablespaceIT {
    @TempDir
    Path tmp;

    @Test
    void mysql50TablespacesAreImportedThroughACopyWithATypedPage0AndProvedIdentical() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        Map<String, RowHash> expected = new TreeMap<>();
        Path orphan = tmp.resolve("orphan");
        Path dataDir;
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source"))).keepFiles(true)
                .setting("innodb_checksum_algorithm", "crc32").setting("innodb_default_row_format", "compact")
                .build())) {
            source.start();
            dataDir = source.info().dataDir();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE old5 CHARACTER SET latin1");
                st.execute("USE old5");
                st.execute("CREATE TABLE compact_t (id INT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL, "
                        + "qty INT, note VARCHAR(200), KEY ix_qty (qty)) ROW_FORMAT=COMPACT");
                st.execute("INSERT INTO compact_t SELECT seq, CONCAT('name ', seq), IF(seq % 7 = 0, NULL, seq * 3), "
                        + "IF(seq % 5 = 0, NULL, REPEAT('n', seq % 150)) FROM seq_1_to_3000");
                st.execute("CREATE TABLE redundant_t (id INT NOT NULL PRIMARY KEY, label CHAR(12), v BIGINT) "
                        + "ROW_FORMAT=REDUNDANT");
                st.execute("INSERT INTO redundant_t SELECT seq, CONCAT('r', seq), seq * 1000003 FROM seq_1_to_1000");
                for (String t : List.of("compact_t", "redundant_t")) {
                    expected.put("old5." + t, TableHash.of(c, "old5", t));
                }
                // MariaDB's own answer to such a file as it is: a copy of compact_t's, aged, into a table like it
                st.execute("FLUSH TABLES compact_t FOR EXPORT");
                Path aged = Files.copy(dataDir.resolve("old5/compact_t.ibd"), tmp.resolve("aged.ibd"));
                st.execute("UNLOCK TABLES");
                Mysql50Files.age(aged);
                st.execute("CREATE TABLE ctl (id INT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INT, "
                        + "note VARCHAR(200)) ROW_FORMAT=COMPACT");
                st.execute("ALTER TABLE ctl DISCARD TABLESPACE");
                Files.copy(aged, dataDir.resolve("old5/ctl.ibd"));
                assertThatThrownBy(() -> st.execute("ALTER TABLE ctl IMPORT TABLESPACE"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("corruption");
                st.execute("DROP TABLE ctl");
            }
        }
        Disaster.copyOrphans(dataDir.resolve("old5"), orphan.resolve("old5"));
        TempDirs.deleteQuietly(dataDir.getParent());
        for (String t : List.of("compact_t", "redundant_t")) {
            Path ibd = orphan.resolve("old5/" + t + ".ibd");
            Mysql50Files.age(ibd);
            assertThat(Tablespaces.inspect(ibd).untypedPage0()).as(t).isTrue();
        }
        SourceSnapshot before = SourceSnapshot.of(orphan);

        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan)
                .workDir(tmp.resolve("work")).expected(expected)
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);

        assertThat(report.outcome()).as(report.items() + "\n" + report.findings()).isEqualTo(Outcome.VERIFIED);
        assertThat(report.items()).extracting(i -> i.name() + ":" + i.status())
                .containsExactlyInAnyOrder("old5.compact_t:VERIFIED", "old5.redundant_t:VERIFIED");
        assertThat(report.items()).allSatisfy(i -> assertThat(i.detail()).contains("page 0 untyped as MySQL 5.0 "
                + "wrote it"));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .hasSize(2).allSatisfy(v -> assertThat(v.passed()).isTrue());
        assertThat(before.compareNow().unchanged()).isTrue();
    }
}
