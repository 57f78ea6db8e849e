package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.WordLists;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements of a stored program's body as the server parses them (MariaDB's SQL/PSM: BEGIN…END, DECLARE, SET,
 * IF, CASE, loops, SIGNAL, FETCH, CALL), strict in their structure and their first words, lenient inside data
 * statements (INSERT, UPDATE, DELETE, SELECT…), which are followed only as far as their grammar is plain and then
 * skipped to their end. Rows ({@code NEW.x}) and bare names are left to the program that uses it.
 */
abstract class PsmStatements extends SqlExpressions {
    static final Set<String> STATEMENTS = Set.of("SET", "IF", "CASE", "WHILE", "REPEAT", "LOOP", "BEGIN",
            "SIGNAL", "RESIGNAL", "LEAVE", "ITERATE", "OPEN", "CLOSE", "FETCH", "CALL", "DO", "INSERT", "REPLACE",
            "UPDATE", "DELETE", "SELECT", "WITH", "VALUES", "GET");
    static final Set<String> DML = Set.of("INSERT", "REPLACE", "UPDATE", "DELETE", "SELECT", "WITH", "VALUES",
            "GET");
    static final Set<String> SIGNAL_ITEMS = Set.of("CLASS_ORIGIN", "SUBCLASS_ORIGIN", "MESSAGE_TEXT",
            "MYSQL_ERRNO", "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "CATALOG_NAME", "SCHEMA_NAME",
            "TABLE_NAME", "COLUMN_NAME", "CURSOR_NAME");
    static final Set<String> TYPES = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT",
            "INT1", "INT2", "INT3", "INT4", "INT8", "MIDDLEINT", "DECIMAL", "DEC", "NUMERIC", "FIXED", "FLOAT",
                    "DOUBLE",
            "REAL", "BIT", "BOOL", "BOOLEAN", "SERIAL", "CHAR", "CHARACTER", "NCHAR", "NATIONAL", "VARCHAR",
            "VARCHAR2", "NVARCHAR", "VARCHARACTER", "BINARY", "VARBINARY", "TINYTEXT", "TEXT", "MEDIUMTEXT",
            "LONGTEXT", "LONG", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "ENUM", "SET", "DATE", "TIME",
            "DATETIME", "TIMESTAMP", "YEAR", "JSON", "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "INET4", "INET6", "UUID", "ROW", "TYPE", "CLOB",
            "RAW", "NUMBER");
    /** MariaDB 10.11's system variables, which a body may SET by their bare names. */
    static final Set<String> SYSTEM_VARIABLES = WordLists.load("/io/dbrecover/mysql/system-variables.txt");
    /** The variables the body declared so far. */
    final Set<String> declared = new HashSet<>();
    /** In the procedure's own statements a bare name is a variable, which must be declared; in data statements it
     * may be a column. */
    boolean procedural = true;

    PsmStatements(boolean ansiQuotes) {
        super(ansiQuotes);
    }

    // --------------------------------------------------------------------------------------------- statements

    /** One statement; {@code top}: the whole body, which is not followed by a {@code ;}. */
    void statement(boolean top) {
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

    void block() {
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
    void statements(String... ends) {
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

    void ifStatement() {
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

    void caseStatement() {
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

    void optionalLabel() {
        if (pos < t.size() && isName(t.get(pos)) && !peek("END") && !peek(";")) {
            pos++;
        }
    }

    void declare() {
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

    void condition() {
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
    void type() {
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

    void set() {
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

    void target() {
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

    void signal(boolean signal) {
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

    void fetch() {
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
    void data(Runnable grammar, boolean top) {
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
    void insert(boolean top) {
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
    void update(boolean top) {
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
    void assignments() {
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
    void skipData(boolean top) {
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
}
