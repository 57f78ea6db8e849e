package io.dbrecover.core.report;

/**
 * Text for people, made safe for a terminal. Names, messages and paths often come from the files being recovered,
 * and a damaged or hostile file can hold control characters: {@code ESC ] 2 ; … BEL} retitles a terminal,
 * {@code ESC [ 2 J} clears it, a bidirectional override reorders what is shown. Every string a person sees on
 * stderr or in a text report goes through here; JSON output does not (Jackson escapes control characters itself,
 * and machines need the exact text).
 *
 * <p>Control characters become visible escapes: C0 controls and DEL as {@code \x1B}, C1 controls (0x80–0x9F, which
 * some terminals take for CSI and friends) as {@code \x9B}, bidirectional and line/paragraph separators as
 * {@code \u202E}. A backslash itself is left alone, so an escape in the output may also be literal text of the
 * file: JSON has the exact value.
 */
public final class TerminalText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TerminalText() {
    }

    /** The text with every control character escaped except line breaks ({@code \n}) and tabs. */
    public static String escape(String s) {
        return escape(s, true);
    }

    /**
     * The text as one line: every control character escaped, line breaks and tabs too ({@code \n}, {@code \r},
     * {@code \t}). For values put on a line of their own making, such as a file name in a SQL comment, where a line
     * break would end the comment.
     */
    public static String escapeLine(String s) {
        return escape(s, false);
    }

    /** Whether the text holds a character {@link #escape} would change. */
    public static boolean hasControl(String s, boolean allowLineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            if (unsafe(s.charAt(i), allowLineBreaks)) {
                return true;
            }
        }
        return false;
    }

    private static String escape(String s, boolean keepLineBreaks) {
        if (s == null) {
            return null;
        }
        if (!hasControl(s, keepLineBreaks)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c, keepLineBreaks)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x100) {
                sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                sb.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                        .append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    private static boolean unsafe(char c, boolean allowLineBreaks) {
        if (c == '\n' || c == '\t') {
            return !allowLineBreaks;
        }
        return c < 0x20 || c >= 0x7F && c <= 0x9F
                // bidirectional embeddings, overrides and isolates; line and paragraph separators
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x2028 || c == 0x2029
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
