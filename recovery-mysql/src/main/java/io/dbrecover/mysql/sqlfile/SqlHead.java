package io.dbrecover.mysql.sqlfile;

import io.dbrecover.mysql.sqlfile.SqlScript.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first tokens of one statement, fed by {@link SqlScript} while it reads: decides as early as possible whether
 * the statement is kept (and which {@link Kind}) or skipped (and under which label), and for kept statements which
 * database and table they name. Tokens inside executable comments count, as the server reads them.
 */
final class SqlHead {
    /** Longest name or word kept as a token; longer ones are cut (they only serve to classify and name). */
    static final int MAX_TOKEN = 256;
    /** Enough for {@code CREATE OR REPLACE DEFINER=`u`@`h` SQL SECURITY INVOKER VIEW …} and for naming. */
    private static final int MAX_TOKENS = 40;
    private static final Set<String> OBJECTS = Set.of("VIEW", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT",
            "SEQUENCE", "USER", "ROLE", "SERVER", "TABLESPACE", "PACKAGE", "LOGFILE");
    private static final Map<String, Kind> ALTERED = Map.of("TABLE", Kind.ALTER_TABLE,
            "DATABASE", Kind.ALTER_DATABASE, "SCHEMA", Kind.ALTER_DATABASE);
    private static final Map<String, Kind> DROPPED = Map.of("TABLE", Kind.DROP_TABLE, "TABLES", Kind.DROP_TABLE,
            "DATABASE", Kind.DROP_DATABASE, "SCHEMA", Kind.DROP_DATABASE, "INDEX", Kind.DROP_INDEX);
    private static final Map<String, Kind> RENAMED = Map.of("TABLE", Kind.RENAME_TABLE, "TABLES", Kind.RENAME_TABLE);

    private enum Type { WORD, NAME, STRING, PUNCTUATION }

    private record Token(Type type, String text) {
        String upper() {
            return type == Type.WORD ? text.toUpperCase(Locale.ROOT) : "";
        }

        boolean identifier() {
            return type == Type.WORD || type == Type.NAME;
        }
    }

    private final List<Token> tokens = new ArrayList<>();
    private boolean ended;
    private boolean decided;
    private Kind kind;
    private String label;
    private String database;
    private String table;
    private boolean named;

