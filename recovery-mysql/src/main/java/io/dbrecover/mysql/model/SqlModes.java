package io.dbrecover.mysql.model;

import java.util.List;
import java.util.StringJoiner;

/**
 * Names of the sql_mode bits as stored in {@code .TRG} files and routine definitions. The bit positions were read
 * from MariaDB 10.11 ({@code SET sql_mode = 1 << n}); MySQL 5.x uses the same positions for bits 0–31 except
 * bit 4, which MySQL leaves unused and MariaDB calls IGNORE_BAD_TABLE_OPTIONS.
 */
public final class SqlModes {
    private static final List<String> NAMES = List.of("REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES",
            "IGNORE_SPACE", "IGNORE_BAD_TABLE_OPTIONS", "ONLY_FULL_GROUP_BY", "NO_UNSIGNED_SUBTRACTION",
            "NO_DIR_IN_CREATE", "POSTGRESQL", "ORACLE", "MSSQL", "DB2", "MAXDB", "NO_KEY_OPTIONS",
            "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS", "MYSQL323", "MYSQL40", "ANSI", "NO_AUTO_VALUE_ON_ZERO",
            "NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
            "ALLOW_INVALID_DATES", "ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL", "NO_AUTO_CREATE_USER",
            "HIGH_NOT_PRECEDENCE", "NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH", "EMPTY_STRING_IS_NULL",
            "SIMULTANEOUS_ASSIGNMENT", "TIME_ROUND_FRACTIONAL");

    /** The bits MariaDB 10.11 knows. */
    public static final long KNOWN_BITS = (1L << NAMES.size()) - 1;

    private SqlModes() {
    }

    /**
     * The comma-separated names of the set bits in bit order, as {@code @@sql_mode} shows them.
     *
     * @throws IllegalArgumentException when a bit has no known name
     */
    /**
     * The modes a server stores together: setting ORACLE, ANSI, TRADITIONAL… stores the modes they stand for as well
     * (MariaDB expands them), so a stored value with one of them alone is damage. Returns what is missing, or
     * {@code null}.
     */
    public static String problem(long bits) {
        String[][] implies = {
            {"ANSI", "REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE"},
            {"ORACLE", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS",
                "NO_FIELD_OPTIONS"},
            {"POSTGRESQL", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS",
                "NO_FIELD_OPTIONS"},
            {"MSSQL", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS",
                "NO_FIELD_OPTIONS"},
            {"DB2", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS",
                "NO_FIELD_OPTIONS"},
            {"MAXDB", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS",
                "NO_FIELD_OPTIONS"},
            {"MYSQL323", "HIGH_NOT_PRECEDENCE"},
            {"MYSQL40", "HIGH_NOT_PRECEDENCE"},
            {"TRADITIONAL", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
                "ERROR_FOR_DIVISION_BY_ZERO"},
        };
        for (String[] rule : implies) {
            if ((bits & (1L << NAMES.indexOf(rule[0]))) == 0) {
                continue;
            }
            for (int i = 1; i < rule.length; i++) {
                if ((bits & (1L << NAMES.indexOf(rule[i]))) == 0) {
                    return rule[0] + " without " + rule[i] + ", which a server always stores with it";
                }
            }
        }
        return null;
    }

    public static String names(long bits) {
        if (bits < 0 || (bits & ~KNOWN_BITS) != 0) {
            throw new IllegalArgumentException("unknown sql_mode bits 0x" + Long.toHexString(bits & ~KNOWN_BITS));
        }
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < NAMES.size(); i++) {
            if ((bits & (1L << i)) != 0) {
                j.add(NAMES.get(i));
            }
        }
        return j.toString();
    }
}
