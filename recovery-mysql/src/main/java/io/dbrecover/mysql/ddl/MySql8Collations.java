package io.dbrecover.mysql.ddl;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB 10.11's names for the collations only MySQL 8 has, so that a MySQL 8 definition loads (otherwise:
 * {@code Unknown collation}). The UCA 9.0.0 {@code _0900_} collations become MariaDB's UCA 14.0.0 ones with the same
 * accent and case sensitivity and the same NO PAD behaviour, the language tailorings by the table MariaDB 11.4.5
 * itself uses for these names as aliases ({@code utf8mb4_de_pb_0900_ai_ci} is
 * {@code utf8mb4_uca1400_german2_nopad_ai_ci}); see docs/formats/frm.md §14.4.
 */
final class MySql8Collations {
    private static final Pattern UCA0900 =
            Pattern.compile("utf8mb4_(?:([a-z_]+)_)?0900_(ai_ci|as_ci|as_cs|as_cs_ks|bin)");
    /** MySQL's language codes and MariaDB's tailoring of the same language (exact: MariaDB 11.4.5's aliases). */
    private static final Map<String, String> SAME = Map.ofEntries(Map.entry("de_pb", "german2"),
            Map.entry("is", "icelandic"), Map.entry("lv", "latvian"), Map.entry("ro", "romanian"),
            Map.entry("sl", "slovenian"), Map.entry("pl", "polish"), Map.entry("et", "estonian"),
            Map.entry("es", "spanish"), Map.entry("sv", "swedish"), Map.entry("tr", "turkish"),
            Map.entry("cs", "czech"), Map.entry("da", "danish"), Map.entry("lt", "lithuanian"),
            Map.entry("sk", "slovak"), Map.entry("es_trad", "spanish2"), Map.entry("la", "roman"),
            Map.entry("eo", "esperanto"), Map.entry("hu", "hungarian"), Map.entry("hr", "croatian"),
            Map.entry("vi", "vietnamese"));
    /** Languages MariaDB has no tailoring of: the nearest one (CLDR gives nb/nn Danish, bs/sr_latn Croatian order). */
    private static final Map<String, String> NEAREST = Map.of("nb", "danish", "nn", "danish", "bs", "croatian",
            "sr_latn", "croatian");

    private MySql8Collations() {
    }

    /** The MariaDB collation for a MySQL-8-only one, with why when it is not the same ordering; null for others. */
    static Mapped forMariaDb(String collation) {
        if (collation.equals("utf8mb3_tolower_ci")) {
            return new Mapped("utf8mb3_general_ci", "MariaDB has no utf8mb3_tolower_ci (MySQL 8's collation for "
                    + "identifiers); utf8mb3_general_ci also compares case-insensitively");
        }
        Matcher m = UCA0900.matcher(collation);
        if (!m.matches()) {
            return null;
        }
        String lang = m.group(1);
        String strength = m.group(2);
        if (strength.equals("bin")) {
            // MariaDB 11.4.5 aliases it to utf8mb4_bin, which pads; the NO PAD binary one keeps 'a' and 'a ' apart
            // as MySQL did, so a UNIQUE key accepts the same rows
            return new Mapped("utf8mb4_nopad_bin", null);
        }
        String why = null;
        if (strength.equals("as_cs_ks")) {
            strength = "as_cs";
            why = "MariaDB has no kana-sensitive collation; hiragana and katakana compare equal";
        }
        String tailoring = "";
        if (lang != null) {
            String same = SAME.get(lang);
            String nearest = NEAREST.get(lang);
            if (same != null) {
                tailoring = same + "_";
            } else if (nearest != null) {
                tailoring = nearest + "_";
                why = "MariaDB has no " + lang + " tailoring; the " + nearest + " one orders the same letters alike";
            } else {
                why = "MariaDB has no " + lang + " tailoring; the root order is used, so letters special to that "
                        + "language may sort differently" + (why == null ? "" : "; " + why);
            }
        }
        return new Mapped("utf8mb4_uca1400_" + tailoring + "nopad_" + strength, why);
    }

    /** A MariaDB collation name, and why it orders differently from the MySQL one ({@code null}: it does not). */
    record Mapped(String collation, String difference) {
    }
}
