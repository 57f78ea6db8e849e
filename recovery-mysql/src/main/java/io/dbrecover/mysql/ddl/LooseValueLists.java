package io.dbrecover.mysql.ddl;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.TableDefinition;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ENUM/SET columns whose values may be equal under their collation ({@code 'a','A'} under a {@code _ci} one).
 * MySQL 5.5's default sql_mode (empty) created them with a note; a strict mode, MariaDB's default, refuses them
 * (error 1291, duplicated value), so such a table is created under a non-strict sql_mode. The test here folds
 * case, accents and trailing spaces, which every {@code _ci}/{@code _ai} collation equates at least: it may find
 * a pair the collation tells apart (then the table is created non-strict for nothing, which changes nothing for a
 * valid definition), never miss one a case-insensitive collation equates.
 */
final class LooseValueLists {
    /** The session sql_mode without its strict modes, the rest of the user's mode kept. */
    static final String NON_STRICT = "REPLACE(REPLACE(@@sql_mode, 'STRICT_TRANS_TABLES', ''), "
            + "'STRICT_ALL_TABLES', '')";
    /** Combining marks, removed after decomposition (accents). */
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Spaces at the end (before a final line end too, as {@code $} has it), which PAD SPACE collations ignore. */
    private static final Pattern TRAILING_SPACES = Pattern.compile(" +$");

    private LooseValueLists() {
    }

    /** One description per column holding such a pair, e.g. {@code column a: ENUM values 'a' and 'A' …}. */
    static List<String> of(TableDefinition t) {
        List<String> out = new ArrayList<>();
        for (Column c : t.columns()) {
            CharsetCollation cs = c.type().charset();
            if (c.type().type().family() != ColumnType.Family.LIST || cs == null || caseSensitive(cs)) {
                continue;
            }
            Map<String, String> seen = new HashMap<>();
            for (String label : c.type().labels()) {
                String first = seen.putIfAbsent(fold(label), label);
                if (first != null) {
                    out.add("column " + c.name() + ": " + c.type().type().sqlName().toUpperCase(Locale.ROOT)
                            + " values " + DdlWriter.quote(first) + " and " + DdlWriter.quote(label)
                                    + " are equal under "
                            + cs.collation());
                    break;
                }
            }
        }
        return out;
    }

    private static boolean caseSensitive(CharsetCollation cs) {
        String name = cs.collation();
        return cs.isBinary() || name.endsWith("_bin") || name.endsWith("_cs") || name.contains("_cs_");
    }

    private static String fold(String label) {
        String folded = ascii(label);
        if (folded == null) {
            String decomposed = MARKS.matcher(Normalizer.normalize(label, Normalizer.Form.NFD)).replaceAll("");
            folded = decomposed.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        }
        return folded.indexOf(' ') < 0 ? folded : TRAILING_SPACES.matcher(folded).replaceAll("");
    }

    /**
     * The label in lower case when it is all ASCII (nothing to decompose, and case folds within ASCII), else
     * {@code null}: most labels are, and the general way costs a table of many ENUM/SET values more than the rest
     * of its DDL.
     */
    private static String ascii(String label) {
        char[] out = null;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = label.toCharArray();
                }
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out == null ? label : new String(out);
    }
}
