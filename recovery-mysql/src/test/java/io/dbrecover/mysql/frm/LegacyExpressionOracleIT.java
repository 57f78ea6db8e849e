package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.testkit.RequiresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-measures every pair of {@code frm/legacy-expressions.tsv} against MariaDB 10.11: the stored text is written
 * into a scratch copy of a real MariaDB 10.1 {@code .frm} (Debian's mariadb-test-data {@code std_data/mdev17909.frm},
 * read in place, GPL data never copied into the repo), with the table collation of the row; the server's SHOW CREATE
 * TABLE must print the recorded text, and our whole DDL for the patched file must equal the server's (or, for rows we
 * deliberately keep, carry the stored text and a note saying so).
 */
@RequiresServer(value = "mysql", origin = "system")
class LegacyExpressionOracleIT {
    private static final Path CORPUS = Path.of("/usr/share/mysql/mysql-test/std_data");
    private static final String BASE = "mdev17909";
    /** Column {@code a}, the third column record, holds the virtual column. */
    private static final int VIRTUAL_COLUMN = 2;

    @TempDir
    Path tmp;

    @Test
    void server_prints_every_measured_expression_as_recorded_and_our_ddl_matches_it() throws Exception {
        if (!Boolean.getBoolean("dbrecover.requireBinaries")) {
            assumeThat(CORPUS.resolve(BASE + ".frm")).as("package mariadb-test-data installed").exists();
        }
        byte[] original = Files.readAllBytes(CORPUS.resolve(BASE + ".frm"));
        List<LegacyExpressionTest.Measured> rows = LegacyExpressionTest.measured();
        List<String> problems = new ArrayList<>();
        ServerProvider provider = Engines.byId("mysql").servers().orElseThrow();
        int n = 0;
        try (ManagedServer server = provider.create(ServerOptions.builder().origin(BinaryOrigin.SYSTEM)
                .baseDir(tmp).build())) {
            server.start();
            Path dataDir = server.info().dataDir();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET time_zone='+00:00'");
                for (LegacyExpressionTest.Measured m : rows) {
                    String db = "e" + n++;
                    st.execute("CREATE DATABASE `" + db + "`");
                    Path dir = dataDir.resolve(db);
                    byte[] patched = withExpression(original, m.stored(), m.collation());
                    Files.write(dir.resolve(BASE + ".frm"), patched);
                    try (Stream<Path> siblings = Files.list(CORPUS)) {
                        for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(BASE)
                                && !p.getFileName().toString().endsWith(".frm")).toList()) {
                            Files.copy(p, dir.resolve(p.getFileName().toString()));
                        }
                    }
                    String serverDdl;
                    try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + db + "`.`" + BASE + "`")) {
                        rs.next();
                        serverDdl = rs.getString(2);
                    }
                    String printed = expressionOf(serverDdl);
                    if (!m.server().equals(printed)) {
                        problems.add(m + ": the server now prints " + printed + ", recorded " + m.server());
                    }
                    TableDefinition ours = FrmReader.read(Path.of(db, BASE + ".frm"), patched, BASE + ".frm");
                    String ourDdl = DdlWriter.createTable(ours);
                    if (m.kept()) {
                        if (!expressionOf(ourDdl).equals(m.stored())
                                || ours.notes().stream().noneMatch(x -> x.contains("expression kept as"))) {
                            problems.add(m + ": expected the stored text and a note, got " + expressionOf(ourDdl));
                        }
                    } else if (!FrmCorpusOracleIT.normalise(ourDdl).equals(FrmCorpusOracleIT.normalise(serverDdl))) {
                        problems.add(m + ":\nserver:\n" + serverDdl + "\nours:\n" + ourDdl);
                    }
                    st.execute("DROP DATABASE `" + db + "`");
                }
            }
        }
        System.out.println("legacy expression oracle: " + (rows.size() - problems.size()) + "/" + rows.size()
                + " rows as recorded (" + rows.stream().filter(LegacyExpressionTest.Measured::kept).count()
                + " kept as stored by design)");
        assertThat(problems).isEmpty();
    }

    /** The generation expression of column {@code a} in a SHOW CREATE TABLE text. */
    private static String expressionOf(String ddl) {
        for (String line : ddl.split("\n")) {
            String s = line.strip();
            if (s.startsWith("`a` ") && s.contains(" GENERATED ALWAYS AS (")) {
                int from = s.indexOf(" GENERATED ALWAYS AS (") + " GENERATED ALWAYS AS (".length();
                int to = s.lastIndexOf(") VIRTUAL");
                return to > from ? s.substring(from, to) : s;
            }
        }
        return "(no generated column a in: " + ddl + ")";
    }

    /**
     * A copy of the file with another expression for its virtual column and another table collation. The vcol
     * section ends the file: the entry (3-byte header + text) grows or shrinks there, and its length is updated in
     * the column record (byte 12), the forminfo (vcol section length at 286) and the header (file length at 10).
     */
    static byte[] withExpression(byte[] frm, String expression, int collation) {
        FrmBytes b = new FrmBytes(Path.of(BASE + ".frm"), frm);
        FrmHeader h = FrmHeader.parse(b);
        ColumnSection cs = ColumnSection.parse(b, h);
        if (cs.expressionOffset() + cs.expressionLength() != frm.length || cs.expressionLength() > 255) {
            throw new IllegalStateException("expected the vcol section at the end of the file");
        }
        byte[] text = expression.getBytes(StandardCharsets.UTF_8);
        int entry = 3 + text.length;
        if (entry > 255) {
            throw new IllegalArgumentException("expression too long for a one-byte entry length: " + expression);
        }
        int headerAt = (int) cs.expressionOffset();
        byte[] out = new byte[headerAt + entry];
        System.arraycopy(frm, 0, out, 0, headerAt + 3);
        System.arraycopy(text, 0, out, headerAt + 3, text.length);
        int screens = b.u16(h.formInfoOffset() + 260, "screens length");
        int record = (int) (h.formInfoOffset() + 288 + screens) + VIRTUAL_COLUMN * 17;
        if ((out[record + 13] & 0xFF) != 245) {
            throw new IllegalStateException("column record " + VIRTUAL_COLUMN + " is not the virtual column");
        }
        out[record + 12] = (byte) entry;
        putLittleEndian(out, (int) h.formInfoOffset() + 286, entry, 2);
        putLittleEndian(out, 10, out.length, 4);
        out[38] = (byte) collation;
        out[41] = (byte) (collation >> 8);
        return out;
    }

    private static void putLittleEndian(byte[] out, int at, int value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[at + i] = (byte) (value >> (8 * i));
        }
    }
}
