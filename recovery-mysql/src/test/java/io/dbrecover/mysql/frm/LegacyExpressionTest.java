package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Collations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The re-printer of MariaDB ≤ 10.1 generated-column expressions against pairs measured on MariaDB 10.11.19
 * (test resource {@code frm/legacy-expressions.tsv}, re-measured against the server by LegacyExpressionOracleIT).
 */
class LegacyExpressionTest {
    /** The columns of the table the pairs were measured on. */
    static final List<String> COLUMNS = List.of("Date", "Data", "a");

    /** One measured row: table collation, text as stored, text as the server prints it, whether we keep it. */
    record Measured(int collation, String stored, String server, boolean kept) {
        @Override
        public String toString() {
            return collation + " " + stored;
        }
    }

    static List<Measured> measured() throws IOException {
        List<Measured> rows = new ArrayList<>();
        try (InputStream in = LegacyExpressionTest.class.getResourceAsStream("/frm/legacy-expressions.tsv")) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : all.split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                rows.add(new Measured(Integer.parseInt(f[0]), f[1], f[2], f[3].equals("kept")));
            }
        }
        return rows;
    }

    private static Optional<String> reprint(String stored, int collation) {
        return LegacyExpression.reprint(stored, COLUMNS, Collations.byId(collation).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("measured")
    void prints_each_measured_expression_as_the_server_or_keeps_it_as_stored(Measured m) {
        Optional<String> ours = reprint(m.stored(), m.collation());
        if (m.kept()) {
            assertThat(ours).as("a form we leave as stored").isEmpty();
        } else {
            assertThat(ours).contains(m.server());
        }
    }

    @Test
    void measured_pairs_cover_functions_operators_casts_and_the_forms_we_refuse() throws IOException {
        List<Measured> rows = measured();
        assertThat(rows).hasSizeGreaterThan(400);
        assertThat(rows.stream().filter(Measured::kept).count()).isGreaterThan(30);
    }

    @Test
    void column_get_as_char_takes_the_tables_character_set_as_in_mdev17909() {
        assertThat(reprint("COLUMN_GET(`Data`,1 AS CHAR(100))", 8))
                .contains("column_get(`Data`,1 as char(100) charset latin1)");
        assertThat(reprint("COLUMN_GET(`Data`,1 AS CHAR(100))", 83)) // utf8mb3_bin: a _bin collation adds binary
                .contains("column_get(`Data`,1 as char(100) charset utf8mb3 binary)");
    }

    @Test
    void column_names_take_the_tables_spelling_and_unknown_names_keep_the_text() {
        assertThat(reprint("data + DATE", 8)).contains("`Data` + `Date`");
        assertThat(reprint("nosuch + 1", 8)).isEmpty();
    }

    @Test
    void unknown_functions_and_syntax_keep_the_text() {
        assertThat(reprint("SOME_UDF(Data)", 8)).isEmpty();
        assertThat(reprint("Data /* c */ + 1", 8)).isEmpty();
        assertThat(reprint("@x + 1", 8)).isEmpty();
        assertThat(reprint("Data + 1 -- c", 8)).isEmpty();
        assertThat(reprint("'a\tb'", 8)).as("control characters other than the measured ones").isEmpty();
    }

    @Test
    void mutated_measured_texts_never_throw() throws IOException {
        Random random = new Random(20261124L);
        CharsetCollation latin1 = Collations.byId(8).orElseThrow();
        String alphabet = "()`'\",.-+*/%=<>!01aAeEx \\\u00e9\u0000";
        int results = 0;
        for (Measured m : measured()) {
            for (int i = 0; i < 40; i++) {
                StringBuilder sb = new StringBuilder(m.stored());
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits && sb.length() > 0; e++) {
                    int at = random.nextInt(sb.length());
                    switch (random.nextInt(3)) {
                        case 0 -> sb.deleteCharAt(at);
                        case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        default -> sb.setLength(at);
                    }
                }
                Optional<String> r = LegacyExpression.reprint(sb.toString(), COLUMNS, latin1);
                results += r.isPresent() ? 1 : 0;
            }
        }
        assertThat(results).as("some mutations are still valid expressions").isPositive();
    }

    @Test
    void damaged_text_keeps_the_text_and_never_throws() {
        CharsetCollation latin1 = Collations.byId(8).orElseThrow();
        List<String> damaged = List.of("", "(", ")", "'open", "`open", "CAST(Data AS", "Data +", "1e", "0x",
                "(".repeat(5000) + "1" + ")".repeat(5000),
                "(".repeat(300) + "1" + ")".repeat(300), "-".repeat(500) + "1", "ABS(".repeat(200) + "1",
                "CONCAT(" + "Data,".repeat(400),
                "\u0000\u0001\u00ff", "Data IN (", "CASE WHEN", "Data BETWEEN 1", "IF(Data,,1)");
        for (String d : damaged) {
            assertThat(LegacyExpression.reprint(d, COLUMNS, latin1)).as(d).isEmpty();
        }
        assertThat(LegacyExpression.reprint("(".repeat(40) + "Data" + ")".repeat(40), COLUMNS, latin1))
                .contains("`Data`");
    }
}
