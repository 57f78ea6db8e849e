package io.dbrecover.mysql.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.ddl.ViewDdlWriter;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server oracle of the parser fuzz: every distinct statement of an OK result of {@link ParserFuzz} (the same
 * seeded mutants as {@code ParserFuzzTest}) is run in a throwaway MariaDB 10.11. A damaged file read as OK whose
 * statement the server refuses ({@code ENGINE=IonoDB}, garbage in a partition clause) fails the test: the reader must
 * have refused it with a typed error.
 *
 * <p>A seed whose own, undamaged statement the server refuses (an engine MariaDB 10.11 lacks, a view of tables the
 * corpus lacks) says nothing about its mutants; such seeds are a fixed list, checked on every run.
 */
@RequiresServer(value = "mysql", origin = "system")
class ParserFuzzIT {
    /** Seeds whose undamaged statement MariaDB 10.11 refuses, and why; a seed that loads must leave the list. */
    private static final Map<String, String> SEEDS_THE_SERVER_REFUSES = Map.ofEntries(
            Map.entry("files/toku_zlib.frm", "ENGINE=TokuDB: MariaDB 10.11 has no TokuDB"),
            Map.entry("plugin/connect/connect/std_data/mdev9949.frm", "ENGINE=CONNECT: the plugin is not installed"),
            Map.entry("std_data/s3_unique_table.frm", "ENGINE=S3: the plugin is not installed"),
            Map.entry("std_data/bug49823.frm", "a CSV table with nullable columns, which MariaDB refuses to create "
                    + "(the bug's own test file)"),
            Map.entry("files/toku_zlib.innodb.frm", "a name outside the file-name encoding: CREATE TABLE refuses "
                    + "the #mysql50# form SHOW CREATE TABLE prints"),
            Map.entry("plugin/type_uuid/type_uuid/std_data/mdev-29959.frm", "#mysql50# name, as above"),
            Map.entry("std_data/old_table-323.frm", "#mysql50# name, as above"),
            Map.entry("std_data/parts/mysql50.frm", "MySQL 5.0 partition names MariaDB 10.11 refuses"),
            Map.entry("std_data/parts/t1TIMESTAMP.frm", "a TIMESTAMP partitioning expression MariaDB 10.11 refuses "
                    + "(time-zone dependent)"),
            Map.entry("std_data/vcol_autoinc.frm", "a generated column over an AUTO_INCREMENT one, refused since "
                    + "MariaDB 10.2 (the upgrade test's own file)"),
            Map.entry("std_data/vcol_upgrade/maria100226_char_to_vchar_stored.frm", "a generated column MariaDB "
                    + "10.2.26 allowed and 10.11 refuses (the upgrade test's own file)"),
            Map.entry("std_data/vcol_upgrade/maria100226_char_to_vchar_virtual.frm", "as above"));

    @TempDir
    Path tmp;

    @Test
    void every_statement_read_from_a_damaged_file_as_ok_is_accepted_by_mariadb() throws Exception {
        Map<List<String>, ParserFuzz.Statement> distinct = new LinkedHashMap<>();
        Map<String, ParserFuzz.Statement> baseline = new TreeMap<>();
        // the formats whose OK results are statements (.TRN, .par and tablespace pages give none)
        for (ParserFuzz.Format format : List.of(ParserFuzz.Format.FRM_TABLE, ParserFuzz.Format.FRM_VIEW,
                ParserFuzz.Format.TRG, ParserFuzz.Format.DB_OPT, ParserFuzz.Format.SDI_FILE,
                ParserFuzz.Format.SDI_JSON)) {
            ParserFuzz.Summary s = ParserFuzz.run(format, ParserFuzzTest.count(), ParserFuzzTest.seed(),
                    Files.createDirectories(tmp.resolve("m-" + format)));
            System.out.println("fuzz " + s);
            for (ParserFuzz.Statement st : s.statements()) {
                distinct.putIfAbsent(st.sql(), st);
            }
            // each seed's own statements: what the server says of the undamaged file
            ParserFuzz.Summary zero = ParserFuzz.baseline(format, Files.createDirectories(tmp.resolve("b-" + format)));
            zero.statements().forEach(st -> baseline.merge(st.seed() + " " + st.sql(), st, (a, b) -> a));
        }
        System.out.println("server oracle: " + distinct.size() + " distinct statements of OK results, "
                + baseline.size() + " of the seeds");
        try (MariaDbServer server = new MariaDbServerProvider().createServer(ServerOptions.builder()
                .origin(BinaryOrigin.SYSTEM).baseDir(Files.createDirectories(tmp.resolve("server")))
                .setting("innodb_flush_log_at_trx_commit", "0").setting("innodb_doublewrite", "0").build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                prepare(st);
                Map<String, String> refusedSeeds = new TreeMap<>();
                for (ParserFuzz.Statement b : baseline.values()) {
                    String error = load(st, b);
                    if (error != null) {
                        refusedSeeds.merge(b.seed(), error, (x, y) -> x);
                    }
                }
                System.out.println("seeds the server refuses as they are: " + refusedSeeds);
                assertThat(refusedSeeds.keySet()).as("seeds whose undamaged statement MariaDB refuses: "
                        + refusedSeeds).isEqualTo(SEEDS_THE_SERVER_REFUSES.keySet());
                List<String> refused = new ArrayList<>();
                Map<ParserFuzz.Format, Integer> refusedBy = new TreeMap<>();
                long t0 = System.nanoTime();
                int loaded = 0;
                for (ParserFuzz.Statement s : distinct.values()) {
                    if (refusedSeeds.containsKey(s.seed())) {
                        continue;
                    }
                    String error = load(st, s);
                    loaded++;
                    if (error != null) {
                        int n = refusedBy.merge(s.format(), 1, Integer::sum);
                        if (n <= 25) {
                            refused.add(s.format() + " " + s.seed() + ": " + error + "\n    "
                                    + String.join("\n    ", s.sql()));
                        }
                    }
                }
                System.out.println("server oracle: " + loaded + " statements run in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms, refused: " + refusedBy);
                assertThat(refused).as("OK results whose statements MariaDB refuses:\n" + String.join("\n",
                        refused)).isEmpty();
            }
        }
    }

