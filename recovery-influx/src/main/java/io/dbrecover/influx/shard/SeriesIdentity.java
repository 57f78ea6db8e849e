package io.dbrecover.influx.shard;

import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a series in one canonical text, the same whether it comes from a file's escaped series key
 * ({@code cpu,host=a\ b}) or from a server's answer (measurement and tags, unescaped): the measurement and the tags
 * sorted by key, each unescaped and then escaped again for display with a backslash before a backslash, a comma and a
 * space (and an equals sign in tags), so that two different series never read the same.
 *
 * <p>Unescaping follows influxd 1.x ({@code models.unescapeMeasurement}, {@code unescapeTag}): in the measurement
 * {@code \,} and {@code \ }; in tag keys and values also {@code \=}. Any other backslash is part of the name.
 */
public final class SeriesIdentity {
    private SeriesIdentity() {
    }

    /** The identity of a file's series key (escaped, one char per byte as {@link KeyVisitor} gives it). */
    public static String ofKey(String escapedSeries) {
        String text = SeriesKeys.text(escapedSeries);
        int end = next(text, 0, ',');
        String measurement = unescape(text.substring(0, end), ", ");
        Map<String, String> tags = new TreeMap<>();
        int at = end;
        while (at < text.length()) {
            int from = at + 1;
            int to = next(text, from, ',');
            String pair = text.substring(from, to);
            int eq = next(pair, 0, '=');
            tags.put(unescape(pair.substring(0, eq), ", ="), eq < pair.length()
                    ? unescape(pair.substring(eq + 1), ", =") : "");
            at = to;
        }
        return of(measurement, tags);
    }

    /** The identity of a series as a server names it: its measurement and its (unescaped) tags. */
    public static String of(String measurement, Map<String, String> tags) {
        StringBuilder b = new StringBuilder();
        escape(b, measurement, ", ");
        for (Map.Entry<String, String> t : new TreeMap<>(tags).entrySet()) {
            b.append(',');
            escape(b, t.getKey(), ", =");
            b.append('=');
            escape(b, t.getValue(), ", =");
        }
        return b.toString();
    }

    /** Removes a backslash before any of {@code special}, as influxd does. */
    static String unescape(String s, String special) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && special.indexOf(s.charAt(i + 1)) >= 0) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    private static void escape(StringBuilder b, String s, String special) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || special.indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
    }

    /** The index of the first {@code sep} at or after {@code from} not escaped by a backslash, else the length. */
    private static int next(String s, int from, char sep) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == sep) {
                return i;
            }
        }
        return s.length();
    }
}
