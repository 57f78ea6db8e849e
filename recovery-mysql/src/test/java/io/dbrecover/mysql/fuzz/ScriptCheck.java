package io.dbrecover.mysql.fuzz;

/**
 * Finds raw control bytes in a SQL script outside the string literals that carry values on purpose: in comments,
 * identifiers and plain SQL text they would reach a terminal that shows the script, or end a comment early. Inside
 * {@code '…'} and {@code "…"} a value is written as it is (MariaDB has no escape for ESC in a literal).
 */
final class ScriptCheck {
    private ScriptCheck() {
    }

    /** The first control character outside string literals (tab and line breaks allowed), or {@code null}. */
    static String rawControl(String script) {
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            int end = i + 1;
            if (c == '\'' || c == '"') {
                i = skipString(script, i, c);
                continue;
            }
            if (c == '`') {
                // an identifier: checked, its quotes doubled
                end = script.indexOf('`', i + 1);
                while (end > 0 && end + 1 < n && script.charAt(end + 1) == '`') {
                    end = script.indexOf('`', end + 2);
                }
                end = end < 0 ? n : end + 1;
            } else if (c == '-' && script.startsWith("-- ", i) || c == '#') {
                end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && script.startsWith("/*", i) && !script.startsWith("/*!", i)
                    && !script.startsWith("/*M!", i)) {
                end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            }
            for (int k = i; k < end; k++) {
                if (control(script.charAt(k))) {
                    return where(script, k);
                }
            }
            i = end;
        }
        return null;
    }

    private static String where(String script, int i) {
        int from = Math.max(0, script.lastIndexOf('\n', i) + 1);
        int to = script.indexOf('\n', i);
        return String.format("U+%04X at %d in the line: %s", (int) script.charAt(i), i,
                script.substring(from, to < 0 ? script.length() : to).replaceAll("[\\p{Cntrl}\u0080-\u009f]", "?"));
    }

    private static int skipString(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char d = s.charAt(i);
            if (d == '\\') {
                i += 2;
            } else if (d == quote && i + 1 < s.length() && s.charAt(i + 1) == quote) {
                i += 2;
            } else if (d == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static boolean control(char c) {
        return c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c >= 0x7F && c <= 0x9F
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }
}
