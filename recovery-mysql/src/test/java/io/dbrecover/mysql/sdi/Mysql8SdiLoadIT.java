package io.dbrecover.mysql.sdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definitions read from real MySQL 8.0 tablespaces (their SDI) load into MariaDB 10.11 as is (issue 15 §2.4): the
 * {@code utf8mb4_0900_*} collations MariaDB does not know are written as its UCA 14.0.0 equivalents. The files are
 * the five shipped from innodb-java-reader (test resources {@code sdi/innodb-java-reader-mysql80}, Apache-2.0),
 * Debian's {@code mariadb-test-data} {@code t2.ibd} when installed, and every {@code .ibd} under the directory
 * named by the system property {@code dbrecover.mysql80.dir} when given (e.g. that project's whole
 * {@code testsuite/mysql80} tree). Each table must exist afterwards with the columns, in order, of our model, and
 * with MariaDB's collation where MySQL's was a 0900 one.
 */
@RequiresServer("mysql")
class Mysql8SdiLoadIT {
    @TempDir
    Path tmp;

    @Test
    void every_readable_mysql8_table_loads_into_mariadb_through_the_client() throws Exception {
        // a database per source: table names repeat across them (innodb-java-reader's whole tree holds the
        // shipped five again)
        List<Path> dirs = new ArrayList<>();
        for (Map.Entry<String, List<Path>> source : sources().entrySet()) {
            Path db = Files.createDirectories(tmp.resolve("src").resolve(source.getKey()));
            for (Path f : source.getValue()) {
                Files.copy(f, db.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            dirs.add(db);
        }
        Scan scan = MySqlDdl.scan(dirs, Dialect.MARIADB);
        List<Scan.Item> tables = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (Scan.Item i : scan.items()) {
            if (i.status() == Scan.Status.OK) {
                tables.add(i);
            } else {
                unread.add(i.file().getFileName() + ": " + i.reason());
            }
        }
        System.out.println("MySQL 8 tablespaces: " + scan.items().size() + " files, " + tables.size() + " tables read"
                + (unread.isEmpty() ? "" : "; not read: " + unread));
        // the shipped five are all readable; of the optional ones, SDI on external pages is refused (known)
        assertThat(unread).allSatisfy(u -> assertThat(u).contains("external SDI BLOB pages"));
        assertThat(tables).hasSizeGreaterThanOrEqualTo(5);
        String script = MySqlDdl.script(scan);
        assertThat(script).contains("COLLATE=utf8mb4_uca1400_nopad_ai_ci")
                .contains("MySQL 8 collation utf8mb4_0900_ai_ci written as utf8mb4_uca1400_nopad_ai_ci")
                .doesNotContain("COLLATE=utf8mb4_0900").doesNotContain("COLLATE utf8mb4_0900");
        Path file = Files.writeString(tmp.resolve("m8.sql"), script, StandardCharsets.UTF_8);

        try (MariaDbServer server = new MariaDbServerProvider().createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("server"))).build())) {
            server.start();
            ProcessResult client = load(server, file);
            assertThat(client.exitCode()).as(client.output()).isZero();
            assertThat(client.output()).as("the client reported errors").doesNotContain("ERROR");
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                for (Scan.Item item : tables) {
                    TableDefinition t = item.table();
                    String schema = item.database();
                    List<String> columns = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE "
                            + "table_schema = '" + schema + "' AND table_name = '" + t.name() + "' ORDER BY ordinal_position")) {
                        while (rs.next()) {
                            columns.add(rs.getString(1));
                        }
                    }
                    assertThat(columns).as(t.name()).containsExactlyElementsOf(t.columns().stream()
                            .map(Column::name).toList());
                    String expected = t.options().charset().collation().contains("_0900_")
                            ? "utf8mb4_uca1400_nopad_ai_ci" : t.options().charset().collation();
                    try (ResultSet rs = st.executeQuery("SELECT table_collation FROM information_schema.tables "
                            + "WHERE table_schema = '" + schema + "' AND table_name = '" + t.name() + "'")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as(t.name()).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /** Database name → tablespaces. */
    private Map<String, List<Path>> sources() throws Exception {
        Map<String, List<Path>> sources = new LinkedHashMap<>();
        Path shipped = Path.of(getClass().getResource("/sdi/innodb-java-reader-mysql80").toURI());
        sources.put("m8", ibd(shipped));
        assertThat(sources.get("m8")).hasSize(5);
        Path debian = SdiCorpusIT.DIR.resolve("t2.ibd");
        if (Files.isRegularFile(debian)) {
            sources.put("m8_debian", List.of(debian));
        } else {
            System.out.println("mariadb-test-data not installed: its MySQL 8 t2.ibd is not part of this run");
        }
        String more = System.getProperty("dbrecover.mysql80.dir");
        if (more == null) {
            System.out.println("-Ddbrecover.mysql80.dir not given: only the shipped MySQL 8 tablespaces are loaded");
        } else {
            List<Path> extra = ibd(Path.of(more));
            assertThat(extra).as("tablespaces under " + more).isNotEmpty();
            sources.put("m8_more", extra);
        }
        return sources;
    }

    private static List<Path> ibd(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".ibd")).filter(p -> p.toFile().length() > 0).sorted().toList();
        }
    }

    private ProcessResult load(MariaDbServer server, Path script) {
        Path tool = server.installation().program("mariadb").orElseThrow();
        Path options = Secrets.writePrivateFile(Secrets.privateDir(tmp.resolve("client")).resolve("client.cnf"),
                MariaDbServer.clientOptions(server.endpoint()));
        return new ProcessRunner().run(ProcessSpec.of(tool.toString(), "--defaults-extra-file=" + options,
                        "--default-character-set=utf8mb4", "-e", "source " + script)
                .timeout(Duration.ofMinutes(2)).okExitCodes(0, 1).logName("mariadb").build());
    }
}
