package io.dbrecover.mysql.ddl;

/**
 * Decides whether MariaDB prints a DEFAULT expression bare or in parentheses: bare for a single literal, column
 * or function call ({@code curdate()}, {@code `a`}, {@code 'x'}, {@code 0xcafe}, {@code _latin1'x'}), parenthesised
 * when an operator is on top
 * ({@code 1 + 1}, {@code -`a`}, {@code `a` is null}).
 */
final class ExpressionShape {
    private ExpressionShape() {
    }

    static boolean isSimple(String e) {
        if (e.isEmpty()) {
            return false;
        }
        char first = e.charAt(0);
        if (first == '\'' || first == '`') {
            int end = closing(e, 0, first);
            return end == e.length() - 1;
        }
        if (e.matches("[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            return true;
        }
        // hex and bit literals (0xcafe, X'cafe', 0b01, b'01') are single literals too
        if (e.matches("0x[0-9A-Fa-f]+|[xX]'[0-9A-Fa-f]*'|0b[01]+|[bB]'[01]*'")) {
            return true;
        }
        if (e.matches("_[a-z0-9]+'.*")) {
            // a string with a character-set introducer: _latin1'x'
            int end = closing(e, e.indexOf('\''), '\'');
            return end == e.length() - 1;
        }
        int i = 0;
        while (i < e.length() && (Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '_')) {
            i++;
        }
        if (i == 0 || i >= e.length() || e.charAt(i) != '(') {
            return false;
        }
        int depth = 0;
        for (int p = i; p < e.length(); p++) {
            char c = e.charAt(p);
            if (c == '\'' || c == '`' || c == '"') {
                p = closing(e, p, c);
                if (p < 0) {
                    return false;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return p == e.length() - 1;
                }
            }
        }
        return false;
    }

    /** Index of the quote closing the one at {@code start} (doubled quotes and backslashes skipped), or -1. */
    private static int closing(String e, int start, char q) {
        for (int p = start + 1; p < e.length(); p++) {
            char c = e.charAt(p);
            if (c == '\\' && q != '`') {
                p++;
            } else if (c == q) {
                if (p + 1 < e.length() && e.charAt(p + 1) == q) {
                    p++;
                } else {
                    return p;
                }
            }
        }
        return -1;
    }
}
