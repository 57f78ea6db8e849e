package io.dbrecover.mysql.frm;

import java.util.Set;

/**
 * SQL expressions as the server parses them (operands, operators, IS/IN/BETWEEN/LIKE, CASE, calls), over
 * {@link SqlLexer}'s tokens. What an expression names is left to the grammar that uses it: {@link #row} for a
 * {@code row.field} reference, {@link #value} for a bare name.
 */
abstract class SqlExpressions extends SqlLexer {
    static final Set<String> BINARY_WORDS = Set.of("AND", "OR", "XOR", "DIV", "MOD", "LIKE", "REGEXP",
            "RLIKE", "IS", "IN", "BETWEEN", "NOT", "SOUNDS", "COLLATE", "MEMBER", "ESCAPE");
    /** Functions whose argument lists have a syntax of their own: their arguments are skipped, not parsed. */
    static final Set<String> SPECIAL_FUNCTIONS = Set.of("CAST", "CONVERT", "EXTRACT", "TRIM", "POSITION",
            "SUBSTRING", "SUBSTR", "MID", "GROUP_CONCAT", "COUNT", "SUM", "AVG", "MIN", "MAX", "DATE_ADD", "DATE_SUB",
            "ADDDATE", "SUBDATE", "TIMESTAMPADD", "TIMESTAMPDIFF", "CHAR", "WEIGHT_STRING", "MATCH", "JSON_TABLE",
            "GET_FORMAT", "STD", "STDDEV", "VARIANCE", "BIT_AND", "BIT_OR", "BIT_XOR", "JSON_ARRAYAGG",
            "JSON_OBJECTAGG", "CURSOR", "COLUMN_CREATE", "COLUMN_GET", "COLUMN_ADD", "LAG", "LEAD", "ROW_NUMBER",
            "RANK", "DENSE_RANK", "NTILE", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE", "PERCENT_RANK", "CUME_DIST",
            "LISTAGG", "XMLAGG", "DECODE", "DECODE_ORACLE", "JSON_VALUE", "JSON_QUERY", "REGEXP_REPLACE");

    SqlExpressions(boolean ansiQuotes) {
        super(ansiQuotes);
    }

    /** A {@code row.field} reference met in an expression ({@code assigned}: the target of an assignment). */
    abstract void row(String row, String field, boolean assigned);

    /** A bare name met where a value belongs ({@code quoted}: written as a quoted name). */
    abstract void value(String name, boolean quoted);
    void expressions() {
        do {
            expression();
        } while (accept(","));
    }
    void expression() {
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
    void postfix(String u) {
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
    void unary() {
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
        if (!peek("(") && !peek(".") && !Character.isDigit(x.charAt(0))) {
            value(x, q);
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
    void caseExpression() {
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
    void skipBalanced(int depth) {
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
}
