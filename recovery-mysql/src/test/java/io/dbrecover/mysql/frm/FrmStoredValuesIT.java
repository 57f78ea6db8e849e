package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definitions whose stored values are easy to get wrong (issue 15 §2): zero-length strings, byte-string defaults
 * and labels no text stands for, SET columns of every storage size, ENUMs with values equal under their collation.
 * A throwaway MariaDB creates them in database {@code orig}; our script, made from copies of the {@code .frm} files
 * into database {@code again}, is loaded by the real {@code mariadb} client; then for every table the server's
 * {@code SHOW CREATE TABLE} bytes of both must be equal, and so must every column's bytes in a row inserted with
 * all defaults ({@code HEX()}). Where the server's own text holds the exact value, our DDL must equal it too.
 */
@RequiresServer("mysql")
class FrmStoredValuesIT {
    /** Single-byte character sets: every byte 0x80–0xFF must come back, as text where text can carry it. */
    private static final String[] SINGLE_BYTE = {"latin1", "latin2", "latin5", "latin7", "cp1250", "cp1251",
        "cp1256", "cp1257", "greek", "hebrew", "koi8r", "koi8u", "cp850", "cp852", "cp866", "macroman", "macce",
        "tis620", "armscii8", "dec8", "hp8", "keybcs2", "swe7", "geostd8", "ascii"};
    /** Multi-byte sets with a valid default and a label of characters whose mappings differ between libraries. */
    private static final String[][] MULTI_BYTE = {{"sjis", "5C815F8160"}, {"cp932", "5C815F8160"},
        {"big5", "A140A1E3"}, {"ujis", "8EA1A4A2"}, {"eucjpms", "8FA2B7A4A2"}, {"gbk", "A1A4A1AA"},
        {"gb2312", "A1A4B0A1"}, {"euckr", "A4A1B0A1"}, {"utf8mb3", "E282AC"}, {"utf8mb4", "F09F9880"},
        {"ucs2", "20AC"}, {"utf16", "D83DDE00"}, {"utf32", "0001F600"}};

