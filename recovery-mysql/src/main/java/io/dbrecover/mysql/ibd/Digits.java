package io.dbrecover.mysql.ibd;

/**
 * Zero-padded decimal digits without {@link String#format}, which parses its pattern on every call: the row
 * decoder formats millions of dates, times and DECIMALs while it compares a table.
 */
final class Digits {
    private Digits() {
    }

    /** Appends {@code value} (≥ 0) with at least {@code width} digits, zero-padded on the left. */
    static StringBuilder pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /** {@code value} (≥ 0) with at least {@code width} digits. */
    static String pad(long value, int width) {
        return pad(new StringBuilder(width), value, width).toString();
    }
}
