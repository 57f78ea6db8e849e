package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.datadir.DataDirFiles;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MariaDB data directory with the server's own files in it, copied the way a disaster leaves it: FULLTEXT
 * auxiliary tablespaces (a FULLTEXT key made with the table, one added later by a rebuild, a second one added to a
 * table that had one) and the leftover of an ALTER TABLE killed with SIGKILL after its copy was complete (held
 * back from its final rename by another transaction's metadata lock, the last moment a crash can hit). The oracle for
 * "which table" is the source server's own dictionary (information_schema.INNODB_SYS_TABLES), read before the kill.
 */
@RequiresServer("mysql")
class ServerFilesIT {
    @TempDir
    Path tmp;

    @Test
    void serverFilesAreNamedOnceTheTablesRecoverVerifiedAndTheLeftoverRecoversAsAdvised() throws Exception {
        MariaDbServerProvider provider = new MariaDbServerProvider();
        Map<String, RowHash> expected = new TreeMap<>();
        Map<Long, String> dictionary = new HashMap<>();
        RowHash altered;
        Path orphan = tmp.resolve("orphan");
        Path dataDir;
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source"))).keepFiles(true).build())) {
            source.start();
            dataDir = source.info().dataDir();
            // dropped with the server's death: closing it would try to roll back over a dead link
            Connection reader = MariaDbServer.connect(source.endpoint());
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement();
                 Connection alterer = MariaDbServer.connect(source.endpoint())) {
                st.execute("CREATE DATABASE shop CHARACTER SET utf8mb4");
                st.execute("USE shop");
                st.execute("CREATE TABLE articles (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, "
                        + "FULLTEXT KEY ft_body (title, body))");
                st.execute("INSERT INTO articles SELECT seq, CONCAT('title ', seq), CONCAT('body text ', seq) "
                        + "FROM seq_1_to_2000");
                st.execute("CREATE TABLE notes (id INT PRIMARY KEY, txt TEXT)");
                st.execute("INSERT INTO notes SELECT seq, CONCAT('note ', seq) FROM seq_1_to_1000");
                st.execute("ALTER TABLE notes ADD FULLTEXT KEY ft_txt (txt)"); // rebuilds: new table id
                st.execute("CREATE TABLE plain (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO plain SELECT seq, seq * 3 FROM seq_1_to_1000");
                st.execute("ALTER TABLE articles ADD FULLTEXT KEY ft_title (title)"); // its INDEX_* files come later
                st.execute("CREATE TABLE big (id INT PRIMARY KEY, a VARCHAR(100), b INT)");
                st.execute("INSERT INTO big SELECT seq, REPEAT('x', seq % 90), seq FROM seq_1_to_20000");
                for (String t : List.of("articles", "notes", "plain", "big")) {
                    expected.put("shop." + t, TableHash.of(c, "shop", t));
                }
                // what the ALTER's copy holds, hashed as a table of its shape (in another database)
                st.execute("CREATE DATABASE expect");
                st.execute("CREATE TABLE expect.big (id INT PRIMARY KEY, a VARCHAR(100), b INT, "
                        + "c INT NOT NULL DEFAULT 7) CHARACTER SET utf8mb4");
                st.execute("INSERT INTO expect.big (id, a, b) SELECT id, a, b FROM shop.big");
                altered = TableHash.of(c, "expect", "big");
                st.execute("USE shop");
                try (ResultSet rs = st.executeQuery("SELECT table_id, name FROM information_schema.INNODB_SYS_TABLES "
                        + "WHERE name LIKE 'shop/%' AND name NOT LIKE 'shop/FTS\\_%'")) {
                    while (rs.next()) {
                        dictionary.put(rs.getLong(1), rs.getString(2).substring("shop/".length()));
                    }
                }
                // a reader's open transaction holds big's metadata lock: the ALTER copies, then waits to rename
                reader.setAutoCommit(false);
                try (Statement r = reader.createStatement(); ResultSet rs = r.executeQuery("SELECT COUNT(*) FROM "
                        + "shop.big")) {
                    rs.next();
                }
                CompletableFuture<Void> alter = CompletableFuture.runAsync(() -> {
                    try (Statement a = alterer.createStatement()) {
                        a.execute("ALTER TABLE shop.big ADD COLUMN c INT NOT NULL DEFAULT 7, ALGORITHM=COPY");
                    } catch (java.sql.SQLException e) {
                        // ends with the server's death
                    }
                });
                waitForAlterAtRename(st);
                Disaster.flushEverything(st);
                Disaster.kill(st);
                alter.join();
            } finally {
                reader.abort(Runnable::run);
            }
        }
        Disaster.copyOrphans(dataDir.resolve("shop"), orphan.resolve("shop"));
        TempDirs.deleteQuietly(dataDir.getParent());
        List<String> leftovers;
        try (Stream<Path> s = Files.list(orphan.resolve("shop"))) {
            leftovers = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("#sql")).sorted().toList();
        }
        assertThat(leftovers).hasSize(2).allSatisfy(n -> assertThat(n).matches("#sql-alter-[0-9a-f]+-[0-9a-f]+\\."
                + "(frm|ibd)"));
        String leftoverBase = leftovers.get(0).substring(0, leftovers.get(0).lastIndexOf('.'));
        SourceSnapshot before = SourceSnapshot.of(orphan);

        // mysql ddl: no failure; every FULLTEXT group named once with the table the dictionary says
        Scan scan = MySqlDdl.scan(List.of(orphan), Dialect.MARIADB);
        assertThat(scan.failed()).isZero();
        Map<String, String> owners = new TreeMap<>();
        for (Scan.Item i : scan.items()) {
            if (i.role() == Scan.Role.FULLTEXT_AUXILIARY) {
                long id = DataDirFiles.fulltextAuxiliary(i.file().getFileName().toString()).orElseThrow()
                        .tableIdValue();
                owners.put(dictionary.get(id), i.reason());
            }
        }
        assertThat(owners).containsOnlyKeys("articles", "notes");
        owners.forEach((table, why) -> assertThat(why).contains("of a FULLTEXT index of `shop`.`" + table + "`",
                "follow the", "of " + table + ".ibd"));
        String script = MySqlDdl.script(scan);
        assertThat(script).containsOnlyOnce("of a FULLTEXT index of `shop`.`articles`")
                .containsOnlyOnce("of a FULLTEXT index of `shop`.`notes`")
                .contains("-- " + leftoverBase + ".frm is no table of the application",
                        "CREATE TABLE `" + leftoverBase + "` (\n  `id` int(11) NOT NULL,\n  `a` varchar(100)");

        // mysql recover: the user's tables verified, the server's files named in the report
        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(orphan)
                .workDir(tmp.resolve("work")).expected(expected)
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);
        assertThat(report.outcome()).as(describe(report)).isEqualTo(Outcome.VERIFIED);
        assertThat(report.items()).extracting(i -> i.name() + ":" + i.status()).containsExactlyInAnyOrder(
                "shop.articles:VERIFIED", "shop.notes:VERIFIED", "shop.plain:VERIFIED", "shop.big:VERIFIED");
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .hasSize(4).allSatisfy(v -> assertThat(v.passed()).isTrue());
        assertThat(report.findings()).filteredOn(f -> f.code().equals("FULLTEXT_INDEX_FILES"))
                .extracting(Finding::message).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("`shop`.`articles`"))
                .anySatisfy(m -> assertThat(m).contains("`shop`.`notes`"));
        assertThat(report.findings()).filteredOn(f -> f.code().equals("ALTER_LEFTOVER")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(leftoverBase + ".frm, " + leftoverBase + ".ibd",
                        "may hold the only copy of a table", "shop_recovered/"));
        assertThat(before.compareNow().unchanged()).isTrue();

        // the advice works: the leftover under a table name of its own holds big with the added column
        String name = DataDirFiles.alterLeftover(leftoverBase + ".frm").orElseThrow().suggestedName();
        Path advised = Files.createDirectories(tmp.resolve("advised/shop_recovered"));
        Files.copy(orphan.resolve("shop/" + leftoverBase + ".frm"), advised.resolve(name + ".frm"));
        Files.copy(orphan.resolve("shop/" + leftoverBase + ".ibd"), advised.resolve(name + ".ibd"));
        RecoveryReport again = MySqlRecover.recover(RecoverRequest.builder().from(advised.getParent())
                .workDir(tmp.resolve("work2")).expected(Map.of("shop_recovered." + name, altered))
                .server(ServerOptions.builder().baseDir(tmp).build()).build(), provider);
        assertThat(again.outcome()).as(describe(again)).isEqualTo(Outcome.VERIFIED);
        assertThat(again.items()).extracting(ItemResult::status).containsExactly(ItemStatus.VERIFIED);
        assertThat(again.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .singleElement().satisfies(v -> assertThat(v.passed()).isTrue());
    }

    /** Until the ALTER has copied every row and waits for the metadata lock of its final rename. */
    private static void waitForAlterAtRename(Statement st) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE "
                    + "INFO LIKE 'ALTER TABLE shop.big%' AND STATE = 'Waiting for table metadata lock'")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the ALTER TABLE never reached its rename");
    }

    private static String describe(RecoveryReport r) {
        StringBuilder sb = new StringBuilder();
        r.items().forEach(i -> sb.append(i.name()).append(' ').append(i.status()).append(' ').append(i.detail())
                .append('\n'));
        r.findings().forEach(f -> sb.append(f.code()).append(' ').append(f.message()).append('\n'));
        return sb.toString();
    }
}
