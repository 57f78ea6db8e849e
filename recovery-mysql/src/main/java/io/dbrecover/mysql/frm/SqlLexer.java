package io.dbrecover.mysql.frm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens of a SQL text as the server's lexer sees them (words, numbers, quoted strings and names, operators;
 * comments skipped), and the small steps of a hand-written parser over them. Grammar errors are
 * {@link IllegalStateException}s with a sentence for people; the readers turn them into typed errors.
 */
abstract class SqlLexer {
    static final Set<String> OPERATORS = Set.of("+", "-", "*", "/", "%", "=", "<=>", "<>", "!=", "<", "<=",
            ">", ">=", "&&", "||", "&", "|", "^", "<<", ">>", ":=", "->", "->>");

    /** The tokens: words, numbers, quoted strings and names (with their quotes), operators. */
    final List<String> t = new ArrayList<>();
    /** Whether each token is a quoted name ({@code `x`}, or {@code "x"} under ANSI_QUOTES). */
    final List<Boolean> quoted = new ArrayList<>();
    final boolean ansiQuotes;
    boolean backslashEscapes = true;
    int pos;

    SqlLexer(boolean ansiQuotes) {
        this.ansiQuotes = ansiQuotes;
    }
    void tokenize(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' || c == '-' && s.startsWith("--", i)
                    && (i + 2 >= n || Character.isWhitespace(s.charAt(i + 2)))) {
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
    int closeQuote(String s, int i, char c) {
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
    boolean quoted(int i) {
        return i >= 0 && i < quoted.size() && quoted.get(i);
    }
    boolean isString(String x) {
        return x.startsWith("'") || x.startsWith("\"") && !ansiQuotes;
    }
    static boolean isName(String x) {
        char c = x.charAt(0);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '`' || c > 0x7F || c == '"';
    }
    static String unquote(String x) {
        return x.startsWith("`") || x.startsWith("\"") ? x.substring(1, x.length() - 1) : x;
    }
    String name() {
        String x = next();
        if (!isName(x) || isString(x) && !ansiQuotes) {
            fail("'" + x + "' where a name belongs");
        }
        return x.startsWith("`") || x.startsWith("\"") ? x.substring(1, x.length() - 1) : x;
    }
    String string() {
        String x = next();
        if (!isString(x)) {
            fail("'" + x + "' where a quoted string belongs");
        }
        return x;
    }
    String next() {
        if (pos >= t.size()) {
            fail("the statement ends too early");
        }
        return t.get(pos++);
    }
    String peekToken() {
        return pos < t.size() ? t.get(pos) : "";
    }
    boolean peek(String w) {
        return pos < t.size() && !quoted(pos) && t.get(pos).equalsIgnoreCase(w);
    }
    boolean accept(String w) {
        if (peek(w)) {
            pos++;
            return true;
        }
        return false;
    }
    void word(String w) {
        if (!accept(w)) {
            fail("expected " + w + (pos < t.size() ? " where it says '" + t.get(pos) + "'" : " at the end"));
        }
    }
    void expect(String w) {
        word(w);
    }
    void oneOf(String... words) {
        for (String w : words) {
            if (accept(w)) {
                return;
            }
        }
        fail("expected " + String.join(" or ", words) + " where it says '" + peekToken() + "'");
    }
    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
    static void fail(String why) {
        throw new IllegalStateException(why);
    }
}
