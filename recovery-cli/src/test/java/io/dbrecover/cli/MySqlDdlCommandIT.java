package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.ClientAccess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script of {@code mysql ddl} run by the real {@code mariadb} client into a throwaway MariaDB: every committed
 * table fixture is created, and the views and triggers come back exactly as the server first showed them.
 */
class MySqlDdlCommandIT {
    private static final Path TABLES = MySqlDdlCommandTest.FIXTURES.resolve("frm/mariadb-10.11.19");

    @Test
    @RequiresServer("mysql")
    void theScriptLoadsIntoMariaDbThroughTheClientAndRecreatesEveryDefinition(@TempDir Path root,
                                                                              @TempDir Path work) throws Exception {
        Path w = MySqlDdlCommandTest.viewDatabase(root);
        Path script = work.resolve("ddl.sql");
        CliTest.Run r = CliTest.run("mysql", "ddl", TABLES.toString(), w.toString(), "--out", script.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        List<String> tables;
        try (Stream<Path> s = Files.list(TABLES)) {
            tables = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".frm"))
                    .map(n -> io.dbrecover.mysql.frm.TableFileName.decode(n).orElseThrow()).sorted().toList();
        }
        try (ManagedServer server = Engines.byId("mysql").servers().orElseThrow()
                .create(ServerOptions.builder().baseDir(work).build())) {
            server.start();
            Endpoint e = server.endpoint();
            // `source` makes the client read the file as if piped in: DELIMITER lines and all
            // the password in a 0600 option file, as `dbrecover mysql server` hands it out; it alone is read
            ClientAccess access = Engines.byId("mysql").servers().orElseThrow().writeClientAccess(e, work);
            ProcessResult client = new ProcessRunner().run(ProcessSpec.of(client(),
                            "--defaults-file=" + access.file(), "--default-character-set=utf8mb4", "-e",
                            "source " + script)
                    .timeout(Duration.ofMinutes(2)).okExitCodes(0, 1).build());
            assertThat(client.exitCode()).as(client.output()).isZero();
            assertThat(client.output()).as("the client reported errors").doesNotContain("ERROR");
            try (Connection c = io.dbrecover.mysql.server.MariaDbServer.connect(e);
                 Statement st = c.createStatement()) {
                // the fixture directory's name is not in the file name encoding: the database gets it as it is
                String schema = io.dbrecover.mysql.MySqlDdl.scan(List.of(TABLES),
                        io.dbrecover.mysql.ddl.Dialect.MARIADB).databases().stream()
                        .filter(d -> d.directory().endsWith(TABLES.getFileName())).findFirst().orElseThrow().name();
                assertThat(schema).isEqualTo("mariadb-10.11.19");
                assertThat(names(st, "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + schema + "' AND table_type <> 'VIEW'")).containsExactlyInAnyOrderElementsOf(tables);
                assertThat(names(st, "SELECT table_name FROM information_schema.views WHERE table_schema = 'w'"))
                        .hasSize(13);
                Path views = MySqlDdlCommandTest.FIXTURES.resolve("views/mariadb-10.11.19");
                try (Stream<Path> s = Files.list(views)) {
                    for (Path f : s.filter(p -> p.toString().endsWith(".show-create.sql")).toList()) {
                        String view = io.dbrecover.mysql.frm.TableFileName.decode(f.getFileName().toString()
                                .substring(3).replace(".show-create.sql", ".frm")).orElseThrow();
                        try (ResultSet rs = st.executeQuery("SHOW CREATE VIEW `w`.`" + view.replace("`", "``")
                                + "`")) {
                            rs.next();
                            assertThat(rs.getString(2)).as(view).isEqualTo(Files.readString(f));
                        }
                    }
                    for (Path f : Files.list(views).filter(p -> p.toString().endsWith(".show-create-triggers.txt"))
                            .toList()) {
                        Map<String, String[]> expected = io.dbrecover.cli.MySqlDdlCommandIT.expectedTriggers(f);
                        for (Map.Entry<String, String[]> t : expected.entrySet()) {
                            try (ResultSet rs = st.executeQuery("SHOW CREATE TRIGGER `w`.`"
                                    + t.getKey().replace("`", "``") + "`")) {
                                rs.next();
                                assertThat(rs.getString(2)).as(t.getKey()).isEqualTo(t.getValue()[0]);
                                assertThat(rs.getString(3)).as(t.getKey()).isEqualTo(t.getValue()[1]);
                            }
                        }
                    }
                }
                assertThat(names(st, "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = "
                        + "'w'")).hasSize(10);
            }
        }
    }

    private static String client() {
        for (String p : List.of("/usr/bin/mariadb", "/usr/local/bin/mariadb", "/usr/bin/mysql")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "mariadb";
    }

    private static List<String> names(Statement st, String sql) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return new ArrayList<>(out);
    }

    static Map<String, String[]> expectedTriggers(Path file) throws Exception {
        Map<String, String[]> out = new java.util.LinkedHashMap<>();
        List<String> lines = List.of(Files.readString(file).split("\n", -1));
        int i = 0;
        while (i < lines.size() && lines.get(i).startsWith("-- trigger: ")) {
            String name = lines.get(i).substring("-- trigger: ".length());
            String mode = lines.get(i + 1).substring("-- sql_mode: ".length());
            List<String> body = new ArrayList<>();
            i += 2;
            while (!lines.get(i).equals("-- end")) {
                body.add(lines.get(i++));
            }
            i++;
            out.put(name, new String[] {mode, String.join("\n", body)});
        }
        return out;
    }
}
