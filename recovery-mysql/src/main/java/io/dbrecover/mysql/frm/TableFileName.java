package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.Identifiers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes MySQL's file-name encoding of table names: {@code [0-9A-Za-z_]} as is, other characters as {@code @}
 * plus four hex digits, or {@code @} plus a two-character code for many Latin, Greek and Cyrillic letters (the code
 * table is the resource {@code io/dbrecover/mysql/filename-codes.tsv}, generated from a MariaDB 10.11 server).
 */
public final class TableFileName {
    private static final String PRE_51_PREFIX = "#mysql50#";
    private static final Map<String, Integer> CODES = load();

    private TableFileName() {
    }

    /**
     * The table name for a file name such as {@code t@0rst.frm}; empty when the name is not valid in the
     * encoding.
     */
    public static Optional<String> decode(String fileName) {
        String base = fileName;
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        if (base.startsWith(PRE_51_PREFIX)) {
            return Optional.of(base.substring(PRE_51_PREFIX.length()));
        }
        for (int k = 0; k < base.length(); k++) {
            char c = base.charAt(k);
            if (c != '@' && !(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                // Not valid in the encoding: a name from before 5.1, which the server shows with this prefix.
                return Optional.of(PRE_51_PREFIX + base);
            }
        }
        StringBuilder out = new StringBuilder(base.length());
        int i = 0;
        while (i < base.length()) {
            char c = base.charAt(i);
            if (c != '@') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 5 <= base.length() && isHex(base, i + 1, 4)) {
                out.append((char) Integer.parseInt(base.substring(i + 1, i + 5), 16));
                i += 5;
                continue;
            }
            if (i + 3 <= base.length()) {
                Integer cp = CODES.get(base.substring(i + 1, i + 3));
                if (cp != null) {
                    out.appendCodePoint(cp);
                    i += 3;
                    continue;
                }
            }
            return Optional.empty();
        }
        return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
    }

    /**
     * Why a decoded name is no valid table, view or database name ({@link Identifiers#nameProblem}; a name from
     * before 5.1 is checked without its {@code #mysql50#} prefix), or {@code null} when it is one.
     */
    public static String problem(String decoded) {
        String bare = decoded.startsWith(PRE_51_PREFIX) ? decoded.substring(PRE_51_PREFIX.length()) : decoded;
        return Identifiers.nameProblem(bare);
    }

    private static boolean isHex(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || Character.isUpperCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Integer> load() {
        Map<String, Integer> map = new HashMap<>();
        try (InputStream in = TableFileName.class.getResourceAsStream("/io/dbrecover/mysql/filename-codes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource io/dbrecover/mysql/filename-codes.tsv missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                map.put(f[1], Integer.parseInt(f[0], 16));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