    /** table → CREATE TABLE (in a session with sql_mode '' where the name starts with {@code loose_}). */
    static Map<String, String> tables() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("zero_length", "a char(0), b binary(0), c varchar(0), d varbinary(0) NOT NULL DEFAULT '', "
                + "e char(0) NOT NULL DEFAULT '', f char(0) CHARACTER SET utf8mb4 DEFAULT NULL, g int DEFAULT 1, "
                + "h char(0) NOT NULL DEFAULT ''");
        t.put("zero_length_last", "a int, b binary(0) NOT NULL DEFAULT ''");
        t.put("binary_defaults", "a binary(2) DEFAULT 0xCAFE, b varbinary(4) DEFAULT 0xC3A9FF, c binary(4) "
                + "DEFAULT 'é', d varbinary(10) DEFAULT 'plain', e binary(3) DEFAULT 0x00FF00, f varbinary(300) "
                + "DEFAULT 0x80, g blob DEFAULT 0xCAFE, h char(4) CHARACTER SET binary DEFAULT 0xFE");
        t.put("binary_lists", "a enum('x',0xCAFE,'é') CHARACTER SET binary DEFAULT 0xCAFE, "
                + "b set('a',0xCAFE,0x80) CHARACTER SET binary DEFAULT 0x612CCAFE, "
                + "c enum('p','q') CHARACTER SET binary DEFAULT 'q'");
        for (String cs : SINGLE_BYTE) {
            StringBuilder high = new StringBuilder();
            for (int b = 0x80; b <= 0xFF; b++) {
                high.append(String.format("%02X", b));
            }
            String col = " CHARACTER SET " + cs;
            t.put("sb_" + cs, "a varchar(128)" + col + " DEFAULT 0x" + high + ", b char(4)" + col
                    + " DEFAULT 0x8041A0, c enum('plain',0x9899,0xC0C1E0)" + col + " DEFAULT 0x9899, d set('s',"
                    + "0xA4A5)" + col + " DEFAULT 0x732CA4A5, e text" + col + " DEFAULT 0x98");
        }
        for (String[] mb : MULTI_BYTE) {
            String col = " CHARACTER SET " + mb[0];
            t.put("mb_" + mb[0], "a varchar(10)" + col + " DEFAULT 0x" + mb[1] + ", b char(5)" + col + " DEFAULT 0x"
                    + mb[1] + ", c enum('x',0x" + mb[1] + ")" + col + " DEFAULT 0x" + mb[1]);
        }
        for (int n : new int[] {8, 9, 16, 17, 24, 25, 32, 33, 64}) {
            StringBuilder labels = new StringBuilder();
            for (int i = 0; i < n; i++) {
                labels.append(i == 0 ? "" : ",").append("'m").append(i).append('\'');
            }
            // the top bit, the one below it, the first bits of the upper bytes and a middle one
            t.put("set_" + n, "a set(" + labels + ") NOT NULL DEFAULT 'm0,m" + (n - 1) + "', b set(" + labels
                    + ") DEFAULT 'm" + (n - 2) + ",m" + (n / 2) + "', c set(" + labels + ") DEFAULT 'm" + (n - 1)
                    + "', d set(" + labels + ") DEFAULT NULL");
        }
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append(i == 0 ? "" : ",").append("'v").append(i).append('\'');
        }
        t.put("enum_two_bytes", "a enum(" + many + ") DEFAULT 'v299', b enum(" + many + ") NOT NULL DEFAULT 'v256'");
        t.put("loose_enum_case", "a enum('a','A','b') DEFAULT 'b', b set('x','X','y') DEFAULT 'y', "
                + "c enum('é','e','E ') CHARACTER SET utf8mb4 DEFAULT 'é', d enum('a','A') COLLATE latin1_bin "
                + "DEFAULT 'A'");
        return t;
    }

    @TempDir
    Path tmp;

    @Test
    void every_table_loads_back_from_our_script_with_the_same_definition_and_the_same_default_bytes()
            throws Exception {
        Map<String, String> tables = tables();
        MariaDbServerProvider provider = new MariaDbServerProvider();
        try (MariaDbServer server = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("server"))).build())) {
            server.start();
            Map<String, byte[]> origShow = new TreeMap<>();
            Map<String, String> origRow = new TreeMap<>();
            List<String> refused = new ArrayList<>();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET NAMES utf8mb4");
                st.execute("CREATE DATABASE orig CHARACTER SET latin1");
                st.execute("USE orig");
                for (Map.Entry<String, String> e : tables.entrySet()) {
                    st.execute(e.getKey().startsWith("loose_") ? "SET sql_mode = ''" : "SET sql_mode = DEFAULT");
                    try {
                        st.execute("CREATE TABLE `" + e.getKey() + "` (" + e.getValue() + ")");
                    } catch (SQLException ex) {
                        refused.add(e.getKey() + ": " + ex.getMessage());
                    }
                }
                st.execute("SET sql_mode = DEFAULT");
                assertThat(refused).as("the generator's statements must be valid for the server").isEmpty();
                for (String table : tables.keySet()) {
                    origShow.put(table, showCreate(st, "orig", table));
                    origRow.put(table, defaultRow(st, "orig", table));
                }
            }
            // copies of the .frm files (never read a live datadir in place), in a directory named as the target
            Path copy = Files.createDirectories(tmp.resolve("copy/again"));
            try (Stream<Path> s = Files.list(server.info().dataDir().resolve("orig"))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".frm") || p.endsWith("db.opt")).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            Scan scan = MySqlDdl.scan(List.of(copy), Dialect.MARIADB);
            assertThat(scan.items()).as("every .frm read").allSatisfy(i -> assertThat(i.status())
                    .as(i.file() + ": " + i.reason()).isEqualTo(Scan.Status.OK));
            Path script = Files.writeString(tmp.resolve("again.sql"), MySqlDdl.script(scan), StandardCharsets.UTF_8);
            ProcessResult client = load(server, script);
            assertThat(client.exitCode()).as(client.output()).isZero();
            assertThat(client.output()).as("the client reported errors").doesNotContain("ERROR");

            List<String> problems = new ArrayList<>();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET NAMES utf8mb4");
                for (String table : tables.keySet()) {
                    byte[] again = showCreate(st, "again", table);
                    if (!java.util.Arrays.equals(again, origShow.get(table))) {
                        problems.add(table + ": SHOW CREATE TABLE differs\norig:  " + text(origShow.get(table))
                                + "\nagain: " + text(again));
                    }
                    String row = defaultRow(st, "again", table);
                    if (!row.equals(origRow.get(table))) {
                        problems.add(table + ": default bytes differ\norig:  " + origRow.get(table) + "\nagain: " + row);
                    }
                }
            }
            // where the server's text is exact (valid UTF-8, no character it could not convert), ours equals it
            int compared = 0;
            for (Scan.Item i : scan.items()) {
                TableDefinition t = i.table();
                byte[] shown = origShow.get(t.name());
                String serverText = text(shown);
                boolean exact = java.util.Arrays.equals(serverText.getBytes(StandardCharsets.UTF_8), shown)
                        && !serverText.contains("?");
                String ours = DdlWriter.createTable(t);
                // a value we write as 0x… (bytes whose text we cannot prove the server maps back) is proved by the
                // round trip above, not by its spelling
                boolean hex = ours.matches("(?s).*[ (,]0x[0-9A-F]+[,)\n].*");
                if (exact && !hex) {
                    compared++;
                    if (!FrmFixturesTest.normalise(ours).equals(FrmFixturesTest.normalise(serverText))) {
                        problems.add(t.name() + ": our DDL differs from SHOW CREATE TABLE\nserver: " + serverText
                                + "\nours:   " + ours);
                    }
                }
            }
            System.out.println("stored values: " + tables.size() + " tables, " + compared + " compared as text");
            assertThat(problems).isEmpty();
            assertThat(compared).as("tables whose server text is exact").isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void byte_strings_no_text_stands_for_are_written_as_hex_literals() throws Exception {
        // the facts the round trip above proves, spelt out: what the script says for the tricky values
        Map<String, String> tables = tables();
        MariaDbServerProvider provider = new MariaDbServerProvider();
        try (MariaDbServer server = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("server"))).build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET NAMES utf8mb4");
                st.execute("CREATE DATABASE orig CHARACTER SET latin1");
                st.execute("USE orig");
                for (String name : List.of("zero_length", "binary_defaults", "binary_lists", "sb_cp1251", "sb_latin1",
                        "set_25", "loose_enum_case")) {
                    st.execute(name.startsWith("loose_") ? "SET sql_mode = ''" : "SET sql_mode = DEFAULT");
                    st.execute("CREATE TABLE `" + name + "` (" + tables.get(name) + ")");
                }
            }
            Path dir = server.info().dataDir().resolve("orig");
            assertThat(ddl(dir, "zero_length")).contains("  `a` char(0) DEFAULT NULL,\n",
                    "  `b` binary(0) DEFAULT NULL,\n", "  `c` varchar(0) DEFAULT NULL,\n",
                    "  `d` varbinary(0) NOT NULL DEFAULT '',\n", "  `h` char(0) NOT NULL DEFAULT ''\n");
            assertThat(ddl(dir, "binary_defaults")).contains("  `a` binary(2) DEFAULT 0xCAFE,\n",
                    "  `b` varbinary(4) DEFAULT 0xC3A9FF,\n", "  `c` binary(4) DEFAULT 'é\\0\\0',\n",
                    "  `e` binary(3) DEFAULT 0x00FF00,\n", "  `g` blob DEFAULT 0xcafe,\n",
                    "  `h` binary(4) DEFAULT 0xFE000000\n");
            assertThat(ddl(dir, "binary_lists")).contains(
                    "  `a` enum('x',0xCAFE,'é') CHARACTER SET binary DEFAULT 0xCAFE,\n",
                    "  `b` set('a',0xCAFE,0x80) CHARACTER SET binary DEFAULT 0x612CCAFE,\n",
                    "  `c` enum('p','q') CHARACTER SET binary DEFAULT 'q'\n");
            // cp1251 has no character for 0x98; MySQL's latin1 has one for every byte (0x81 is U+0081); 0xA0 is a
            // no-break space, not a pad space
            assertThat(ddl(dir, "sb_cp1251")).contains("  `b` char(4) CHARACTER SET cp1251 COLLATE cp1251_general_ci "
                    + "DEFAULT 'ЂA\u00A0',\n", "enum('plain',0x9899,'АБа')", "DEFAULT 0x9899,\n");
            assertThat(ddl(dir, "sb_latin1")).contains("  `b` char(4) DEFAULT '\u20acA\u00A0',\n",
                    "enum('plain','\u02dc\u2122','\u00c0\u00c1\u00e0')", "set('s','\u00a4\u00a5') DEFAULT 's,\u00a4\u00a5'");
            assertThat(ddl(dir, "set_25")).contains("DEFAULT 'm0,m24',\n", "DEFAULT 'm12,m23',\n");
            String loose = DdlWriter.write(FrmReader.read(dir.resolve("loose_enum_case.frm")));
            assertThat(loose).contains("-- loose_enum_case: column a: ENUM values 'a' and 'A' are equal under "
                    + "latin1_swedish_ci")
                    .contains("SET sql_mode = REPLACE(REPLACE(@@sql_mode, 'STRICT_TRANS_TABLES', ''), "
                            + "'STRICT_ALL_TABLES', '');\nCREATE TABLE `loose_enum_case`")
                    .endsWith(";\nSET sql_mode = @dbrecover_saved_sql_mode;\n")
                    .doesNotContain("column d:"); // latin1_bin tells 'a' and 'A' apart: nothing to relax
        }
    }

    private static String ddl(Path dir, String table) {
        return DdlWriter.createTable(FrmReader.read(dir.resolve(table + ".frm"))) + "\n";
    }

    private ProcessResult load(MariaDbServer server, Path script) {
        Path tool = server.installation().program("mariadb").orElseThrow();
        Path options = Secrets.writePrivateFile(Secrets.privateDir(tmp.resolve("client")).resolve("client.cnf"),
                MariaDbServer.clientOptions(server.endpoint()));
        return new ProcessRunner().run(ProcessSpec.of(tool.toString(), "--defaults-extra-file=" + options,
                        "--default-character-set=utf8mb4", "-e", "source " + script)
                .timeout(Duration.ofMinutes(2)).okExitCodes(0, 1).logName("mariadb").build());
    }

    private static byte[] showCreate(Statement st, String db, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + db + "`.`" + table + "`")) {
            rs.next();
            return rs.getBytes(2);
        }
    }

    /** Every column of a row inserted with all defaults, as HEX (NULL as {@code NULL}). */
    private static String defaultRow(Statement st, String db, String table) throws SQLException {
        String qualified = "`" + db + "`.`" + table + "`";
        st.execute("INSERT INTO " + qualified + " () VALUES ()");
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                + db + "' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ").append("IFNULL(HEX(`").append(columns.get(i)).append("`), 'NULL')");
        }
        StringBuilder row = new StringBuilder();
        try (ResultSet rs = st.executeQuery(select + " FROM " + qualified)) {
            assertThat(rs.next()).isTrue();
            for (int i = 0; i < columns.size(); i++) {
                row.append(columns.get(i)).append('=').append(rs.getString(i + 1)).append(' ');
            }
        }
        return row.toString();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
