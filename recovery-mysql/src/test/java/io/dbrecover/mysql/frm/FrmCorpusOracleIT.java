package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TableOptions;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.testkit.RequiresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server oracle for the real corpus (issue 4): every table {@code .frm} of Debian's mariadb-test-data package
 * (GPL test data, read in place, copied only into the throwaway server's temp datadir) is opened by a throwaway
 * MariaDB 10.11, and our DDL must equal its own {@code SHOW CREATE TABLE} after whitespace normalisation.
 *
 * <p>The server needs the engine's data to open a table, which the corpus mostly lacks. So each file is tried in
 * this order, and the first way the server accepts is the oracle: (1) as is, with its MyISAM data files when the
 * corpus has them; (2) a copy with the engine switched to MEMORY (byte 3 and the engine name in the extra
 * segment); (3) switched to MyISAM plus {@code REPAIR TABLE … USE_FRM}, which makes empty data files (needed for
 * generated columns and BLOBs, which MEMORY refuses). A partitioned table is tried first with its {@code .par} and
 * its partitions' data files as they are, then with the {@code .par} (made from the partition names when the
 * corpus has none) switched to MyISAM and empty partition files the server makes from our DDL without its
 * partition clause (only storage comes from us: SHOW CREATE TABLE still reads the .frm and the .par). Our DDL is
 * then rendered for the engine the server used, so
 * that engine-dependent output (which options the engine knows) is compared like for like.
 *
 * <p>Exclusions are allowed only where the server itself cannot show the table; the test checks that it really
 * cannot. Known mismatches are a fixed list: a newly broken file fails the test, and a fixed one must be removed.
 */
@RequiresServer(value = "mysql", origin = "system")
class FrmCorpusOracleIT {
    private static final Path CORPUS = Path.of("/usr/share/mysql/mysql-test");

    /** Files the server itself cannot show (path relative to the corpus → why); checked on every run. */
    private static final Map<String, String> SERVER_CANNOT = new LinkedHashMap<>();
    /** Files where our answer differs from the server's (path → why); checked on every run. */
    private static final Map<String, String> KNOWN_MISMATCHES = new LinkedHashMap<>();
    /**
     * Files the server could show but this oracle cannot yet make it open (path → why). Not exclusions: they are
     * counted apart and reported as a gap of the test, and checked like the other lists.
     */
    private static final Map<String, String> ORACLE_GAPS = new LinkedHashMap<>();

    static {
        String damaged = "deliberately damaged file of MariaDB's own tests (vcol_misc.test expects ER_NOT_FORM_FILE); "
                + "the server says 'Incorrect information in file' and we give CORRUPT_INPUT";
        SERVER_CANNOT.put("std_data/frm/mdev16518.frm", damaged);
        SERVER_CANNOT.put("std_data/frm/t1.frm", damaged);
        SERVER_CANNOT.put("plugin/connect/connect/std_data/mdev9949.frm", "a CONNECT option value of 34 531 bytes "
                + "overflowed its 15-bit length into the quoted flag; the server misreads it ('Incorrect "
                + "information in file'), we read it and say so in a note");
        String json = "MySQL 5.7 JSON column: MariaDB 10.11 without the type_mysql_json plugin says "
                + "\"Unknown data type: 'MYSQL_JSON'\"";
        SERVER_CANNOT.put("std_data/mysql_json/mysql_json_test.frm", json);
        SERVER_CANNOT.put("std_data/mysql_json/mysql_json_test_big.frm", json);
        SERVER_CANNOT.put("std_data/mysql_json/tempty.frm", json);

        ORACLE_GAPS.put("std_data/mysql57part.frm", "MySQL 5.7 native InnoDB partitioning (no .par): with a made-up "
                + ".par and MyISAM partition files the server still answers error 190 (incompatible key or row "
                + "definition), even after REPAIR … USE_FRM");
    }

    private static final int PARTITION_ENGINE_CODE = 20;
    private static final int MYISAM_CODE = 9;

    @TempDir
    Path tmp;

    private record Outcome(String file, String way, String verdict, String detail) {
    }

