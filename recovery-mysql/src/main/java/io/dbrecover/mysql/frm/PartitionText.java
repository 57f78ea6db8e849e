package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.Identifiers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the partition clause as the server stores it in the .frm into the form SHOW CREATE TABLE prints: string
 * values of COLUMNS partitioning are stored as {@code _latin1 0x61} and shown as {@code 'a'}; the STARTS of a
 * SYSTEM_TIME interval is stored as epoch seconds and shown as {@code TIMESTAMP'2024-01-01 00:00:00'} (written
 * here in UTC, the only zone a file without its server can name).
 */
final class PartitionText {
    private static final Pattern INTRODUCED_HEX = Pattern.compile("_([a-z0-9]+) 0x([0-9A-Fa-f]*)");
    private static final Pattern STARTS = Pattern.compile("(SYSTEM_TIME INTERVAL .+? STARTS )(\\d{1,12})");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Words followed directly by {@code (} that are syntax, not functions. */
    private static final Set<String> KEYWORDS = Set.of("COLUMNS", "KEY", "HASH", "RANGE", "LIST",
            "IN", "THAN", "VALUES", "ALGORITHM");

    /** {@code ENGINE = name} in a partition clause, outside quoted strings (which are taken out first). */
    private static final Pattern ENGINE = Pattern.compile("(?i)\\bENGINE\\s*=\\s*`?([A-Za-z0-9_]*)");
    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.|'')*'");

    private PartitionText() {
    }

    /** Fails unless every {@code ENGINE = x} of a stored partition clause names an engine some server had. */
    static void checkEngines(FrmBytes b, long offset, String clause) {
        Matcher m = ENGINE.matcher(QUOTED.matcher(clause).replaceAll("''"));
        while (m.find()) {
            b.engine(m.group(1), offset, "partition clause: engine of a partition");
        }
    }

    /**
     * The clause as MariaDB 10.11 re-prints one written by an older server (MySQL, MariaDB before 10.2), which
     * stored it as typed: bare column names become quoted identifiers, function names lower case, partition
     * names quoted (docs/formats/frm.md §16.15). A full expression printer it is not; it covers the shapes
     * partition clauses take (column lists and one-function expressions).
     */
    static String reprinted(String clause, Collection<String> columnNames) {
        Map<String, String> columns = new HashMap<>();
        for (String c : columnNames) {
            columns.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
        }
        StringBuilder out = new StringBuilder(clause.length() + 16);
        String previousWord = "";
        int i = 0;
        while (i < clause.length()) {
            char c = clause.charAt(i);
            if (c == '\'' || c == '`') {
                int end = i + 1;
                while (end < clause.length()) {
                    char d = clause.charAt(end);
                    if (c == '\'' && d == '\\') {
                        end += 2;
                    } else if (d == c && end + 1 < clause.length() && clause.charAt(end + 1) == c) {
                        end += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        end++;
                    }
                }
                end = Math.min(end + 1, clause.length());
                out.append(clause, i, end);
                previousWord = "";
                i = end;
                continue;
            }
            if (Character.isLetter(c) || c == '_' || c == '$' || c == '#') {
                int end = i;
                while (end < clause.length() && (Character.isLetterOrDigit(clause.charAt(end))
                        || "_$#@-".indexOf(clause.charAt(end)) >= 0)) {
                    end++;
                }
                String word = clause.substring(i, end);
                String upper = word.toUpperCase(Locale.ROOT);
                boolean call = end < clause.length() && clause.charAt(end) == '(';
                if ((previousWord.equals("PARTITION") || previousWord.equals("SUBPARTITION"))
                        && !upper.equals("BY")) {
                    out.append(Identifiers.quote(word));
                } else if (call && !KEYWORDS.contains(upper)) {
                    out.append(word.toLowerCase(Locale.ROOT));
                } else if (columns.containsKey(word.toLowerCase(Locale.ROOT)) && !call) {
                    out.append(Identifiers.quote(columns.get(word.toLowerCase(Locale.ROOT))));
                } else {
                    out.append(word);
                }
                previousWord = upper;
                i = end;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                previousWord = "";
            }
            if (Character.isDigit(c)) {
                int end = i;
                while (end < clause.length() && (Character.isLetterOrDigit(clause.charAt(end))
                        || clause.charAt(end) == '.')) {
                    end++;
                }
                out.append(clause, i, end);
                i = end;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    static String readable(String stored) {
        if (stored.isEmpty()) {
            return stored;
        }
        StringBuilder out = new StringBuilder(stored.length());
        Matcher hex = null;
        int i = 0;
        while (i < stored.length()) {
            char c = stored.charAt(i);
            if (c == '\'') {
                // copy a quoted string (comments, values already in text) untouched
                int end = i + 1;
                while (end < stored.length()) {
                    char d = stored.charAt(end);
                    if (d == '\\') {
                        end += 2;
                    } else if (d == '\'' && end + 1 < stored.length() && stored.charAt(end + 1) == '\'') {
                        end += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        end++;
                    }
                }
                end = Math.min(end + 1, stored.length());
                out.append(stored, i, end);
                i = end;
                continue;
            }
            if (c == '_' && hex == null) {
                hex = INTRODUCED_HEX.matcher(stored); // one matcher per clause, made at its first '_' only
            }
            if (c == '_' && hex.region(i, stored.length()).lookingAt() && JavaCharsets.known(hex.group(1))
                    && hex.group(2).length() % 2 == 0) {
                byte[] bytes = HexFormat.of().parseHex(hex.group(2));
                out.append(Identifiers.literal(new String(bytes, JavaCharsets.forMySql(hex.group(1)))));
                i = hex.end();
                continue;
            }
            out.append(c);
            i++;
        }
        Matcher starts = STARTS.matcher(out);
        if (starts.find()) {
            long seconds = Long.parseLong(starts.group(2));
            return out.substring(0, starts.start(2)) + "TIMESTAMP'" + TIMESTAMP.format(Instant.ofEpochSecond(seconds))
                    + "'" + out.substring(starts.end(2));
        }
        return out.toString();
    }
}
