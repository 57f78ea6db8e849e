package io.dbrecover.mysql.ddl;

/**
 * Expressions (generated columns, defaults, CHECK) as MySQL prints them (docs/formats/frm.md §22.3, §22.4): the
 * text is MariaDB's or the SDI's, not re-parsed; only MySQL's parentheses and, from 8.0, its character set
 * introducers are added.
 */
final class MySqlExpressions {
    private MySqlExpressions() {
    }

    /**
     * An expression as MySQL prints it inside its own parentheses: an operator on top gets one more pair
     * ({@code ((`a` + 1))}), a function call, column or literal none; text already wrapped (as MySQL 8's
     * dictionary keeps it) is left as it is.
     */
    static String printed(String e, MySqlRules rules) {
        String s = e.strip();
        s = ExpressionShape.isSimple(s) || wrapped(s) ? s : "(" + s + ")";
        return rules.eight() ? introduced(s) : s;
    }

    /**
     * MySQL 8 prints each string literal of an expression with the character set it was read in: a script run
     * under {@code SET NAMES utf8mb4} gives {@code _utf8mb4'x'}. Literals that already carry an introducer (or are
     * typed, {@code DATE'…'}) are left as they are; 5.7 printed none.
     */
    static String introduced(String e) {
        StringBuilder out = new StringBuilder(e.length() + 16);
        int i = 0;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '`' || c == '\'' || c == '"') {
                int end = i + 1;
                while (end < e.length()) {
                    char d = e.charAt(end);
                    if (d == '\\' && c != '`') {
                        end += 2;
                    } else if (d == c && end + 1 < e.length() && e.charAt(end + 1) == c) {
                        end += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        end++;
                    }
                }
                end = Math.min(end + 1, e.length());
                boolean bare = i == 0 || !(Character.isLetterOrDigit(e.charAt(i - 1)) || e.charAt(i - 1) == '_');
                if (c == '\'' && bare) {
                    out.append("_utf8mb4");
                }
                out.append(e, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whether the whole text is one parenthesised group, {@code (`a` > 0)} but not {@code (a) + (b)}. */
    private static boolean wrapped(String s) {
        if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')') {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '`' || c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' && c != '`' ? 2 : 1;
                }
                i = j;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0 && i < s.length() - 1) {
                return false;
            }
        }
        return depth == 0;
    }
}
