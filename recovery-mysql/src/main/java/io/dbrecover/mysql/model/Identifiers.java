package io.dbrecover.mysql.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What MariaDB accepts as a name or a text in a definition, so that readers refuse a damaged value instead of
 * writing a statement the server refuses (or one that carries control bytes to a terminal). Each check returns why
 * the value is not valid, or {@code null} when it is; the reader turns that into a typed error naming the file and
 * the byte offset.
 *
 * <p>The rules are MariaDB 10.11's: names of databases, tables, columns, indexes and constraints are at most 64
 * characters, are not empty, do not end with a space, hold no control character and only characters of utf8mb3
 * (the server's system character set: nothing outside the Basic Multilingual Plane). Texts (comments, expressions,
 * partition clauses, view queries, trigger statements) hold no control character but tab and line breaks, and SQL
 * texts have balanced quotes and parentheses.
 */
public final class Identifiers {
    /** NAME_CHAR_LEN: the longest name of a database, table, column, index or constraint, in characters. */
    public static final int MAX_NAME = 64;
    /** The longest user name of a definer (MariaDB 10.6+: 128 characters; MySQL: 32). */
    public static final int MAX_USER = 128;
    /** The longest host name of a definer (MariaDB 10.6+: 255 characters; older: 60). */
    public static final int MAX_HOST = 255;
    /** The longest column or index comment (MySQL 5.5+, MariaDB): 1024 characters. */
    public static final int MAX_COLUMN_COMMENT = 1024;
    /** The longest table comment (MySQL 5.5+, MariaDB): 2048 characters. */
    public static final int MAX_TABLE_COMMENT = 2048;

    private Identifiers() {
    }

