package io.dbrecover.mysql.frm;

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
final class TriggerStatement extends PsmStatements {

    private final String event;
    private final String timing;
    private final Set<String> columns;

    /** The definer of the head, {@code user@host} unquoted, or {@code null} when it names none (or CURRENT_USER). */
    private String definer;

    private TriggerStatement(boolean ansiQuotes, String timing, String event, Set<String> columns) {
        super(ansiQuotes);
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

    /** A {@code row.field} reference: only NEW and OLD, each only where the event has it. */
    @Override
    void value(String name, boolean quotedName) {
        if (procedural && !declared.contains(lower(unquote(name)))) {
            // the server checks a procedure's variables when it creates it: "Undeclared variable"
            fail("'" + name + "' is no variable the body declares");
        }
    }

    @Override
    void row(String row, String field, boolean assigned) {
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
}