    @Test
    void every_corpus_table_the_server_can_show_gives_the_servers_show_create_table() throws Exception {
        boolean required = Boolean.getBoolean("dbrecover.requireBinaries");
        if (!required) {
            assumeThat(Files.isDirectory(CORPUS)).as("package mariadb-test-data installed").isTrue();
        }
        assertThat(CORPUS).as("package mariadb-test-data installed").isDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".frm") && Files.isRegularFile(p)).sorted().toList();
        }
        ServerProvider provider = Engines.byId("mysql").servers().orElseThrow();
        List<Outcome> outcomes = new ArrayList<>();
        List<Path> tables = new ArrayList<>();
        int views = 0;
        for (Path f : files) {
            byte[] head = new byte[9];
            try (var in = Files.newInputStream(f)) {
                int read = in.readNBytes(head, 0, 9);
                if (read == 9 && new String(head, StandardCharsets.US_ASCII).equals("TYPE=VIEW")) {
                    views++; // view definitions are not tables; the view reader has its own tests
                    continue;
                }
            }
            tables.add(f);
        }
        int next = 0;
        int servers = 0;
        while (next < tables.size()) {
            // A file can crash the server (its own reader is not safe on every file): then the file is recorded
            // as one the server cannot show, and a fresh server takes over for the rest.
            servers++;
            Path base = Files.createDirectories(tmp.resolve("s" + servers));
            try (ManagedServer server = provider.create(ServerOptions.builder().origin(BinaryOrigin.SYSTEM)
                    .baseDir(base).build())) {
                server.start();
                Path dataDir = server.info().dataDir();
                while (next < tables.size()) {
                    Path f = tables.get(next++);
                    try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                        st.execute("SET time_zone='+00:00'");
                        outcomes.add(compare(st, dataDir, "o" + next, f, Files.readAllBytes(f)));
                    } catch (SQLException e) {
                        Thread.sleep(1000); // let a dying server finish dying
                        if (server.isRunning()) {
                            throw e;
                        }
                        outcomes.add(new Outcome(CORPUS.relativize(f).toString(), null, "SERVER_CANNOT",
                                "the server crashed opening it: " + e.getMessage()));
                        break;
                    }
                }
            }
        }
        report(outcomes, files.size(), views);
    }

    private Outcome compare(Statement st, Path dataDir, String db, Path f, byte[] data) throws Exception {
        String rel = CORPUS.relativize(f).toString();
        String fileName = f.getFileName().toString();
        TableDefinition ours = null;
        String ourError = null;
        try {
            ours = FrmReader.read(f);
        } catch (RecoveryException e) {
            ourError = e.code() + ": " + e.getMessage();
        }
        st.execute("CREATE DATABASE `" + db + "`");
        Path dbDir = dataDir.resolve(db);
        String base = fileName.substring(0, fileName.length() - 4);
        List<String> serverErrors = new ArrayList<>();
        String serverDdl = null;
        String way = null;
        Path par = f.resolveSibling(base + ".par");
        boolean partitioned = data.length > 61 && (data[3] & 0xFF) == PARTITION_ENGINE_CODE;
        byte[] parImage = Files.exists(par) ? Files.readAllBytes(par) : null;
        if (ours != null && !ours.partitionClause().isEmpty() && parImage == null) {
            // MySQL 5.1 files saved without their .par, and MySQL 5.7 native partitioning, which has none: the
            // server needs one for the partition handler, holding only the partition names and engines.
            parImage = FrmEngineSwap.makePar(ours.partitionClause(), MYISAM_CODE);
            if (parImage != null && !partitioned) {
                data = FrmEngineSwap.swap(data, PARTITION_ENGINE_CODE, "partition");
                partitioned = true;
            }
        }
        // (0) a partitioned table: its .par (patched to MyISAM in the scratch copy), then MyISAM + REPAIR USE_FRM,
        // which makes the partitions' data files. The corpus file itself is never written.
        if (partitioned && Files.exists(par)) {
            // with the partitions' own data files when the corpus has them
            Files.write(dbDir.resolve(fileName), data);
            Files.copy(par, dbDir.resolve(base + ".par"));
            try (Stream<Path> siblings = Files.list(f.getParent())) {
                for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(base + "#P#")).toList()) {
                    Files.copy(p, dbDir.resolve(p.getFileName().toString()));
                }
            }
            serverDdl = show(st, db, serverErrors);
            way = "as is";
            if (serverDdl == null) {
                cleanDir(st, dbDir);
            }
        }
        if (serverDdl == null && partitioned && parImage != null && ours != null) {
            // with empty partition data files made by the server from our DDL without its partition clause: only
            // the storage comes from us, SHOW CREATE TABLE still reads the .frm and the .par
            Files.write(dbDir.resolve(fileName), FrmEngineSwap.swapPartitions(data, MYISAM_CODE));
            try {
                byte[] patchedPar = FrmEngineSwap.swapPar(parImage, MYISAM_CODE);
                emptyPartitionFiles(st, dataDir, db, ours, FrmEngineSwap.parNames(patchedPar), base);
                Files.write(dbDir.resolve(base + ".par"), patchedPar);
                serverDdl = show(st, db, serverErrors);
                if (serverDdl == null) {
                    // our files' keys may differ in storage details from the .frm's: let the server rebuild them
                    repair(st, db, serverErrors);
                    serverDdl = show(st, db, serverErrors);
                }
                way = "MyISAM partitions";
            } catch (IllegalStateException e) {
                serverErrors.add("cannot patch the .par: " + e.getMessage());
            }
            if (serverDdl == null) {
                cleanDir(st, dbDir);
            }
        }
        // (1) as is, with MyISAM data files when present
        if (serverDdl == null && Files.exists(f.resolveSibling(base + ".MYI"))
                && Files.exists(f.resolveSibling(base + ".MYD"))) {
            Files.write(dbDir.resolve(fileName), data);
            Files.copy(f.resolveSibling(base + ".MYI"), dbDir.resolve(base + ".MYI"));
            Files.copy(f.resolveSibling(base + ".MYD"), dbDir.resolve(base + ".MYD"));
            serverDdl = show(st, db, serverErrors);
            way = "as is";
            if (serverDdl == null) {
                cleanDir(st, dbDir);
            }
        }
        // (2) MEMORY, (3) MyISAM + REPAIR USE_FRM
        Object[][] swaps = {{6, "MEMORY", false}, {9, "MyISAM", true}};
        for (Object[] s : swaps) {
            if (serverDdl != null) {
                break;
            }
            byte[] swapped;
            try {
                swapped = FrmEngineSwap.swap(data, (Integer) s[0], (String) s[1]);
            } catch (RuntimeException e) {
                serverErrors.add(s[1] + ": cannot patch: " + e.getMessage());
                continue;
            }
            Files.write(dbDir.resolve(fileName), swapped);
            if ((Boolean) s[2]) {
                repair(st, db, serverErrors);
            }
            serverDdl = show(st, db, serverErrors);
            way = (String) s[1];
            if (serverDdl == null) {
                cleanDir(st, dbDir);
            }
        }
        if (serverDdl == null) {
            return new Outcome(rel, null, "SERVER_CANNOT", String.join(" | ", serverErrors)
                    + (ourError == null ? "" : " || ours: " + ourError));
        }
        if (ours == null) {
            return new Outcome(rel, way, "OURS_FAILED", ourError + "\nserver:\n" + serverDdl);
        }
        String engine = way.equals("as is") ? ours.options().engine() : way.equals("MyISAM partitions") ? "MyISAM"
                : way;
        String ourDdl = DdlWriter.createTable(withEngine(ours, engine));
        if (normalise(ourDdl).equals(normalise(serverDdl))) {
            return new Outcome(rel, way, "EQUAL", "");
        }
        return new Outcome(rel, way, "DIFFERENT", "server:\n" + serverDdl + "\nours:\n" + ourDdl);
    }

    /** Creates {@code base#P#name.MYI/.MYD} for each partition from a plain MyISAM table of our columns and keys. */
    private static void emptyPartitionFiles(Statement st, Path dataDir, String db, TableDefinition ours,
                                            List<String> partitions, String base) throws Exception {
        TableDefinition plain = withEngine(ours, "MyISAM");
        plain = new TableDefinition("scratch_plain", plain.columns(), plain.indexes(), plain.options(),
                plain.comment(), "", plain.checks(), plain.applicationPeriod(), plain.systemPeriod(),
                plain.systemVersioned(), plain.notes());
        st.execute("CREATE DATABASE IF NOT EXISTS `" + db + "_scratch`");
        st.execute("USE `" + db + "_scratch`");
        st.execute(DdlWriter.createTable(plain));
        st.execute("FLUSH TABLES");
        Path scratch = dataDir.resolve(db + "_scratch");
        for (String p : partitions) {
            for (String ext : new String[] {".MYI", ".MYD"}) {
                Files.copy(scratch.resolve("scratch_plain" + ext), dataDir.resolve(db).resolve(base + "#P#"
                        + p + ext));
            }
        }
        st.execute("DROP DATABASE `" + db + "_scratch`");
    }

    private static TableDefinition withEngine(TableDefinition t, String engine) {
        TableOptions o = t.options();
        TableOptions swapped = new TableOptions(engine, o.charset(), o.rowFormat(), o.keyBlockSize(), o.minRows(),
                o.maxRows(), o.avgRowLength(), o.packKeys(), o.statsPersistent(), o.statsAutoRecalc(),
                o.statsSamplePages(), o.checksum(), o.pageChecksum(), o.delayKeyWrite(), o.transactional(),
                o.sequence(), o.connection(), o.engineOptions());
        return new TableDefinition(t.name(), t.columns(), t.indexes(), swapped, t.comment(), t.partitionClause(),
                t.checks(), t.applicationPeriod(), t.systemPeriod(), t.systemVersioned(), t.notes());
    }

    /** The one table of the scratch database as the server shows it, or null (error recorded). */
    private static String show(Statement st, String db, List<String> errors) {
        try {
            st.execute("FLUSH TABLES");
            String table = null;
            try (ResultSet rs = st.executeQuery("SHOW TABLES FROM `" + db + "`")) {
                if (rs.next()) {
                    table = rs.getString(1);
                }
            }
            if (table == null) {
                errors.add("server lists no table");
                return null;
            }
            String qualified = "`" + db + "`.`" + table.replace("`", "``") + "`";
            try {
                return showCreate(st, qualified);
            } catch (SQLException e) {
                if (!e.getMessage().contains("ALTER TABLE") || !e.getMessage().contains("FORCE")) {
                    throw e;
                }
                // The server's own upgrade path for files it must rebuild (renumbered collations, old
                // formats): it re-reads the old file, writes a current one, and shows that.
                st.execute("ALTER TABLE " + qualified + " FORCE");
                return showCreate(st, qualified);
            }
        } catch (SQLException e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    private static String showCreate(Statement st, String qualified) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + qualified)) {
            rs.next();
            return rs.getString(2);
        }
    }

    private static void repair(Statement st, String db, List<String> errors) {
        try {
            st.execute("FLUSH TABLES");
            String table;
            try (ResultSet rs = st.executeQuery("SHOW TABLES FROM `" + db + "`")) {
                if (!rs.next()) {
                    return;
                }
                table = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("REPAIR TABLE `" + db + "`.`" + table.replace("`", "``")
                    + "` USE_FRM")) {
                while (rs.next()) {
                    if (rs.getString(3).equalsIgnoreCase("error")) {
                        errors.add("REPAIR: " + rs.getString(4));
                    }
                }
            }
        } catch (SQLException e) {
            errors.add("REPAIR: " + e.getMessage());
        }
    }

    private static void cleanDir(Statement st, Path dbDir) throws Exception {
        st.execute("FLUSH TABLES");
        try (Stream<Path> s = Files.list(dbDir)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("db.opt")) {
                    Files.delete(p);
                }
            }
        }
    }

    static String normalise(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static void report(List<Outcome> outcomes, int frmFiles, int views) {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Outcome o : outcomes) {
            counts.merge(o.verdict(), 1, Integer::sum);
            System.out.println("[" + o.verdict() + (o.way() == null ? "" : ", " + o.way()) + "] " + o.file()
                    + (o.detail().isEmpty() ? "" : ": " + o.detail()));
        }
        for (Outcome o : outcomes) {
            switch (o.verdict()) {
                case "EQUAL":
                    if (KNOWN_MISMATCHES.containsKey(o.file())) {
                        problems.add(o.file() + " now equals the server: remove it from KNOWN_MISMATCHES");
                    }
                    if (SERVER_CANNOT.containsKey(o.file()) || ORACLE_GAPS.containsKey(o.file())) {
                        problems.add(o.file() + " is listed as not showable but the server showed it");
                    }
                    break;
                case "SERVER_CANNOT":
                    if (!SERVER_CANNOT.containsKey(o.file()) && !ORACLE_GAPS.containsKey(o.file())) {
                        problems.add(o.file() + ": the server could not show it and it is not a listed exclusion: "
                                + o.detail());
                    }
                    break;
                default:
                    if (SERVER_CANNOT.containsKey(o.file()) || ORACLE_GAPS.containsKey(o.file())) {
                        problems.add(o.file() + " is listed as not showable but the server showed it");
                    }
                    if (!KNOWN_MISMATCHES.containsKey(o.file())) {
                        problems.add(o.file() + ": " + o.verdict() + " and not a known mismatch");
                    }
            }
        }
        List<String> listed = new ArrayList<>(SERVER_CANNOT.keySet());
        listed.addAll(KNOWN_MISMATCHES.keySet());
        listed.addAll(ORACLE_GAPS.keySet());
        for (String f : listed) {
            if (outcomes.stream().noneMatch(o -> o.file().equals(f))) {
                problems.add("listed file " + f + " is not in the corpus");
            }
        }
        int equal = counts.getOrDefault("EQUAL", 0);
        int comparable = outcomes.size() - counts.getOrDefault("SERVER_CANNOT", 0);
        System.out.println("frm corpus oracle: " + equal + "/" + comparable + " equal (" + frmFiles + " .frm files: "
                + outcomes.size() + " tables, " + views + " views not compared here; " + SERVER_CANNOT.size()
                + " excluded because the server cannot show them, " + ORACLE_GAPS.size()
                + " the oracle cannot open yet); verdicts " + counts);
        SERVER_CANNOT.forEach((f, why) -> System.out.println("  excluded " + f + ": " + why));
        KNOWN_MISMATCHES.forEach((f, why) -> System.out.println("  known mismatch " + f + ": " + why));
        ORACLE_GAPS.forEach((f, why) -> System.out.println("  oracle gap " + f + ": " + why));
        assertThat(problems).as("oracle verdicts not covered by the lists").isEmpty();
    }
}