    /**
     * Why {@code name} is no valid name of a database, table, column, index, period or constraint, or
     * {@code null}.
     */
    public static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        String c = controlProblem(name, false);
        if (c != null) {
            return c;
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            return "it is longer than " + MAX_NAME + " characters";
        }
        if (name.charAt(name.length() - 1) == ' ') {
            return "it ends with a space";
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isSurrogate(ch)) {
                return "it holds a character outside the Basic Multilingual Plane (names are utf8mb3)";
            }
            if (ch == '\uFFFD') {
                return "it holds U+FFFD, the mark of bytes that were not valid UTF-8";
            }
        }
        return null;
    }

    /** Why {@code user} is no valid user or host part of a definer (at most {@code max} characters), or null. */
    public static String accountProblem(String user, int max) {
        String c = controlProblem(user, false);
        if (c != null) {
            return c;
        }
        return user.codePointCount(0, user.length()) > max ? "it is longer than " + max + " characters" : null;
    }

    /**
     * Why {@code text} is no valid comment or option text of at most {@code maxChars} characters (0: no limit), or
     * null. Tabs and line breaks are allowed: a comment may hold them.
     */
    public static String textProblem(String text, int maxChars) {
        String c = controlProblem(text, true);
        if (c != null) {
            return c;
        }
        if (text.indexOf('\uFFFD') >= 0) {
            return "it holds U+FFFD, the mark of bytes that were not valid UTF-8";
        }
        if (maxChars > 0 && text.codePointCount(0, text.length()) > maxChars) {
            return "it is longer than " + maxChars + " characters";
        }
        return null;
    }

    /**
     * Why {@code sql} is no valid SQL expression or query (a generated column, a default, a CHECK, a partition
     * clause, a view's SELECT), or null: outside quoted strings no control character but tab and line breaks
     * (inside them the value is the user's, written as it is), balanced quotes
     * ({@code '}, {@code "}, {@code `}) and parentheses, and outside quotes no {@code ;}, no comment and no
     * backslash. The server prints such texts without any of these; and in a script they would end the statement
     * or start a client command ({@code \!} runs a shell command in the mariadb client) of the file's choosing.
     * Backslash escapes inside strings are read as the server prints them; a text that balances only without them
     * (written under NO_BACKSLASH_ESCAPES) is accepted too.
     */
    public static String expressionProblem(String sql) {
        return sqlProblem(sql, false);
    }

    /**
     * Why {@code sql} is no valid statement of a trigger (CREATE TRIGGER with its body, as typed), or null: as
     * {@link #expressionProblem}, except that {@code ;} (between the body's statements) and comments are allowed.
     */
    public static String statementProblem(String sql) {
        return sqlProblem(sql, true);
    }

    private static String sqlProblem(String sql, boolean statement) {
        String withEscapes = balanceProblem(sql, true, statement);
        return withEscapes == null || balanceProblem(sql, false, statement) == null ? null : withEscapes;
    }

    /** MariaDB 10.11's functions (resource {@code io/dbrecover/mysql/functions.txt}, probed on a server). */
    private static final Set<String> FUNCTIONS = WordLists.load("/io/dbrecover/mysql/functions.txt");

    /** A number as a server prints one: decimal, with exponent, or hexadecimal. */
    static final Pattern NUMBER = Pattern.compile(
            "[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?|0x[0-9A-Fa-f]+|0b[01]+");

    /** The words a server prints in an expression that are neither functions nor names. */
    private static final Set<String> EXPRESSION_WORDS = Set.of("NULL", "TRUE", "FALSE", "IS",
            "NOT", "AND", "OR", "XOR", "DIV", "MOD", "LIKE", "REGEXP", "RLIKE", "IN", "BETWEEN", "CASE", "WHEN",
            "THEN", "ELSE", "END", "INTERVAL", "BINARY", "COLLATE", "ESCAPE", "SOUNDS", "DEFAULT", "AS",
            "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_USER", "CURRENT_ROLE", "LOCALTIME",
            "LOCALTIMESTAMP", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "SYSDATE", "UNKNOWN", "DISTINCT", "ALL", "ANY",
            "SOME", "EXISTS", "SELECT", "FROM", "WHERE", "USING", "CHARACTER", "CHARSET", "SET", "OVER", "PARTITION",
            "ORDER", "BY", "ASC", "DESC", "NEXT", "PREVIOUS", "VALUE", "FOR", "MICROSECOND", "SECOND", "MINUTE",
            "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "SECOND_MICROSECOND", "MINUTE_MICROSECOND",
            "MINUTE_SECOND", "HOUR_MICROSECOND", "HOUR_SECOND", "HOUR_MINUTE", "DAY_MICROSECOND", "DAY_SECOND",
            "DAY_MINUTE", "DAY_HOUR", "YEAR_MONTH", "CHAR", "VARCHAR", "SIGNED", "UNSIGNED", "INTEGER", "INT",
            "DECIMAL", "DOUBLE", "FLOAT", "DATE", "TIME", "DATETIME", "TIMESTAMP", "NCHAR", "JSON", "INET6", "INET4",
            "UUID", "LEADING", "TRAILING", "BOTH", "ROWS", "RANGE", "UNBOUNDED", "PRECEDING", "FOLLOWING", "CURRENT",
            "ROW", "MEMBER", "OF", "NATIONAL", "AGAINST", "NATURAL", "LANGUAGE", "MODE", "BOOLEAN", "QUERY",
            "EXPANSION", "WITH", "SEPARATOR", "RETURNING", "ARRAY", "PATH", "COLUMNS", "ORDINALITY", "EMPTY",
            "ERROR", "ON", "NESTED", "UNICODE", "ASCII", "SQL_TSI_SECOND", "SQL_TSI_MINUTE", "SQL_TSI_HOUR",
            "SQL_TSI_DAY", "SQL_TSI_WEEK", "SQL_TSI_MONTH", "SQL_TSI_QUARTER", "SQL_TSI_YEAR", "SQL_TSI_FRAC_SECOND",
            "GLOBAL", "SESSION", "LOCAL");

    /**
     * Why {@code sql}, an expression a server printed (MariaDB 10.2+, MySQL 8: names back-quoted, functions followed
     * by their parenthesis), is not one, or null: besides {@link #expressionProblem}, every bare word is a function,
     * a keyword of expressions, a character set, a collation or an introducer ({@code _utf8mb4}). A damaged keyword
     * ({@code is nulm}) is refused here.
     */
    public static String printedExpressionProblem(String sql) {
        return printedExpressionProblem(sql, false);
    }

    /**
     * As {@link #printedExpressionProblem(String)}; with {@code mariadbFunctions}, every call is also one of the
     * functions MariaDB 10.11 has (a default, a CHECK or a generated column calls no stored function, so a name it
     * does not know is damage: {@code rant()}).
     */
    public static String printedExpressionProblem(String sql, boolean mariadbFunctions) {
        String p = expressionProblem(sql);
        if (p != null) {
            return p;
        }
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int start = i;
                i++;
                while (i < n && sql.charAt(i) != c) {
                    i += sql.charAt(i) == '\\' && c != '`' ? 2 : 1;
                }
                i++;
                int next = i;
                while (next < n && sql.charAt(next) == ' ') {
                    next++;
                }
                if (c == '`' && next < n && sql.charAt(next) == '(' && (start == 0 || sql.charAt(start - 1) != '.')) {
                    return sql.substring(start, Math.min(i, n)) + "() calls a stored function, which no default, "
                            + "CHECK or generated column may";
                }
                continue;
            }
            if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                String number = sql.substring(start, i);
                if (!NUMBER.matcher(number).matches()) {
                    return "'" + number + "' is no number";
                }
                continue;
            }
            if (!Character.isLetter(c) && c != '_' && c != '@') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$'
                    || sql.charAt(i) == '@' || sql.charAt(i) == '.')) {
                i++;
            }
            String word = sql.substring(start, i);
            int next = i;
            while (next < n && sql.charAt(next) == ' ') {
                next++;
            }
            boolean call = next < n && sql.charAt(next) == '(';
            // b'0101', x'CAFE', n'text', _utf8mb4'text': a literal's introducer
            boolean introducer = i < n && sql.charAt(i) == '\'';
            String upper = word.toUpperCase(Locale.ROOT);
            String lower = word.toLowerCase(Locale.ROOT);
            if (call && mariadbFunctions && (start == 0 || sql.charAt(start - 1) != '.')
                    && !FUNCTIONS.contains(lower)) {
                return word + "() is no function MariaDB has";
            }
            if (word.startsWith("_") && !call && !Collations.isCharset(lower.substring(1))
                    && !lower.equals("_utf8") && !lower.equals("_binary")) {
                return "'" + word + "' introduces no character set";
            }
            boolean known = call || introducer || word.startsWith("_") || word.startsWith("@")
                    || EXPRESSION_WORDS.contains(upper)
                    || Collations.isCharset(lower) || Collations.isCollation(lower) || lower.equals("utf8")
                    || lower.startsWith("utf8_") || start > 0 && sql.charAt(start - 1) == '.';
            if (!known) {
                return "'" + word + "' is neither a function, a keyword nor a name (names are back-quoted)";
            }
        }
        return null;
    }

    /** The first control character (not tab or line breaks when allowed) as a problem, or null. */
    private static String controlProblem(String s, boolean lineBreaksAllowed) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (isControl(ch) && !(lineBreaksAllowed && (ch == '\t' || ch == '\n' || ch == '\r'))) {
                return "it holds the control character U+" + String.format(Locale.ROOT, "%04X", (int) ch)
                        + " at character " + i;
            }
        }
        return null;
    }

    private static boolean isControl(char ch) {
        return ch < 0x20 || ch >= 0x7F && ch <= 0x9F || ch == 0x2028 || ch == 0x2029 || ch >= 0x202A && ch <= 0x202E
                || ch >= 0x2066 && ch <= 0x2069;
    }

    private static String balanceProblem(String s, boolean backslashEscapes, boolean statement) {
        int depth = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int start = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = s.charAt(i);
                    if (ch == '`' && isControl(d)) {
                        // a quoted identifier: a name, whose control characters would reach a terminal
                        return "the quoted name at character " + start + " holds the control character U+"
                                + String.format(Locale.ROOT, "%04X", (int) d);
                    }
                    if (d == '\\' && backslashEscapes && ch != '`') {
                        i += 2;
                    } else if (d == ch && i + 1 < n && s.charAt(i + 1) == ch) {
                        i += 2;
                    } else if (d == ch) {
                        i++;
                        closed = true;
                        break;
                    } else {
                        i++;
                    }
                }
                if (!closed) {
                    return "the quote " + ch + " at character " + start + " is not closed";
                }
                continue;
            }
            boolean comment = ch == '#' || ch == '-' && (s.startsWith("-- ", i) || s.startsWith("--\t", i)
                    || s.startsWith("--\n", i) || s.startsWith("--\r", i) || i + 2 == n && s.startsWith("--", i))
                    || ch == '/' && s.startsWith("/*", i);
            if (comment && !statement) {
                return "a comment starts at character " + i + " outside quotes";
            }
            if (comment && ch == '/') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    return "the comment at character " + i + " is not closed";
                }
                if (s.substring(i, end).indexOf('\\') >= 0) {
                    return "a backslash in the comment at character " + i + " (a client command in a script)";
                }
                i = end + 2;
                continue;
            }
            if (comment) {
                int end = i;
                while (end < n && s.charAt(end) != '\n') {
                    end++;
                }
                if (s.substring(i, end).indexOf('\\') >= 0) {
                    return "a backslash in the comment at character " + i + " (a client command in a script)";
                }
                i = end;
                continue;
            }
            if (ch == '\\') {
                return "a backslash at character " + i + " outside quotes (a client command in a script)";
            }
            if (isControl(ch) && ch != '\t' && ch != '\n' && ch != '\r') {
                return "it holds the control character U+" + String.format(Locale.ROOT, "%04X", (int) ch)
                        + " at character " + i + " outside quotes";
            }
            if (ch == ';' && !statement) {
                return "a ';' at character " + i + " outside quotes would end the statement";
            }
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth < 0) {
                return "the parenthesis at character " + i + " closes none";
            }
            i++;
        }
        return depth == 0 ? null : depth + " parenthes" + (depth == 1 ? "is is" : "es are") + " not closed";
    }

    /** A name quoted for SQL with backticks, a backtick in it doubled: {@code `a``b`}. */
    public static String quote(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    /** A single-quoted SQL string with MariaDB's escapes. */
    public static String literal(String s) {
        return literal(new StringBuilder(s.length() + 8), s).toString();
    }

    /** {@link #literal(String)} appended to {@code sb}. */
    public static StringBuilder literal(StringBuilder sb, String s) {
        sb.append('\'');
        // the text between escapes is copied in one piece: comments and engine options run to kilobytes
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            String escaped = switch (s.charAt(i)) {
                case '\'' -> "''";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\0' -> "\\0";
                case '\u001A' -> "\\Z";
                default -> null;
            };
            if (escaped != null) {
                sb.append(s, from, i).append(escaped);
                from = i + 1;
            }
        }
        return sb.append(s, from, s.length()).append('\'');
    }
}
