package io.dbrecover.mysql.frm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a stored trigger statement as the server parses one: {@code CREATE [DEFINER=…] TRIGGER name BEFORE|AFTER
 * INSERT|UPDATE|DELETE ON table FOR EACH ROW} and a body of SQL/PSM statements. A {@code .TRG} file keeps no checksum
 * of its statements, so this grammar is the check of their text: a damaged keyword ({@code DEFIIER}, {@code FO EACH
 * ROW}, {@code DEFCULT}), a block that no longer closes, a row that is not {@code NEW} or {@code OLD}, an OLD row in
 * an INSERT trigger, a column the table does not have, is refused as damage instead of being written into a script
 * the server refuses.
 *
 * <p>It is strict where the grammar leaves no choice (the head, the structure of compound statements, the first word
 * of every statement, assignments, SIGNAL, DECLARE, and expressions of the procedure's own statements) and lenient
 * inside data statements (INSERT, UPDATE, DELETE, SELECT…), whose text it skips to their end: there it checks only
 * the NEW/OLD references. A real file passes, since its server parsed it when the trigger was created.
 */
final class TriggerStatement {
    private static final Set<String> STATEMENTS = Set.of("SET", "IF", "CASE", "WHILE", "REPEAT", "LOOP", "BEGIN",
            "SIGNAL", "RESIGNAL", "LEAVE", "ITERATE", "OPEN", "CLOSE", "FETCH", "CALL", "DO", "INSERT", "REPLACE",
            "UPDATE", "DELETE", "SELECT", "WITH", "VALUES", "GET");
    private static final Set<String> DML = Set.of("INSERT", "REPLACE", "UPDATE", "DELETE", "SELECT", "WITH", "VALUES",
            "GET");
    private static final Set<String> SIGNAL_ITEMS = Set.of("CLASS_ORIGIN", "SUBCLASS_ORIGIN", "MESSAGE_TEXT",
            "MYSQL_ERRNO", "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "CATALOG_NAME", "SCHEMA_NAME",
            "TABLE_NAME", "COLUMN_NAME", "CURSOR_NAME");
    private static final Set<String> TYPES = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT",
            "INT1", "INT2", "INT3", "INT4", "INT8", "MIDDLEINT", "DECIMAL", "DEC", "NUMERIC", "FIXED", "FLOAT", "DOUBLE",
            "REAL", "BIT", "BOOL", "BOOLEAN", "SERIAL", "CHAR", "CHARACTER", "NCHAR", "NATIONAL", "VARCHAR",
            "VARCHAR2", "NVARCHAR", "VARCHARACTER", "BINARY", "VARBINARY", "TINYTEXT", "TEXT", "MEDIUMTEXT",
            "LONGTEXT", "LONG", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "ENUM", "SET", "DATE", "TIME",
            "DATETIME", "TIMESTAMP", "YEAR", "JSON", "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "INET4", "INET6", "UUID", "ROW", "TYPE", "CLOB",
            "RAW", "NUMBER");
    /** Functions whose argument lists have a syntax of their own: their arguments are skipped, not parsed. */
    private static final Set<String> SPECIAL_FUNCTIONS = Set.of("CAST", "CONVERT", "EXTRACT", "TRIM", "POSITION",
            "SUBSTRING", "SUBSTR", "MID", "GROUP_CONCAT", "COUNT", "SUM", "AVG", "MIN", "MAX", "DATE_ADD", "DATE_SUB",
            "ADDDATE", "SUBDATE", "TIMESTAMPADD", "TIMESTAMPDIFF", "CHAR", "WEIGHT_STRING", "MATCH", "JSON_TABLE",
            "GET_FORMAT", "STD", "STDDEV", "VARIANCE", "BIT_AND", "BIT_OR", "BIT_XOR", "JSON_ARRAYAGG",
            "JSON_OBJECTAGG", "CURSOR", "COLUMN_CREATE", "COLUMN_GET", "COLUMN_ADD", "LAG", "LEAD", "ROW_NUMBER",
            "RANK", "DENSE_RANK", "NTILE", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE", "PERCENT_RANK", "CUME_DIST",
            "LISTAGG", "XMLAGG", "DECODE", "DECODE_ORACLE", "JSON_VALUE", "JSON_QUERY", "REGEXP_REPLACE");
    /** MariaDB 10.11's system variables, which a body may SET by their bare names. */
    private static final Set<String> SYSTEM_VARIABLES = systemVariables();
    private static final Set<String> BINARY_WORDS = Set.of("AND", "OR", "XOR", "DIV", "MOD", "LIKE", "REGEXP",
            "RLIKE", "IS", "IN", "BETWEEN", "NOT", "SOUNDS", "COLLATE", "MEMBER", "ESCAPE");
    private static final Set<String> OPERATORS = Set.of("+", "-", "*", "/", "%", "=", "<=>", "<>", "!=", "<", "<=",
            ">", ">=", "&&", "||", "&", "|", "^", "<<", ">>", ":=", "->", "->>");

    private final List<String> t = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private final boolean ansiQuotes;
    private final String event;
    private final String timing;
    private final Set<String> columns;
    private final Set<String> declared = new HashSet<>();
    /** In the procedure's own statements a bare name is a variable, which must be declared; in data statements it
     * may be a column. */
    private boolean procedural = true;
    private boolean backslashEscapes = true;
    private int pos;

    /** The definer of the head, {@code user@host} unquoted, or {@code null} when it names none (or CURRENT_USER). */
    private String definer;

    private static Set<String> systemVariables() {
        try (java.io.InputStream in = TriggerStatement.class.getResourceAsStream(
                "/io/dbrecover/mysql/system-variables.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource io/dbrecover/mysql/system-variables.txt missing");
            }
            Set<String> out = new HashSet<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return Set.copyOf(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TriggerStatement(boolean ansiQuotes, String timing, String event, Set<String> columns) {
        this.ansiQuotes = ansiQuotes;
        this.timing = timing;
        this.event = event;
        this.columns = columns;
    }

    /**
     * Why the statement is not one the server would have stored, or {@code null}.
     *
     * @param columns the lower-case columns of the trigger's table when known (read from its {@code .frm}), else
     *        {@code null}
     */
    static String problem(String statement, boolean ansiQuotes, boolean oracle, boolean noBackslashEscapes,
                          String timing, String event, Set<String> columns) {
        return problem(statement, ansiQuotes, oracle, noBackslashEscapes, timing, event, columns, null);
    }

    /**
     * As {@link #problem(String, boolean, boolean, boolean, String, String, Set)}, and the statement's DEFINER must be
     * {@code definer} ({@code user@host}, as the file's {@code definers} list keeps it) when that is given.
     */
    static String problem(String statement, boolean ansiQuotes, boolean oracle, boolean noBackslashEscapes,
                          String timing, String event, Set<String> columns, String definer) {
        TriggerStatement s = new TriggerStatement(ansiQuotes, timing, event, columns);
        s.backslashEscapes = !noBackslashEscapes;
        try {
            s.tokenize(statement);
            s.head();
            if (oracle) {
                s.skipData(true); // sql_mode=ORACLE bodies are PL/SQL: only their NEW/OLD references are checked
            } else {
                s.statement(true);
            }
            if (s.pos < s.t.size()) {
                fail("'" + s.t.get(s.pos) + "' after the end of the trigger's body");
            }
            if (definer != null && !definer.isEmpty() && s.definer != null && !s.definer.equals(definer)) {
                fail("its DEFINER " + s.definer + " differs from " + definer + ", which the file lists for it");
            }
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    // -------------------------------------------------------------------------------------------------- head

    private void head() {
        word("CREATE");
        if (accept("DEFINER")) {
            expect("=");
            if (accept("CURRENT_USER")) {
                if (accept("(")) {
                    expect(")");
                }
            } else {
                account();
            }
        }
        word("TRIGGER");
        if (accept("IF")) {
            word("NOT");
            word("EXISTS");
        }
        name();
        if (accept(".")) {
            name();
        }
        oneOf("BEFORE", "AFTER");
        oneOf("INSERT", "UPDATE", "DELETE");
        word("ON");
        name();
        if (accept(".")) {
            name();
        }
        word("FOR");
        word("EACH");
        word("ROW");
        if (accept("FOLLOWS") || accept("PRECEDES")) {
            name();
        }
    }

    /** {@code user@host}; the lexer reads {@code @host} as one token, as it reads a variable. */
    private void account() {
        String user = next();
        if (!isName(user) && !isString(user)) {
            fail("'" + user + "' is no definer");
        }
        String host = "%";
        if (pos < t.size() && t.get(pos).startsWith("@") && !t.get(pos).startsWith("@@")) {
            host = t.get(pos++).substring(1);
            if (host.isEmpty() || !isName(host) && !isString(host)) {
                fail("'" + host + "' is no definer host");
            }
        }
        definer = strip(user) + "@" + strip(host);
    }

    /** A user or host name without its quotes (doubled quotes undone). */
    private static String strip(String x) {
        char c = x.charAt(0);
        if (c == '`' || c == '"' || c == '\'') {
            return x.substring(1, x.length() - 1).replace(String.valueOf(c) + c, String.valueOf(c));
        }
        return x;
    }

    // --------------------------------------------------------------------------------------------- statements

    /** One statement; {@code top}: the whole body, which is not followed by a {@code ;}. */
    private void statement(boolean top) {
        if (pos + 1 < t.size() && isName(t.get(pos)) && t.get(pos + 1).equals(":")) {
            pos += 2; // a label
            String w = upper(peekToken());
            if (!Set.of("BEGIN", "LOOP", "WHILE", "REPEAT", "FOR").contains(w)) {
                fail("a label before '" + peekToken() + "'");
            }
        }
        String w = upper(next());
        if (!STATEMENTS.contains(w) || quoted(pos - 1)) {
            fail("'" + t.get(pos - 1) + "' cannot start a statement");
        }
        switch (w) {
            case "BEGIN" -> block();
            case "IF" -> ifStatement();
            case "CASE" -> caseStatement();
            case "WHILE" -> {
                expression();
                word("DO");
                statements("END");
                word("END");
                word("WHILE");
                optionalLabel();
            }
            case "REPEAT" -> {
                statements("UNTIL");
                word("UNTIL");
                expression();
                word("END");
                word("REPEAT");
                optionalLabel();
            }
            case "LOOP" -> {
                statements("END");
                word("END");
                word("LOOP");
                optionalLabel();
            }
            case "SET" -> set();
            case "SIGNAL", "RESIGNAL" -> signal(w.equals("SIGNAL"));
            case "LEAVE", "ITERATE", "OPEN", "CLOSE" -> name();
            case "FETCH" -> fetch();
            case "CALL" -> {
                name();
                if (accept(".")) {
                    name();
                }
                if (accept("(") && !accept(")")) {
                    expressions();
                    expect(")");
                }
            }
            case "DO" -> expressions();
            case "INSERT", "REPLACE" -> data(() -> insert(top), top);
            case "UPDATE" -> data(() -> update(top), top);
            default -> skipData(top);
        }
    }

    private void block() {
        if (accept("NOT")) {
            word("ATOMIC");
        }
        while (peek("DECLARE")) {
            pos++;
            declare();
            expect(";");
        }
        statements("END");
        word("END");
        optionalLabel();
    }

    /** Statements, each ending in {@code ;}, up to one of the words that end the list. */
    private void statements(String... ends) {
        while (true) {
            if (pos >= t.size()) {
                fail("the body ends before its " + String.join("/", ends));
            }
            for (String e : ends) {
                if (peek(e)) {
                    return;
                }
            }
            statement(false);
            expect(";");
        }
    }

    private void ifStatement() {
        expression();
        word("THEN");
        statements("ELSEIF", "ELSE", "END");
        while (accept("ELSEIF")) {
            expression();
            word("THEN");
            statements("ELSEIF", "ELSE", "END");
        }
        if (accept("ELSE")) {
            statements("END");
        }
        word("END");
        word("IF");
    }

    private void caseStatement() {
        if (!peek("WHEN")) {
            expression();
        }
        word("WHEN");
        do {
            expression();
            word("THEN");
            statements("WHEN", "ELSE", "END");
        } while (accept("WHEN"));
        if (accept("ELSE")) {
            statements("END");
        }
        word("END");
        word("CASE");
    }

    private void optionalLabel() {
        if (pos < t.size() && isName(t.get(pos)) && !peek("END") && !peek(";")) {
            pos++;
        }
    }

    private void declare() {
        if (peek("CONTINUE") || peek("EXIT") || peek("UNDO")) {
            pos++;
            word("HANDLER");
            word("FOR");
            do {
                condition();
            } while (accept(","));
            statement(false);
            return;
        }
        List<String> names = new ArrayList<>();
        do {
            names.add(lower(name()));
        } while (accept(","));
        if (accept("CONDITION")) {
            word("FOR");
            condition();
        } else if (accept("CURSOR")) {
            if (accept("(")) {
                skipBalanced(1); // parameters
            }
            word("FOR");
            skipData(false);
        } else {
            type();
            if (accept("DEFAULT")) {
                expression();
            }
        }
        declared.addAll(names);
    }

    private void condition() {
        if (accept("SQLSTATE")) {
            accept("VALUE");
            string();
        } else if (!accept("SQLWARNING") && !accept("SQLEXCEPTION")) {
            if (accept("NOT")) {
                word("FOUND");
            } else {
                String c = next();
                if (!isName(c) && !c.matches("[0-9]+")) {
                    fail("'" + c + "' is no condition");
                }
            }
        }
    }

    /** A data type: its name, arguments, and the attributes a type takes (UNSIGNED, CHARACTER SET x …). */
    private void type() {
        String w = upper(next());
        if (!TYPES.contains(w) || quoted(pos - 1)) {
            fail("'" + t.get(pos - 1) + "' is no data type");
        }
        if (w.equals("TYPE")) {
            word("OF");
            name();
            if (accept(".")) {
                name();
            }
            return;
        }
        if (w.equals("ROW")) {
            if (accept("TYPE")) {
                word("OF");
                name();
            } else {
                expect("(");
                skipBalanced(1);
            }
            return;
        }
        if (Set.of("CHARACTER", "NATIONAL", "DOUBLE", "LONG", "CHAR").contains(w)) {
            for (String second : List.of("VARYING", "CHAR", "CHARACTER", "VARCHAR", "PRECISION", "VARBINARY")) {
                if (accept(second)) {
                    break;
                }
            }
        }
        if (accept("(")) {
            skipBalanced(1);
        }
        while (true) {
            if (accept("UNSIGNED") || accept("SIGNED") || accept("ZEROFILL") || accept("BINARY") || accept("ASCII")
                    || accept("UNICODE") || accept("BYTE")) {
                continue;
            }
            if (accept("CHARACTER")) {
                word("SET");
                name();
            } else if (accept("CHARSET") || accept("COLLATE")) {
                name();
            } else {
                return;
            }
        }
    }

    private void set() {
        String first = upper(peekToken());
        if (Set.of("NAMES", "CHARACTER", "CHARSET", "TRANSACTION", "PASSWORD", "ROLE", "DEFAULT", "STATEMENT")
                .contains(first)) {
            skipData(false);
            return;
        }
        do {
            target();
            if (!accept("=") && !accept(":=")) {
                fail("an assignment without '=' near '" + peekToken() + "'");
            }
            expression();
        } while (accept(","));
    }

    private void target() {
        String w = next();
        if (w.startsWith("@")) {
            if (w.startsWith("@@") && accept(".")) {
                name();
            }
            return;
        }
        String u = upper(w);
        if (!quoted(pos - 1) && Set.of("GLOBAL", "SESSION", "LOCAL").contains(u)) {
            name();
            return;
        }
        if (peek(".")) {
            pos++;
            String field = name();
            row(w, field, true);
            return;
        }
        if (!isName(w)) {
            fail("'" + w + "' cannot be assigned");
        }
        // a bare name is a declared variable, else the server takes it for a system variable
        if (!declared.contains(lower(unquote(w))) && (quoted(pos - 1) || !SYSTEM_VARIABLES.contains(lower(w)))) {
            fail("'" + w + "' is neither a variable the body declares nor a system variable");
        }
    }

    /** A {@code row.field} reference: only NEW and OLD, each only where the event has it. */
    private void row(String row, String field, boolean assigned) {
        String r = upper(row);
        if (quoted(pos - 3) || !r.equals("NEW") && !r.equals("OLD")) {
            if (declared.contains(lower(row))) {
                return; // a ROW variable of the body
            }
            fail("'" + row + "." + field + "': a trigger's rows are NEW and OLD");
        }
        if (r.equals("OLD") && event.equals("INSERT") || r.equals("NEW") && event.equals("DELETE")) {
            fail("an " + event + " trigger has no " + r + " row");
        }
        if (assigned && (r.equals("OLD") || timing.equals("AFTER"))) {
            fail(r + "." + field + " cannot be assigned in " + (r.equals("OLD") ? "a trigger" : "an AFTER trigger"));
        }
        if (columns != null && !columns.contains(lower(field))) {
            fail(r + "." + field + ": the table has no column " + field);
        }
    }

    private void signal(boolean signal) {
        if (accept("SQLSTATE")) {
            accept("VALUE");
            String s = string();
            if (!s.matches("'[0-9A-Z]{5}'")) {
                fail("SQLSTATE " + s + " is no SQLSTATE");
            }
        } else if (signal || !peek("SET") && !peek(";") && pos < t.size()) {
            name();
        }
        if (accept("SET")) {
            do {
                String item = upper(next());
                if (!SIGNAL_ITEMS.contains(item)) {
                    fail("'" + item + "' is no SIGNAL item");
                }
                expect("=");
                expression();
            } while (accept(","));
        }
    }

    private void fetch() {
        if (accept("NEXT")) {
            word("FROM");
        } else {
            accept("FROM");
        }
        name();
        word("INTO");
        do {
            name();
        } while (accept(","));
    }

    /** A data statement, parsed with bare names taken for columns; what follows its grammar is skipped. */
    private void data(Runnable grammar, boolean top) {
        procedural = false;
        try {
            grammar.run();
        } finally {
            procedural = true;
        }
    }

    /**
     * {@code INSERT [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] t [(cols)] VALUES (…), … | SET c = e, … |
     * SELECT …}, then ON DUPLICATE KEY UPDATE or RETURNING, skipped.
     */
    private void insert(boolean top) {
        while (accept("LOW_PRIORITY") || accept("DELAYED") || accept("HIGH_PRIORITY") || accept("IGNORE")) {
            // modifiers
        }
        accept("INTO");
        name();
        if (accept(".")) {
            name();
        }
        if (accept("PARTITION")) {
            expect("(");
            skipBalanced(1);
        }
        if (peek("(") && !(pos + 1 < t.size() && (t.get(pos + 1).equalsIgnoreCase("SELECT")
                || t.get(pos + 1).equalsIgnoreCase("WITH")))) {
            pos++;
            if (!accept(")")) {
                do {
                    name();
                    if (accept(".")) {
                        name();
                    }
                } while (accept(","));
                expect(")");
            }
        }
        if (accept("VALUES") || accept("VALUE")) {
            do {
                expect("(");
                if (!accept(")")) {
                    expressions();
                    expect(")");
                }
            } while (accept(","));
        } else if (accept("SET")) {
            assignments();
        } else if (!peek("SELECT") && !peek("WITH") && !peek("(") && !peek("TABLE")) {
            fail("expected VALUES, SET or SELECT where it says '" + peekToken() + "'");
        }
        skipData(top);
    }

    /** {@code UPDATE [LOW_PRIORITY] [IGNORE] tables SET c = e, … [WHERE e]}, the rest skipped. */
    private void update(boolean top) {
        int depth = 0;
        while (pos < t.size() && !(depth == 0 && peek("SET"))) {
            String x = next();
            depth += x.equals("(") ? 1 : x.equals(")") ? -1 : 0;
            if (depth < 0 || x.equals(";")) {
                fail("an UPDATE without SET");
            }
        }
        word("SET");
        assignments();
        if (accept("WHERE")) {
            expression();
        }
        skipData(top);
    }

    /** {@code c = e, …} of a data statement: a column (maybe qualified) on the left. */
    private void assignments() {
        do {
            name();
            while (accept(".")) {
                name();
            }
            expect("=");
            expression();
        } while (accept(","));
    }

    /** A data statement: skipped to its end, its NEW/OLD references checked. */
    private void skipData(boolean top) {
        int depth = 0;
        while (pos < t.size()) {
            String x = t.get(pos);
            if (depth == 0 && x.equals(";") && !top) {
                return;
            }
            if (x.equals("(")) {
                depth++;
            } else if (x.equals(")") && --depth < 0) {
                fail("a parenthesis closes none");
            } else if (!quoted(pos) && (x.equalsIgnoreCase("NEW") || x.equalsIgnoreCase("OLD"))) {
                if (pos + 2 >= t.size() || !t.get(pos + 1).equals(".")) {
                    fail(x + " is a row, not a value: it needs a column (" + x + ".column)");
                }
                pos += 3;
                String field = t.get(pos - 1);
                row(x, field.startsWith("`") || field.startsWith("\"") ? field.substring(1, field.length() - 1)
                        : field, false);
                continue;
            }
            pos++;
        }
    }

    private void skipBalanced(int depth) {
        while (depth > 0) {
            String x = next();
            if (x.equals("(")) {
                depth++;
            } else if (x.equals(")")) {
                depth--;
            } else if (!quoted(pos - 1) && (x.equalsIgnoreCase("NEW") || x.equalsIgnoreCase("OLD"))
                    && peek(".")) {
                pos++;
                row(x, name(), false);
            }
        }
    }

    // -------------------------------------------------------------------------------------------- expressions

    private void expressions() {
        do {
            expression();
        } while (accept(","));
    }

    private void expression() {
        unary();
        while (pos < t.size()) {
            String x = t.get(pos);
            String u = upper(x);
            if (quoted(pos)) {
                return;
            }
            if (OPERATORS.contains(x)) {
                pos++;
                unary();
            } else if (BINARY_WORDS.contains(u)) {
                postfix(u);
            } else {
                return;
            }
        }
    }

    private void postfix(String u) {
        pos++;
        boolean not = u.equals("NOT");
        if (not) {
            u = upper(next());
        }
        switch (u) {
            case "IS" -> {
                accept("NOT");
                oneOf("NULL", "TRUE", "FALSE", "UNKNOWN");
            }
            case "IN" -> {
                expect("(");
                skipBalanced(1);
            }
            case "BETWEEN" -> {
                unary();
                word("AND");
                unary();
            }
            case "LIKE", "REGEXP", "RLIKE" -> {
                unary();
                if (accept("ESCAPE")) {
                    unary();
                }
            }
            case "SOUNDS" -> {
                word("LIKE");
                unary();
            }
            case "COLLATE" -> name();
            case "MEMBER" -> {
                word("OF");
                expect("(");
                skipBalanced(1);
            }
            default -> {
                if (not) {
                    fail("'NOT " + u + "'");
                }
                unary();
            }
        }
    }

    private void unary() {
        String x = next();
        String u = upper(x);
        boolean q = quoted(pos - 1);
        if (!q && (x.equals("-") || x.equals("+") || x.equals("!") || x.equals("~") || u.equals("NOT")
                || u.equals("BINARY"))) {
            unary();
            return;
        }
        if (x.startsWith("@") || !q && (x.equals("?") || Character.isDigit(x.charAt(0)))) {
            return;
        }
        if (isString(x)) {
            while (pos < t.size() && isString(t.get(pos))) {
                pos++; // adjacent strings are one
            }
            return;
        }
        if (x.equals("(")) {
            if (peek("SELECT") || peek("WITH") || peek("VALUES")) {
                skipBalanced(1);
                return;
            }
            expressions();
            expect(")");
            return;
        }
        if (!q) {
            switch (u) {
                case "NULL", "TRUE", "FALSE", "DEFAULT", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
                     "CURRENT_USER", "LOCALTIME", "LOCALTIMESTAMP", "UTC_TIMESTAMP", "UTC_DATE", "UTC_TIME",
                     "CURRENT_ROLE", "SYSDATE" -> {
                    if (accept("(")) {
                        skipBalanced(1);
                    }
                    return;
                }
                case "CASE" -> {
                    caseExpression();
                    return;
                }
                case "EXISTS" -> {
                    expect("(");
                    skipBalanced(1);
                    return;
                }
                case "INTERVAL" -> {
                    expression();
                    name(); // the unit
                    return;
                }
                case "DATE", "TIME", "TIMESTAMP" -> {
                    if (pos < t.size() && isString(t.get(pos))) {
                        pos++;
                        return;
                    }
                }
                case "NEXT", "PREVIOUS" -> {
                    word("VALUE");
                    word("FOR");
                    name();
                    if (accept(".")) {
                        name();
                    }
                    return;
                }
                default -> {
                    if (u.startsWith("_") && pos < t.size() && isString(t.get(pos))) {
                        pos++; // a character set introducer
                        return;
                    }
                }
            }
        }
        if (!isName(x) && !q) {
            fail("'" + x + "' where a value belongs");
        }
        if (procedural && !peek("(") && !peek(".") && !declared.contains(lower(unquote(x)))
                && !Character.isDigit(x.charAt(0))) {
            // the server checks a procedure's variables when it creates it: "Undeclared variable"
            fail("'" + x + "' is no variable the body declares");
        }
        if (peek("(") && !q) {
            pos++;
            if (SPECIAL_FUNCTIONS.contains(u)) {
                skipBalanced(1);
            } else if (!accept(")")) {
                expressions();
                expect(")");
            }
            return;
        }
        if (peek(".")) {
            pos++;
            String field = name();
            if (peek(".")) {
                pos++;
                name(); // db.table.column: inside a statement the procedure does not check
                return;
            }
            row(x, field, false);
        } else if (!q && (u.equals("NEW") || u.equals("OLD"))) {
            fail(u + " is a row, not a value: it needs a column (" + u + ".column)");
        }
    }

    private void caseExpression() {
        if (!peek("WHEN")) {
            expression();
        }
        word("WHEN");
        do {
            expression();
            word("THEN");
            expression();
        } while (accept("WHEN"));
        if (accept("ELSE")) {
            expression();
        }
        word("END");
    }

    // ------------------------------------------------------------------------------------------------ tokens

    private void tokenize(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' || c == '-' && s.startsWith("--", i) && (i + 2 >= n || Character.isWhitespace(s.charAt(i + 2)))) {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    fail("a comment that is not closed");
                }
                if (s.startsWith("/*!", i) || s.startsWith("/*M!", i)) {
                    fail("a versioned comment, which a trigger's stored text does not hold");
                }
                i = end + 2;
                continue;
            }
            int start = i;
            boolean q = false;
            if (c == '\'' || c == '"' || c == '`') {
                i = closeQuote(s, i, c);
                q = c == '`' || c == '"' && ansiQuotes;
            } else if (c == '@') {
                i++;
                if (i < n && s.charAt(i) == '@') {
                    i++;
                }
                if (i < n && (s.charAt(i) == '\'' || s.charAt(i) == '"' || s.charAt(i) == '`')) {
                    i = closeQuote(s, i, s.charAt(i));
                } else {
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || "_$.".indexOf(s.charAt(i)) >= 0)) {
                        i++;
                    }
                }
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7F) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$'
                        || s.charAt(i) > 0x7F || Character.isDigit(c) && s.charAt(i) == '.')) {
                    i++;
                }
            } else {
                String three = i + 3 <= n ? s.substring(i, i + 3) : "";
                String two = i + 2 <= n ? s.substring(i, i + 2) : "";
                i += three.equals("<=>") || three.equals("->>") ? 3 : OPERATORS.contains(two) ? 2 : 1;
            }
            t.add(s.substring(start, i));
            quoted.add(q);
        }
    }

    private int closeQuote(String s, int i, char c) {
        int start = i;
        i++;
        while (i < s.length()) {
            char d = s.charAt(i);
            if (d == '\\' && c != '`' && backslashEscapes) {
                i += 2;
            } else if (d == c && i + 1 < s.length() && s.charAt(i + 1) == c) {
                i += 2;
            } else if (d == c) {
                return i + 1;
            } else {
                i++;
            }
        }
        fail("the quote at character " + start + " is not closed");
        return i;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private boolean quoted(int i) {
        return i >= 0 && i < quoted.size() && quoted.get(i);
    }

    private boolean isString(String x) {
        return x.startsWith("'") || x.startsWith("\"") && !ansiQuotes;
    }

    private static boolean isName(String x) {
        char c = x.charAt(0);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '`' || c > 0x7F || c == '"';
    }

    private static String unquote(String x) {
        return x.startsWith("`") || x.startsWith("\"") ? x.substring(1, x.length() - 1) : x;
    }

    private String name() {
        String x = next();
        if (!isName(x) || isString(x) && !ansiQuotes) {
            fail("'" + x + "' where a name belongs");
        }
        return x.startsWith("`") || x.startsWith("\"") ? x.substring(1, x.length() - 1) : x;
    }

    private String string() {
        String x = next();
        if (!isString(x)) {
            fail("'" + x + "' where a quoted string belongs");
        }
        return x;
    }

    private String next() {
        if (pos >= t.size()) {
            fail("the statement ends too early");
        }
        return t.get(pos++);
    }

    private String peekToken() {
        return pos < t.size() ? t.get(pos) : "";
    }

    private boolean peek(String w) {
        return pos < t.size() && !quoted(pos) && t.get(pos).equalsIgnoreCase(w);
    }

    private boolean accept(String w) {
        if (peek(w)) {
            pos++;
            return true;
        }
        return false;
    }

    private void word(String w) {
        if (!accept(w)) {
            fail("expected " + w + (pos < t.size() ? " where it says '" + t.get(pos) + "'" : " at the end"));
        }
    }

    private void expect(String w) {
        word(w);
    }

    private void oneOf(String... words) {
        for (String w : words) {
            if (accept(w)) {
                return;
            }
        }
        fail("expected " + String.join(" or ", words) + " where it says '" + peekToken() + "'");
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static void fail(String why) {
        throw new IllegalStateException(why);
    }
}
