package io.dbrecover.mysql.ddl;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The partition clause as MySQL's SHOW CREATE TABLE prints it (docs/formats/frm.md §22.6): inside a version comment,
 * {@code \n/*!50100 PARTITION BY … *}{@code /} ({@code /*!50500} for RANGE/LIST COLUMNS and for TO_SECONDS), with
 * partition names and the column lists of KEY and COLUMNS partitioning bare where they need no quotes. The
 * expression itself is kept as read (MariaDB and MySQL 8 both print it with quoted column names; MySQL 5.x printed
 * it as the user typed it, which no file keeps).
 */
final class MySqlPartitionText {
    private static final Pattern COLUMNS = Pattern.compile("(?i)\\bCOLUMNS\\s*\\(");
    private static final Pattern TO_SECONDS = Pattern.compile("(?i)\\bto_seconds\\s*\\(");
    /** Characters MySQL prints bare; a leading {@code $} is quoted (recent 8.0 releases deprecate such names). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_$]*");
    /**
     * MySQL's reserved words (8.0 and 8.4) and the date-unit keywords: a name that is one of them stays quoted.
     * MySQL also quotes its non-reserved keywords, which every version reads bare as well.
     */
    private static final Set<String> KEYWORDS = Set.of("ACCESSIBLE", "ADD", "ALL", "ALTER", "ANALYZE", "AND",
            "AS", "ASC", "ASENSITIVE", "BEFORE", "BETWEEN", "BIGINT", "BINARY", "BLOB", "BOTH", "BY", "CALL",
            "CASCADE", "CASE", "CHANGE", "CHAR", "CHARACTER", "CHECK", "COLLATE", "COLUMN", "CONDITION", "CONSTRAINT",
            "CONTINUE", "CONVERT", "CREATE", "CROSS", "CUBE", "CUME_DIST", "CURRENT_DATE", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR", "DATABASE", "DATABASES", "DAY_HOUR", "DAY_MICROSECOND",
            "DAY_MINUTE", "DAY_SECOND", "DEC", "DECIMAL", "DECLARE", "DEFAULT", "DELAYED", "DELETE", "DENSE_RANK",
            "DESC", "DESCRIBE", "DETERMINISTIC", "DISTINCT", "DISTINCTROW", "DIV", "DOUBLE", "DROP", "DUAL", "EACH",
            "ELSE", "ELSEIF", "EMPTY", "ENCLOSED", "ESCAPED", "EXCEPT", "EXISTS", "EXIT", "EXPLAIN", "FALSE", "FETCH",
            "FIRST_VALUE", "FLOAT", "FLOAT4", "FLOAT8", "FOR", "FORCE", "FOREIGN", "FROM", "FULLTEXT", "FUNCTION",
            "GENERATED", "GET", "GRANT", "GROUP", "GROUPING", "GROUPS", "HAVING", "HIGH_PRIORITY", "HOUR_MICROSECOND",
            "HOUR_MINUTE", "HOUR_SECOND", "IF", "IGNORE", "IN", "INDEX", "INFILE", "INNER", "INOUT", "INSENSITIVE",
            "INSERT", "INT", "INT1", "INT2", "INT3", "INT4", "INT8", "INTEGER", "INTERSECT", "INTERVAL", "INTO",
            "IO_AFTER_GTIDS", "IO_BEFORE_GTIDS", "IS", "ITERATE", "JOIN", "JSON_TABLE", "KEY", "KEYS", "KILL", "LAG",
            "LAST_VALUE", "LATERAL", "LEAD", "LEADING", "LEAVE", "LEFT", "LIKE", "LIMIT", "LINEAR", "LINES", "LOAD",
            "LOCALTIME", "LOCALTIMESTAMP", "LOCK", "LONG", "LONGBLOB", "LONGTEXT", "LOOP", "LOW_PRIORITY", "MANUAL",
            "MASTER_BIND", "MASTER_SSL_VERIFY_SERVER_CERT", "MATCH", "MAXVALUE", "MEDIUMBLOB", "MEDIUMINT",
            "MEDIUMTEXT", "MIDDLEINT", "MINUTE_MICROSECOND", "MINUTE_SECOND", "MOD", "MODIFIES", "NATURAL", "NOT",
            "NO_WRITE_TO_BINLOG", "NTH_VALUE", "NTILE", "NULL", "NUMERIC", "OF", "ON", "OPTIMIZE", "OPTIMIZER_COSTS",
            "OPTION", "OPTIONALLY", "OR", "ORDER", "OUT", "OUTER", "OUTFILE", "OVER", "PARALLEL", "PARTITION",
            "PERCENT_RANK", "PRECISION", "PRIMARY", "PROCEDURE", "PURGE", "QUALIFY", "RANGE", "RANK", "READ", "READS",
            "READ_WRITE", "REAL", "RECURSIVE", "REFERENCES", "REGEXP", "RELEASE", "RENAME", "REPEAT", "REPLACE",
            "REQUIRE", "RESIGNAL", "RESTRICT", "RETURN", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "ROW_NUMBER",
            "SCHEMA", "SCHEMAS", "SECOND_MICROSECOND", "SELECT", "SENSITIVE", "SEPARATOR", "SET", "SHOW", "SIGNAL",
            "SMALLINT", "SPATIAL", "SPECIFIC", "SQL", "SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "SQL_BIG_RESULT",
            "SQL_CALC_FOUND_ROWS", "SQL_SMALL_RESULT", "SSL", "STARTING", "STORED", "STRAIGHT_JOIN", "SYSTEM",
            "TABLE", "TABLESAMPLE", "TERMINATED", "THEN", "TINYBLOB", "TINYINT", "TINYTEXT", "TO", "TRAILING",
            "TRIGGER", "TRUE", "UNDO", "UNION", "UNIQUE", "UNLOCK", "UNSIGNED", "UPDATE", "USAGE", "USE", "USING",
            "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "VALUES", "VARBINARY", "VARCHAR", "VARCHARACTER", "VARYING",
            "VIRTUAL", "WHEN", "WHERE", "WHILE", "WINDOW", "WITH", "WRITE", "XOR", "YEAR_MONTH", "ZEROFILL",
            "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MICROSECOND");

    private MySqlPartitionText() {
    }

    /** {@code \n/*!50100 PARTITION BY … *}{@code /} for a clause starting with {@code PARTITION BY}. */
    static String wrapped(String clause) {
        boolean v55 = COLUMNS.matcher(clause).find() || TO_SECONDS.matcher(clause).find();
        return "\n/*!" + (v55 ? "50500" : "50100") + " " + bareNames(clause) + " */";
    }

    /**
     * The clause with the names after PARTITION/SUBPARTITION and the identifiers of a {@code KEY (…)} or
     * {@code COLUMNS(…)} list unquoted where MySQL prints them bare. Quoted strings are copied as they are.
     */
    static String bareNames(String clause) {
        StringBuilder out = new StringBuilder(clause.length());
        String previousWord = "";
        int listDepth = -1; // parenthesis depth of an open KEY/COLUMNS list, -1 when none
        int depth = 0;
        int i = 0;
        while (i < clause.length()) {
            char c = clause.charAt(i);
            if (c == '\'' || c == '`') {
                int end = closing(clause, i);
                String token = clause.substring(i, end);
                boolean nameSlot = c == '`' && (listDepth >= 0 && depth == listDepth + 1
                        || previousWord.equals("PARTITION") || previousWord.equals("SUBPARTITION"));
                out.append(nameSlot ? bareIfPlain(token) : token);
                previousWord = "";
                i = end;
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < clause.length() && (Character.isLetterOrDigit(clause.charAt(end))
                        || clause.charAt(end) == '_')) {
                    end++;
                }
                String word = clause.substring(i, end);
                out.append(word);
                previousWord = word.toUpperCase(Locale.ROOT);
                if ((previousWord.equals("KEY") || previousWord.equals("COLUMNS")) && listDepth < 0) {
                    listDepth = depth; // the next "(" at this depth opens the list
                }
                i = end;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (listDepth >= 0 && depth == listDepth) {
                    listDepth = -1;
                }
            }
            if (!Character.isWhitespace(c)) {
                previousWord = "";
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The index just after the quoted token starting at {@code start} (a doubled quote stays inside). */
    private static int closing(String s, int start) {
        char q = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            char d = s.charAt(i);
            if (q == '\'' && d == '\\') {
                i += 2;
            } else if (d == q && i + 1 < s.length() && s.charAt(i + 1) == q) {
                i += 2;
            } else if (d == q) {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static String bareIfPlain(String quoted) {
        String name = quoted.substring(1, quoted.length() - 1);
        boolean plain = PLAIN.matcher(name).matches() && !name.chars().allMatch(Character::isDigit)
                && !KEYWORDS.contains(name.toUpperCase(Locale.ROOT));
        return plain ? name : quoted;
    }
}
