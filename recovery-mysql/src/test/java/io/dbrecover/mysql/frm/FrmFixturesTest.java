package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.TableDefinition;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every .frm written by our MariaDB 10.11.19 (test resources frm/mariadb-10.11.19) must give back the server's own
 * SHOW CREATE TABLE, compared after whitespace normalisation.
 */
class FrmFixturesTest {
    /**
     * Fixtures whose recorded output holds a value the .frm cannot hold; the expected text is adjusted, never the
     * comparison skipped.
     */
    private static final Map<String, String[]> ENGINE_STATE = Map.of(
            // The AUTO_INCREMENT counter is InnoDB state, not in the .frm (our output says so in a note).
            "v__u_ai", new String[] {" AUTO_INCREMENT=1000", ""});
    /** Fixtures excluded from the equality check, with the reason. */
    private static final Map<String, String> EXCLUDED = Map.of(
            "v__u_kbs", "MyISAM rewrites each key's KEY_BLOCK_SIZE when it opens the table (stored 4 is shown as "
                    + "1024); the server output reflects the engine, not the file");

    private static final List<String> equal = new ArrayList<>();
    private static final List<String> different = new ArrayList<>();

    static Path fixtures() throws URISyntaxException {
        return Path.of(FrmFixturesTest.class.getResource("/frm/mariadb-10.11.19").toURI());
    }

    static List<Path> frmFiles() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(fixtures())) {
            return s.filter(p -> p.toString().endsWith(".frm")).sorted().toList();
        }
    }

    static String normalise(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    @TestFactory
    Stream<DynamicTest> each_fixture_gives_the_servers_show_create_table() throws Exception {
        return frmFiles().stream().map(frm -> DynamicTest.dynamicTest(frm.getFileName().toString(), () -> {
            String base = frm.getFileName().toString().replaceFirst("\\.frm$", "");
            String expected = Files.readString(frm.resolveSibling(base + ".show-create.sql"), StandardCharsets.UTF_8);
            String[] adjust = ENGINE_STATE.get(base);
            if (adjust != null) {
                expected = expected.replace(adjust[0], adjust[1]);
            }
            // Fixtures are named <db>__<file>.frm; the table name comes from the part after "__".
            byte[] data = Files.readAllBytes(frm);
            TableDefinition table = FrmReader.read(frm, data, frm.getFileName().toString().substring(
                    frm.getFileName().toString().indexOf("__") + 2));
            String actual = DdlWriter.createTable(table);
            if (EXCLUDED.containsKey(base)) {
                System.out.println("excluded " + base + ": " + EXCLUDED.get(base));
                return;
            }
            boolean same = normalise(actual).equals(normalise(expected));
            (same ? equal : different).add(base);
            assertThat(normalise(actual)).as(base).isEqualTo(normalise(expected));
            assertThat(DdlWriter.write(table)).endsWith(";\n");
        }));
    }

    @AfterAll
    static void summary() {
        System.out.println("frm fixtures: " + equal.size() + "/" + (equal.size() + different.size()) + " equal"
                + (different.isEmpty() ? "" : "; different: " + different) + "; excluded: " + EXCLUDED.keySet());
    }
}
