package io.dbrecover.influx.shard;

/**
 * Splits raw TSM keys ({@code measurement,tag=value#!~#field}; one char per byte). The series part is escaped as in
 * line protocol (a backslash before a comma, space or equals sign in the measurement, tag keys and tag values); the
 * field after {@code #!~#} is not escaped.
 */
public final class SeriesKeys {
    /** The separator between the series key and the field. */
    public static final String FIELD_SEPARATOR = "#!~#";

    private SeriesKeys() {
    }

    /** Where the field separator starts, or -1. */
    public static int separator(String rawKey) {
        return rawKey.indexOf(FIELD_SEPARATOR);
    }

    /** The series part of a key (escaped); the whole key when it has no field. */
    public static String series(String rawKey) {
        int at = separator(rawKey);
        return at < 0 ? rawKey : rawKey.substring(0, at);
    }

    /** The field of a key (raw, unescaped); empty when it has none. */
    public static String field(String rawKey) {
        int at = separator(rawKey);
        return at < 0 ? "" : rawKey.substring(at + FIELD_SEPARATOR.length());
    }

    /** The measurement of a series key, still escaped: up to its first comma not preceded by a backslash. */
    public static String escapedMeasurement(String series) {
        for (int i = 0; i < series.length(); i++) {
            char c = series.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                return series.substring(0, i);
            }
        }
        return series;
    }

    /** Removes line protocol's escapes (a backslash before a comma, space, equals sign or double quote). */
    public static String unescape(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder b = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length() && ",= \"".indexOf(escaped.charAt(i + 1)) >= 0) {
                c = escaped.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A raw string (one char per byte) as the text its bytes encode in UTF-8. */
    public static String text(String raw) {
        return ShardReader.printable(raw);
    }
}
