package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
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
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small orphaned database (only .frm/.ibd/.par files: no ibdata1, no redo) brought back by
 * {@link MySqlRecover}: every table's ordered row hash must equal the one taken before the disaster.
 */
@RequiresServer("mysql")
class MySqlRecoverIT {
    @TempDir
    Path tmp;

    @Test
    void recoversOrphanedTablesOfEveryClusteringKindWithTheirRowsIdentical() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        Map<String, RowHash> expected = new TreeMap<>();
        Path orphan = Files.createDirectories(tmp.resolve("orphan"));
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source"))).build())) {
            source.start();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE small CHARACTER SET utf8mb4");
                st.execute("USE small");
                st.execute("CREATE TABLE with_pk (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, note TEXT, "
                        + "price DECIMAL(10,2), KEY ix_name (name), FULLTEXT KEY ft_note (note))");
                st.execute("CREATE TABLE no_key (a INT, b VARCHAR(20))");
                st.execute("CREATE TABLE unique_only (code CHAR(8) NOT NULL, qty INT NOT NULL AUTO_INCREMENT, "
                        + "UNIQUE KEY uq_code (code), KEY ix_qty (qty))");
                st.execute("CREATE TABLE packed (id INT PRIMARY KEY, body BLOB) ROW_FORMAT=COMPRESSED "
                        + "KEY_BLOCK_SIZE=8");
                st.execute("CREATE TABLE ranged (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d)) "
                        + "PARTITION BY RANGE (YEAR(d)) (PARTITION p2023 VALUES LESS THAN (2024), "
                        + "PARTITION pmax VALUES LESS THAN MAXVALUE)");
                c.setAutoCommit(false);
                try (PreparedStatement a = c.prepareStatement("INSERT INTO with_pk VALUES (?, ?, ?, ?)");
                     PreparedStatement b = c.prepareStatement("INSERT INTO no_key VALUES (?, ?)");
                     PreparedStatement u = c.prepareStatement("INSERT INTO unique_only (code) VALUES (?)");
                     PreparedStatement p = c.prepareStatement("INSERT INTO packed VALUES (?, ?)");
                     PreparedStatement r = c.prepareStatement("INSERT INTO ranged VALUES (?, ?)")) {
                    for (int i = 1; i <= 1000; i++) {
                        a.setInt(1, i);
                        a.setString(2, "name " + i + " 😀 名前");
                        a.setString(3, i % 5 == 0 ? null : "note number " + i);
                        a.setBigDecimal(4, java.math.BigDecimal.valueOf(i * 137L, 2));
                        a.addBatch();
                        b.setInt(1, i % 17);
                        b.setString(2, "v" + i);
                        b.addBatch();
                        u.setString(1, String.format("C%07d", i));
                        u.addBatch();
                        p.setInt(1, i);
                        p.setBytes(2, ("blob " + i).repeat(i % 40 + 1).getBytes());
                        p.addBatch();
                        r.setInt(1, i);
                        r.setDate(2, java.sql.Date.valueOf(java.time.LocalDate.of(2022, 1, 1).plusDays(i)));
                        r.addBatch();
                    }
                    for (PreparedStatement ps : List.of(a, b, u, p, r)) {
                        ps.executeBatch();
                    }
                }
                st.execute("DELETE FROM with_pk WHERE id % 7 = 0");
                c.commit();
                for (String t : List.of("with_pk", "no_key", "unique_only", "packed", "ranged")) {
                    expected.put("small." + t, TableHash.of(c, "small", t));
                }
            }
            source.stop();
            Disaster.copyOrphans(source.info().dataDir().resolve("small"), orphan.resolve("small"));
        }
        SourceSnapshot before = SourceSnapshot.of(orphan);

        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan)
                .workDir(tmp.resolve("work")).jobs(2).expected(expected).dump(tmp.resolve("small.sql"))
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);

        assertThat(report.items()).as(describe(report)).extracting(i -> i.name() + ":" + i.status())
                .containsExactlyInAnyOrder(
                "small.with_pk:VERIFIED", "small.no_key:VERIFIED", "small.unique_only:VERIFIED",
                "small.packed:VERIFIED", "small.ranged:VERIFIED");
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .hasSize(5).allSatisfy(v -> assertThat(v.passed()).as(v.item()).isTrue());
        // the dump loads into a fresh server and gives the same rows there
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("dump-reloads-identically"))
                .extracting(v -> v.item() + ":" + v.passed()).containsExactlyInAnyOrder("small.with_pk:true",
                        "small.no_key:true", "small.unique_only:true", "small.packed:true", "small.ranged:true");
        assertThat(tmp.resolve("small.sql")).content().contains("CREATE TABLE `with_pk`", "FULLTEXT KEY `ft_note`",
                "PARTITION BY RANGE");
        assertThat(report.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(before.compareNow().unchanged()).isTrue();
        assertThat(report.items()).extracting(ItemResult::status).containsOnly(ItemStatus.VERIFIED);
    }

    /**
     * Without a .cfg the server imports into any definition and returns garbage; a wrong definition (here a .frm
     * of another shape put beside the real .ibd) must be refused before import, naming the column.
     */
    @Test
    void refusesDefinitionsThatDoNotFitTheFileBeforeImportingAnything() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        String real = "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, qty INT NOT NULL, label VARCHAR(30) NOT NULL, "
                + "price DECIMAL(10,2) NOT NULL)";
        Map<String, String> wrong = Map.of(
                "missing_column", "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, qty INT NOT NULL, "
                        + "price DECIMAL(10,2) NOT NULL)",
                "wider_decimal", "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, qty INT NOT NULL, "
                        + "label VARCHAR(30) NOT NULL, price DECIMAL(14,2) NOT NULL)",
                "nullable", "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, qty INT NULL, "
                        + "label VARCHAR(30) NOT NULL, price DECIMAL(10,2) NOT NULL)");
        Path orphan = tmp.resolve("orphan");
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source"))).build())) {
            source.start();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE good");
                st.execute("USE good");
                st.execute(real);
                st.execute("INSERT INTO t SELECT seq, seq * 3, CONCAT('label ', seq), seq / 7 FROM seq_1_to_1000");
                for (Map.Entry<String, String> e : wrong.entrySet()) {
                    st.execute("CREATE DATABASE " + e.getKey());
                    st.execute("USE " + e.getKey());
                    st.execute(e.getValue());
                }
            }
            source.stop();
            Path data = source.info().dataDir();
            for (String variant : wrong.keySet()) {
                Path dir = Files.createDirectories(orphan.resolve(variant).resolve("shop"));
                Files.copy(data.resolve("good/t.ibd"), dir.resolve("t.ibd"));
                Files.copy(data.resolve(variant + "/t.frm"), dir.resolve("t.frm"));
            }
        }
        for (String variant : wrong.keySet()) {
            RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan.resolve(variant))
                    .workDir(tmp.resolve("work-" + variant))
                    .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);
            assertThat(report.items()).as(variant + describe(report)).singleElement().satisfies(i -> {
                assertThat(i.status()).isEqualTo(ItemStatus.FAILED);
                // refused before import; where the layout breaks is in the message (naming the exact column is
                // not always possible: a shifted layout breaks wherever the bytes stop fitting)
                assertThat(i.detail()).contains("does not fit the records in t.ibd");
            });
            System.out.println(variant + ": " + report.items().get(0).detail());
            assertThat(report.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
            assertThat(report.exitCode()).isEqualTo(4);
            assertThat(report.timings()).extracting(t -> t.step()).noneMatch(n -> n.startsWith("table:"));
        }
    }

    /**
     * Only the .ibd files are left; the definitions come from a schema file with --ddl (foreign keys included, which
     * a .frm cannot hold), and a schema file whose definition does not fit the file is refused before import.
     */
    @Test
    void recoversWithDefinitionsFromADdlFileAndRefusesOnesThatDoNotFit() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        String schema = """
                -- schema of the shop, kept by the application
                CREATE TABLE parent (id INT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL);
                CREATE TABLE child (id INT NOT NULL PRIMARY KEY, parent_id INT NOT NULL, note TEXT,
                  KEY ix_parent (parent_id),
                  CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE);
                CREATE TABLE t (id INT NOT NULL PRIMARY KEY, qty INT NOT NULL, label VARCHAR(30) NOT NULL,
                  price DECIMAL(10,2) NOT NULL);
                INSERT INTO t VALUES (1, 1, 'not loaded: data statements are skipped', 1.00);
                """;
        Map<String, RowHash> expected = new TreeMap<>();
        Path orphan = Files.createDirectories(tmp.resolve("orphan"));
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source"))).build())) {
            source.start();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE shop");
                st.execute("USE shop");
                for (String sql : schema.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (sql.strip().startsWith("CREATE")) {
                        st.execute(sql);
                    }
                }
                st.execute("INSERT INTO parent SELECT seq, CONCAT('parent ', seq) FROM seq_1_to_1000");
                st.execute("INSERT INTO child SELECT seq, 1 + seq % 1000, REPEAT('n', seq % 300) FROM seq_1_to_3000");
                st.execute("INSERT INTO t SELECT seq, seq * 3, CONCAT('label ', seq), seq / 7 FROM seq_1_to_1000");
                for (String t : List.of("parent", "child", "t")) {
                    expected.put("shop." + t, TableHash.of(c, "shop", t));
                }
            }
            source.stop();
            Path data = source.info().dataDir();
            Files.createDirectories(orphan.resolve("shop"));
            for (String t : List.of("parent", "child", "t")) {
                Files.copy(data.resolve("shop/" + t + ".ibd"), orphan.resolve("shop/" + t + ".ibd"));
            }
            for (String wrong : List.of("missing_column", "wider_decimal", "nullable")) {
                Files.createDirectories(orphan.resolve(wrong));
                Files.copy(data.resolve("shop/t.ibd"), orphan.resolve(wrong + "/t.ibd"));
            }
        }
        Path ddl = Files.writeString(tmp.resolve("schema.sql"), "CREATE DATABASE shop;\nUSE shop;\n" + schema + """
                CREATE DATABASE missing_column;
                USE missing_column;
                CREATE TABLE t (id INT NOT NULL PRIMARY KEY, qty INT NOT NULL, price DECIMAL(10,2) NOT NULL);
                CREATE DATABASE wider_decimal;
                USE wider_decimal;
                CREATE TABLE t (id INT NOT NULL PRIMARY KEY, qty INT NOT NULL, label VARCHAR(30) NOT NULL,
                  price DECIMAL(14,2) NOT NULL);
                CREATE DATABASE nullable;
                USE nullable;
                CREATE TABLE t (id INT NOT NULL PRIMARY KEY, qty INT NULL, label VARCHAR(30) NOT NULL,
                  price DECIMAL(10,2) NOT NULL);
                """);
        SourceSnapshot before = SourceSnapshot.of(orphan);

        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan).ddl(ddl)
                .workDir(tmp.resolve("work")).expected(expected).dump(tmp.resolve("shop.sql"))
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);

        assertThat(report.items()).as(describe(report)).extracting(i -> i.name() + ":" + i.status())
                .containsExactlyInAnyOrder("shop.parent:VERIFIED", "shop.child:VERIFIED", "shop.t:VERIFIED",
                        "missing_column.t:FAILED", "wider_decimal.t:FAILED", "nullable.t:FAILED");
        assertThat(report.items()).filteredOn(i -> i.status() == ItemStatus.VERIFIED)
                .allSatisfy(i -> assertThat(i.detail()).contains("definition from RecoverRequest.ddl schema.sql line"));
        assertThat(report.items()).filteredOn(i -> i.status() == ItemStatus.FAILED).allSatisfy(i -> {
            assertThat(i.detail()).contains("the definition from RecoverRequest.ddl schema.sql line",
                    "does not fit the records in t.ibd");
            System.out.println(i.name() + ": " + i.detail());
        });
        // refused before import: no table step ran for them
        assertThat(report.timings()).extracting(t -> t.step()).containsOnlyOnce("table:shop.t")
                .noneMatch(n -> n.startsWith("table:") && !n.startsWith("table:shop."));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .hasSize(3).allSatisfy(v -> assertThat(v.passed()).as(v.item()).isTrue());
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("foreign-key-holds"))
                .singleElement().satisfies(v -> {
                    assertThat(v.item()).isEqualTo("shop.child");
                    assertThat(v.passed()).isTrue();
                });
        assertThat(report.findings()).noneMatch(f -> f.code().equals("FOREIGN_KEYS_NOT_IN_FRM"));
        assertThat(report.findings()).anyMatch(f -> f.code().equals("DDL_NOTE") && f.message().contains("INSERT"));
        assertThat(tmp.resolve("shop.sql")).content().contains("CONSTRAINT `fk_parent` FOREIGN KEY (`parent_id`) "
                + "REFERENCES `parent` (`id`) ON DELETE CASCADE");
        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(before.compareNow().unchanged()).isTrue();
    }

    /**
     * A table exported with FLUSH TABLES … FOR EXPORT left a .cfg: it is imported with it, every key at once, and
     * the server checks the definition against it.
     */
    @Test
    void importsAnExportedTableWithItsCfg() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        Path orphan = Files.createDirectories(tmp.resolve("orphan/small"));
        RowHash want;
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source"))).build())) {
            source.start();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE small");
                st.execute("USE small");
                st.execute("CREATE TABLE exported (id INT AUTO_INCREMENT PRIMARY KEY, code INT NOT NULL, "
                        + "label VARCHAR(40), UNIQUE KEY uq (code), KEY ix (label))");
                st.execute("INSERT INTO exported (code, label) SELECT seq * 7, CONCAT('l', seq % 13) "
                        + "FROM seq_1_to_1500");
                want = TableHash.of(c, "small", "exported");
                st.execute("FLUSH TABLES exported FOR EXPORT");
                for (String f : List.of("exported.frm", "exported.ibd", "exported.cfg")) {
                    Files.copy(source.info().dataDir().resolve("small").resolve(f), orphan.resolve(f));
                }
                st.execute("UNLOCK TABLES");
            }
        }

        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan)
                .workDir(tmp.resolve("work")).expected(Map.of("small.exported", want))
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);

        assertThat(report.items()).as(describe(report)).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(ItemStatus.VERIFIED);
            assertThat(i.detail()).contains("imported with its .cfg");
        });
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .singleElement().satisfies(v -> assertThat(v.passed()).isTrue());
        // the .cfg was read by the import and does not stay in the server's data directory
        try (Stream<Path> files = Files.walk(tmp.resolve("work/server"))) {
            assertThat(files.map(Path::toString)).noneMatch(n -> n.endsWith(".cfg"));
        }
    }

    /** Files written with 8K pages go into a throwaway server initialised with 8K pages. */
    @Test
    void recoversTablesWrittenWithAnotherPageSize() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        Map<String, RowHash> expected = new TreeMap<>();
        Path orphan = Files.createDirectories(tmp.resolve("orphan/small"));
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source"))).setting("innodb_page_size", "8192")
                .build())) {
            source.start();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE small");
                st.execute("USE small");
                st.execute("CREATE TABLE plain (id INT PRIMARY KEY, label VARCHAR(200), body TEXT)");
                st.execute("INSERT INTO plain SELECT seq, REPEAT('x', seq % 200), REPEAT('long text ', seq % 900) "
                        + "FROM seq_1_to_2000");
                st.execute("CREATE TABLE packed (id INT PRIMARY KEY, v VARCHAR(50)) ROW_FORMAT=COMPRESSED "
                        + "KEY_BLOCK_SIZE=4");
                st.execute("INSERT INTO packed SELECT seq, CONCAT('v', seq) FROM seq_1_to_2000");
                for (String t : List.of("plain", "packed")) {
                    expected.put("small." + t, TableHash.of(c, "small", t));
                }
            }
            source.stop();
            for (String f : List.of("plain.frm", "plain.ibd", "packed.frm", "packed.ibd")) {
                Files.copy(source.info().dataDir().resolve("small").resolve(f), orphan.resolve(f));
            }
        }

        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan)
                .workDir(tmp.resolve("work")).expected(expected)
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);

        assertThat(report.items()).as(describe(report)).extracting(i -> i.name() + ":" + i.status())
                .containsExactlyInAnyOrder("small.plain:VERIFIED", "small.packed:VERIFIED");
        assertThat(report.items()).allSatisfy(i -> assertThat(i.detail()).contains("8K pages"));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .hasSize(2).allSatisfy(v -> assertThat(v.passed()).isTrue());
    }

    static String describe(RecoveryReport report) {
        StringBuilder sb = new StringBuilder("report:\n");
        report.items().forEach(i -> sb.append("  ").append(i).append('\n'));
        report.findings().forEach(f -> sb.append("  ").append(f).append('\n'));
        report.verifications().stream().filter(v -> !v.passed()).forEach(v -> sb.append("  ").append(v).append('\n'));
        return sb.toString();
    }
}