    /**
     * The databases and tables the seeds' views and triggers name: {@code w} (the view fixtures' tables),
     * {@code f} (the fuzz fixtures'), {@code test} (the corpus views'), {@code fz} (scratch), and the engines
     * Debian ships as plugins.
     */
    private static void prepare(Statement st) throws Exception {
        for (String plugin : List.of("ha_archive", "ha_blackhole", "ha_federatedx")) {
            try {
                st.execute("INSTALL SONAME '" + plugin + "'");
            } catch (SQLException e) {
                // already there, or not shipped: statements needing it then fail with the seeds' own
            }
        }
        st.execute("SET GLOBAL foreign_key_checks = 0");
        st.execute("SET foreign_key_checks = 0");
        st.execute("SET time_zone = '+00:00'");
        Path res = Path.of(ParserFuzzIT.class.getResource("/frm").toURI()).getParent();
        for (String db : List.of("w", "f", "test", ParserFuzz.DATABASE)) {
            st.execute("CREATE DATABASE IF NOT EXISTS `" + db + "`");
        }
        tables(st, "w", res.resolve("views/mariadb-10.11.19"), "w__");
        tables(st, "f", res.resolve("fuzz/mariadb-10.11.19"), "f__");
        st.execute("CREATE TABLE IF NOT EXISTS test.t1 (a INT, b INT)");
        st.execute("CREATE TABLE IF NOT EXISTS test.t2 (a INT, b INT)");
    }

    /** The seeds' tables, then their views (a view another selects from first, in as many passes as needed). */
    private static void tables(Statement st, String db, Path dir, String prefix) throws Exception {
        Path copy = Files.createTempDirectory("fuzz-seeds").resolve(db);
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".frm")).toList()) {
                Files.copy(p, copy.resolve(p.getFileName().toString().substring(prefix.length())));
            }
        }
        st.execute("USE `" + db + "`");
        List<Scan.Item> views = new ArrayList<>();
        for (Scan.Item i : MySqlDdl.scan(List.of(copy), Dialect.MARIADB).items()) {
            if (i.status() == Scan.Status.OK && i.table() != null) {
                for (String sql : DdlWriter.statements(i.table(), Dialect.MARIADB)) {
                    st.execute(sql);
                }
            } else if (i.status() == Scan.Status.OK && i.view() != null) {
                views.add(i);
            }
        }
        for (int pass = 0; pass < 5 && !views.isEmpty(); pass++) {
            for (Scan.Item v : List.copyOf(views)) {
                try {
                    st.execute(ViewDdlWriter.createView(v.view(), null));
                    views.remove(v);
                } catch (SQLException e) {
                    // a view it selects from comes in a later pass
                }
            }
        }
    }

    /** Runs the statement where it belongs and undoes it; the server's error, or {@code null} when it ran. */
    private static String load(Statement st, ParserFuzz.Statement s) {
        try {
            st.execute("USE `" + (s.database() != null ? s.database() : database(s.seed())) + "`");
            // a lenient server, as some wrote the files: innodb_strict_mode=OFF and IGNORE_BAD_TABLE_OPTIONS keep
            // table options such a server stored (ROW_FORMAT=FIXED on InnoDB, KEY_BLOCK_SIZE=256) to warnings
            st.execute("SET sql_mode = CONCAT(@@GLOBAL.sql_mode, ',IGNORE_BAD_TABLE_OPTIONS')");
            st.execute("SET innodb_strict_mode = OFF");
            for (String sql : s.sql()) {
                st.execute(sql);
            }
            return null;
        } catch (SQLException e) {
            return e.getErrorCode() + " " + e.getMessage();
        } finally {
            for (String sql : s.cleanup()) {
                try {
                    st.execute(sql);
                } catch (SQLException ignored) {
                    // nothing was made
                }
            }
        }
    }

    /** Where a seed's views and triggers belong: the database of the tables they name. */
    private static String database(String seed) {
        return seed.startsWith("views/") ? "w" : seed.startsWith("fuzz/") ? "f" : "test";
    }

    static Set<String> knownRefusals() {
        return SEEDS_THE_SERVER_REFUSES.keySet();
    }
}