    static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c >= 0x80;
    }

    /**
     * Whether more tokens are of use: not once a statement is known to be skipped (its rows cost no allocation
     * then) nor once a kept one's head is full.
     */
    boolean wantsTokens() {
        return !decided || kind != null && tokens.size() < MAX_TOKENS;
    }

    /** A finished unquoted word (the builder is emptied); nothing when it is empty. */
    void word(StringBuilder w) {
        if (w.length() > 0) {
            if (wantsTokens()) {
                add(Type.WORD, w.toString());
            }
            w.setLength(0);
        }
    }

    /** A quoted string ({@code '}) or name ({@code `}, and {@code "} as under ANSI_QUOTES) with its content. */
    void quoted(char quote, String content) {
        add(quote == '\'' ? Type.STRING : Type.NAME, content);
    }

    void punctuation(char c) {
        if (c > ' ' && wantsTokens()) {
            add(Type.PUNCTUATION, String.valueOf(c));
        }
    }

    /** The statement has ended: decide with what is there. */
    void end() {
        ended = true;
        if (!decided) {
            classify();
        }
    }

    boolean decided() {
        return decided;
    }

    boolean kept() {
        return decided && kind != null;
    }

    Kind kind() {
        return kind;
    }

    /** What a skipped statement is counted as, e.g. {@code INSERT}, {@code CREATE VIEW}; null for an empty one. */
    String label() {
        return label;
    }

    /** The database a kept statement names, or null; call once the statement has ended. */
    String database() {
        name();
        return database;
    }

    /** The table a kept statement names, or null; call once the statement has ended. */
    String table() {
        name();
        return table;
    }

    private void add(Type type, String text) {
        if (!wantsTokens()) {
            return;
        }
        if (tokens.size() < MAX_TOKENS) {
            tokens.add(new Token(type, text));
        }
        if (!decided) {
            classify();
        }
    }

    private void classify() {
        boolean complete = ended || tokens.size() >= MAX_TOKENS;
        if (tokens.isEmpty()) {
            if (complete) {
                skip(null);
            }
            return;
        }
        Token first = tokens.get(0);
        if (first.type() != Type.WORD) {
            skip("OTHER");
            return;
        }
        String verb = first.upper();
        switch (verb) {
            case "USE" -> keep(Kind.USE);
            case "SET" -> keep(Kind.SET);
            case "CREATE" -> create(complete);
            case "ALTER" -> objectAfter(complete, verb, ALTERED, Set.of("ONLINE", "IGNORE"));
            case "DROP" -> objectAfter(complete, verb, DROPPED, Set.of());
            case "RENAME" -> objectAfter(complete, verb, RENAMED, Set.of());
            case "LOCK", "UNLOCK" -> skip("LOCK TABLES");
            default -> skip(verb);
        }
    }

    /** CREATE: the object word comes after OR REPLACE, ALGORITHM=…, DEFINER=…, SQL SECURITY…, UNIQUE… */
    private void create(boolean complete) {
        boolean temporary = false;
        for (int i = 1; i < tokens.size(); i++) {
            String w = tokens.get(i).upper();
            switch (w) {
                case "TEMPORARY" -> temporary = true;
                case "TABLE" -> {
                    if (temporary) {
                        skip("CREATE TEMPORARY TABLE");
                    } else {
                        keep(Kind.CREATE_TABLE);
                    }
                    return;
                }
                case "DATABASE", "SCHEMA" -> {
                    keep(Kind.CREATE_DATABASE);
                    return;
                }
                case "INDEX" -> {
                    keep(Kind.CREATE_INDEX);
                    return;
                }
                default -> {
                    if (OBJECTS.contains(w)) {
                        skip("CREATE " + w);
                        return;
                    }
                }
            }
        }
        if (complete) {
            skip("CREATE");
        }
    }

    private void objectAfter(boolean complete, String verb, Map<String, Kind> kept, Set<String> fillers) {
        for (int i = 1; i < tokens.size(); i++) {
            String w = tokens.get(i).upper();
            if (fillers.contains(w)) {
                continue;
            }
            Kind k = kept.get(w);
            if (k != null) {
                keep(k);
            } else {
                skip(w.isEmpty() ? verb : verb + " " + w);
            }
            return;
        }
        if (complete) {
            skip(verb);
        }
    }

    private void keep(Kind k) {
        decided = true;
        kind = k;
    }

    private void skip(String what) {
        decided = true;
        label = what;
    }

    /** Finds the database and table a kept statement names, from its head. */
    private void name() {
        if (named || kind == null) {
            return;
        }
        named = true;
        switch (kind) {
            case USE -> database = identifier(1);
            case CREATE_DATABASE, ALTER_DATABASE, DROP_DATABASE -> {
                int at = skipWords(after("DATABASE", "SCHEMA"), "IF", "NOT", "EXISTS");
                database = identifier(at);
            }
            case CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE ->
                    qualified(skipWords(after("TABLE", "TABLES"), "IF", "NOT", "EXISTS"));
            case CREATE_INDEX, DROP_INDEX -> qualified(after("ON"));
            default -> {
                // SET names nothing
            }
        }
    }

    /** A name, or a database-qualified one ({@code d.t}). */
    private void qualified(int at) {
        String first = identifier(at);
        if (first == null) {
            return;
        }
        if (at + 2 < tokens.size() && tokens.get(at + 1).text().equals(".")
                && tokens.get(at + 1).type() == Type.PUNCTUATION && tokens.get(at + 2).identifier()) {
            database = first;
            table = tokens.get(at + 2).text();
        } else {
            table = first;
        }
    }

    private String identifier(int at) {
        return at >= 0 && at < tokens.size() && tokens.get(at).identifier() ? tokens.get(at).text() : null;
    }

    /** The index after the first of these words, or -1. */
    private int after(String... words) {
        for (int i = 1; i < tokens.size(); i++) {
            for (String w : words) {
                if (tokens.get(i).upper().equals(w)) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private int skipWords(int at, String... words) {
        if (at < 0) {
            return at;
        }
        int i = at;
        while (i < tokens.size() && List.of(words).contains(tokens.get(i).upper())) {
            i++;
        }
        return i;
    }
}
