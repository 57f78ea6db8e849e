package io.dbrecover.mysql.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a stored partition clause against the grammar the server writes ({@code PARTITION BY [LINEAR]
 * HASH|KEY|RANGE|LIST|SYSTEM_TIME …, SUBPARTITION BY …, (PARTITION name VALUES … ENGINE = …, …)}): keywords where
 * keywords go, partition names where names go, and inside the partitioning expression only the functions MariaDB
 * allows there and the table's own columns. A damaged clause that still balances ({@code PARTITIOM BY},
 * {@code yeas(`placed`)}, a column name that changed) is refused as damage instead of being written into a
 * statement the server refuses.
 */
public final class PartitionClause {
    /** Functions MariaDB allows in a partitioning expression (and in VALUES of old, stored-as-typed clauses). */
    private static final Set<String> FUNCTIONS = Set.of("ABS", "CEILING", "CEIL", "DATEDIFF", "DAY", "DAYOFMONTH",
            "DAYOFWEEK", "DAYOFYEAR", "EXTRACT", "FLOOR", "HOUR", "MICROSECOND", "MINUTE", "MOD", "MONTH", "QUARTER",
            "SECOND", "TIME_TO_SEC", "TO_DAYS", "TO_SECONDS", "UNIX_TIMESTAMP", "WEEKDAY", "YEAR", "YEARWEEK");
    /** Other words an expression or a value list may hold. */
    private static final Set<String> EXPRESSION_WORDS = Set.of("DIV", "MOD", "AND", "OR", "XOR", "NOT", "NULL",
            "TRUE", "FALSE", "IS", "FROM", "WEEK", "YEAR_MONTH", "DAY_HOUR", "DAY_MINUTE", "DAY_SECOND",
            "HOUR_MINUTE", "HOUR_SECOND", "MINUTE_SECOND", "DAY_MICROSECOND", "HOUR_MICROSECOND",
            "MINUTE_MICROSECOND", "SECOND_MICROSECOND", "MAXVALUE", "TIMESTAMP", "DATE", "TIME", "DATETIME");
    private static final Set<String> SYSTEM_TIME_WORDS = Set.of("INTERVAL", "LIMIT", "STARTS", "AUTO", "TIMESTAMP",
            "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR");

    /** What RANGE/LIST COLUMNS may partition by: integers, DATE, DATETIME, CHAR, VARCHAR, BINARY, VARBINARY. */
    private static final Set<ColumnType> COLUMNS_TYPES = Set.of(ColumnType.TINYINT, ColumnType.SMALLINT,
            ColumnType.MEDIUMINT, ColumnType.INT, ColumnType.BIGINT, ColumnType.DATE, ColumnType.DATETIME,
            ColumnType.CHAR, ColumnType.VARCHAR, ColumnType.BINARY, ColumnType.VARBINARY);

    private final List<String> tokens = new ArrayList<>();
    private final Set<String> columns;
    private final Map<String, Column> byName;
    private int pos;

    private PartitionClause(Map<String, Column> byName) {
        this.byName = byName;
        this.columns = byName.keySet();
    }

