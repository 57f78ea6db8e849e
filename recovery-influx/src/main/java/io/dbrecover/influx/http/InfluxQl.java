package io.dbrecover.influx.http;

/** Quoting for InfluxQL statements and line protocol, so that names from recovered data cannot break a query. */
public final class InfluxQl {
    private InfluxQl() {
    }

    /** An identifier (database, measurement, field) in double quotes, with quotes and backslashes escaped. */
    public static String identifier(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** A measurement name in line protocol: commas and spaces escaped. */
    public static String lineMeasurement(String name) {
        return escape(name, ", ");
    }

    /** A tag key, tag value or field key in line protocol: commas, equals signs and spaces escaped. */
    public static String lineKey(String key) {
        return escape(key, ",= ");
    }

    /** A string field value in line protocol: in double quotes, with quotes and backslashes escaped. */
    public static String lineString(String value) {
        return identifier(value);
    }

    private static String escape(String s, String special) {
        StringBuilder sb = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("line protocol names cannot hold line breaks: " + s);
            }
            if (special.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