    /**
     * Why the clause is not one the server writes, or {@code null} when it is.
     *
     * @param clause the clause as stored, starting with {@code PARTITION BY}
     * @param tableColumns the table's columns, which the partitioning may name
     */
    public static String problem(String clause, Collection<Column> tableColumns) {
        Map<String, Column> byName = new HashMap<>();
        tableColumns.forEach(c -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
        PartitionClause p = new PartitionClause(byName);
        String t = p.tokenize(clause);
        if (t != null) {
            return t;
        }
        try {
            p.clause();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private void clause() {
        word("PARTITION");
        word("BY");
        method(false);
        if (accept("PARTITIONS")) {
            number();
        }
        if (accept("SUBPARTITION")) {
            word("BY");
            method(true);
            if (accept("SUBPARTITIONS")) {
                number();
            }
        }
        if (accept("(")) {
            do {
                definition("PARTITION");
            } while (accept(","));
            expect(")");
        }
        if (pos < tokens.size()) {
            fail("'" + tokens.get(pos) + "' after the end of the clause");
        }
    }

    private void method(boolean sub) {
        accept("LINEAR");
        String m = upper(next());
        switch (m) {
            case "HASH" -> integerExpression();
            case "KEY" -> {
                if (accept("ALGORITHM")) {
                    expect("=");
                    number();
                }
                for (Column c : names()) {
                    if (c.type().type().isLob()) {
                        fail("KEY partitioning by the " + c.type().type().sqlName() + " column " + c.name());
                    }
                }
            }
            case "RANGE", "LIST" -> {
                if (sub) {
                    fail("SUBPARTITION BY " + m);
                }
                if (accept("COLUMNS")) {
                    for (Column c : names()) {
                        if (!COLUMNS_TYPES.contains(c.type().type())) {
                            fail(m + " COLUMNS partitioning by the " + c.type().type().sqlName() + " column "
                                    + c.name());
                        }
                    }
                } else {
                    integerExpression();
                }
            }
            case "SYSTEM_TIME" -> {
                if (sub) {
                    fail("SUBPARTITION BY SYSTEM_TIME");
                }
                while (pos < tokens.size() && !peek("(") && !peek("SUBPARTITION")) {
                    String w = next();
                    if (isWord(w) && !SYSTEM_TIME_WORDS.contains(upper(w)) && !w.equalsIgnoreCase("PARTITIONS")) {
                        fail("'" + w + "' in a SYSTEM_TIME partitioning");
                    }
                }
            }
            default -> fail("'" + m + "' is no partitioning method");
        }
    }

    /** {@code PARTITION name [VALUES …] options [(SUBPARTITION …, …)]}. */
    private void definition(String kind) {
        word(kind);
        String name = next();
        if (!isName(name)) {
            fail("'" + name + "' is no " + kind.toLowerCase(Locale.ROOT) + " name");
        }
        if (kind.equals("PARTITION")) {
            if (accept("VALUES")) {
                if (accept("LESS")) {
                    word("THAN");
                    if (!accept("MAXVALUE")) {
                        values();
                    }
                } else {
                    word("IN");
                    values();
                }
            } else if (!accept("CURRENT") && !accept("DEFAULT")) {
                accept("HISTORY"); // SYSTEM_TIME's; DEFAULT is LIST's partition for every other value
            }
        }
        options();
        if (kind.equals("PARTITION") && accept("(")) {
            do {
                definition("SUBPARTITION");
            } while (accept(","));
            expect(")");
        }
    }

    private void options() {
        while (pos < tokens.size()) {
            String w = upper(tokens.get(pos));
            switch (w) {
                case "STORAGE" -> {
                    pos++;
                    word("ENGINE");
                    engine();
                }
                case "ENGINE" -> {
                    pos++;
                    engine();
                }
                case "COMMENT", "CONNECTION" -> {
                    pos++;
                    accept("=");
                    string();
                }
                case "DATA", "INDEX" -> {
                    pos++;
                    word("DIRECTORY");
                    accept("=");
                    string();
                }
                case "MAX_ROWS", "MIN_ROWS", "NODEGROUP" -> {
                    pos++;
                    accept("=");
                    number();
                }
                case "TABLESPACE" -> {
                    pos++;
                    accept("=");
                    if (!isName(next())) {
                        fail("TABLESPACE without a name");
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void engine() {
        accept("=");
        String e = next();
        String problem = StorageEngines.problem(e.startsWith("`") ? e.substring(1, e.length() - 1) : e);
        if (problem != null) {
            fail("a partition's engine: " + problem);
        }
    }

    /**
     * A partitioning expression, which must be an integer: a bare column of another type is refused by the
     * server ("the PARTITION function returns the wrong type").
     */
    private void integerExpression() {
        int start = pos;
        expression();
        if (pos - start == 3) {
            Column c = byName.get(lower(unquote(tokens.get(start + 1))));
            ColumnType.Family f = c == null ? null : c.type().type().family();
            if (c != null && f != ColumnType.Family.INTEGER && f != ColumnType.Family.YEAR) {
                fail("partitioning by the " + c.type().type().sqlName() + " column " + c.name()
                        + ", which is no integer");
            }
        }
    }

    private static String unquote(String t) {
        return t.startsWith("`") ? t.substring(1, t.length() - 1).replace("``", "`") : t;
    }

    /** {@code (expr)}: the table's columns, the functions partitioning allows, numbers, operators. */
    private void expression() {
        expect("(");
        int depth = 1;
        while (depth > 0) {
            String t = next();
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (t.startsWith("`")) {
                column(t);
            } else if (isWord(t)) {
                String u = upper(t);
                if (!FUNCTIONS.contains(u) && !EXPRESSION_WORDS.contains(u) && !columns.contains(lower(t))) {
                    fail("'" + t + "' is neither a column of the table nor a function partitioning allows");
                }
            } else if (t.startsWith("'")) {
                fail("a string in a partitioning expression");
            }
        }
    }

    /** {@code (`a`,`b`)}: columns of the table, maybe none ({@code KEY ()}: the primary key). */
    private List<Column> names() {
        List<Column> out = new ArrayList<>();
        expect("(");
        if (accept(")")) {
            return out;
        }
        do {
            String t = next();
            column(t);
            out.add(byName.get(lower(unquote(t))));
        } while (accept(","));
        expect(")");
        return out;
    }

    /** {@code (v, …)} or {@code ((v, w), …)}: constants, as the server stores them. */
    private void values() {
        expect("(");
        int depth = 1;
        while (depth > 0) {
            String t = next();
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (t.startsWith("`")) {
                fail("a name " + t + " among partition values");
            } else if (t.startsWith("_")) {
                if (!Collations.isCharset(lower(t.substring(1))) && !t.equalsIgnoreCase("_binary")) {
                    fail("'" + t + "' introduces no character set");
                }
            } else if (isWord(t)) {
                String u = upper(t);
                if (!FUNCTIONS.contains(u) && !EXPRESSION_WORDS.contains(u)) {
                    fail("'" + t + "' among partition values");
                }
            } else if (Character.isDigit(t.charAt(0)) && !Identifiers.NUMBER.matcher(t).matches()) {
                fail("'" + t + "' is no number");
            }
        }
    }

    private void column(String t) {
        String name = t.startsWith("`") ? t.substring(1, t.length() - 1).replace("``", "`") : t;
        if (!isName(t) || !columns.contains(lower(name))) {
            fail("the partitioning names " + t + ", which is no column of the table");
        }
    }

    // ------------------------------------------------------------------------------------------- tokens

    private String tokenize(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '`' || c == '\'' || c == '"') {
                i++;
                while (i < n) {
                    char d = s.charAt(i);
                    if (d == '\\' && c != '`') {
                        i += 2;
                    } else if (d == c && i + 1 < n && s.charAt(i + 1) == c) {
                        i += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        i++;
                    }
                }
                if (i >= n) {
                    return "the quote at character " + start + " is not closed";
                }
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#' || c > 0x7F) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || "_$#@.".indexOf(s.charAt(i)) >= 0
                        && !(s.charAt(i) == '.' && !Character.isDigit(c)) || s.charAt(i) > 0x7F)) {
                    i++;
                }
            } else {
                i++;
            }
            tokens.add(s.substring(start, i));
        }
        return null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            fail("the clause ends too early");
        }
        return tokens.get(pos++);
    }

    private boolean peek(String t) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(t);
    }

    private boolean accept(String t) {
        if (peek(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private void word(String w) {
        if (!accept(w)) {
            fail("expected " + w + (pos < tokens.size() ? " where it says '" + tokens.get(pos) + "'" : " at the end"));
        }
    }

    private void expect(String t) {
        word(t);
    }

    private void number() {
        String t = next();
        if (!t.matches("[0-9]+")) {
            fail("'" + t + "' where a number belongs");
        }
    }

    private void string() {
        String t = next();
        if (!t.startsWith("'")) {
            fail("'" + t + "' where a quoted string belongs");
        }
    }

    private static boolean isWord(String t) {
        char c = t.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '$' || c == '#' || c > 0x7F;
    }

    private static boolean isName(String t) {
        if (t.startsWith("`")) {
            return t.length() > 2 && Identifiers.nameProblem(t.substring(1, t.length() - 1).replace("``", "`"))
                    == null;
        }
        return isWord(t) || Character.isDigit(t.charAt(0));
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static void fail(String why) {
        throw new IllegalStateException("the partition clause is not valid: " + why);
    }
}
