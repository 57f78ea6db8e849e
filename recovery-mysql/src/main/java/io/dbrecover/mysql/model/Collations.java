package io.dbrecover.mysql.model;

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
 * The collation ids of MariaDB 10.11 (taken from a live server's information_schema, shipped as the resource
 * {@code io/dbrecover/mysql/collations.tsv}), so that readers can turn a stored id into names and byte widths.
 */
public final class Collations {
    private static final Map<Integer, CharsetCollation> BY_ID = load();

    private Collations() {
    }

    /** The collation with this id, if MariaDB 10.11 knows it. */
    public static Optional<CharsetCollation> byId(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The {@code _bin} collation of a character set (what MySQL 4.0's {@code CHAR … BINARY} became). */
    public static Optional<CharsetCollation> binaryCollationOf(String charset) {
        return BY_ID.values().stream().filter(c -> c.charset().equals(charset)
                && c.collation().equals(charset + "_bin")).findFirst();
    }

    /** The default collation of a character set, as MariaDB 10.11 (and MySQL 5.x) define it. */
    public static Optional<CharsetCollation> defaultOf(String charset) {
        return BY_ID.values().stream().filter(c -> c.charset().equals(charset) && c.isDefault()).findFirst();
    }

    /** Whether MariaDB 10.11 knows a character set of this (lower-case) name. */
    public static boolean isCharset(String name) {
        return BY_ID.values().stream().anyMatch(c -> c.charset().equals(name));
    }

    /** Whether MariaDB 10.11 knows a collation of this (lower-case) name. */
    public static boolean isCollation(String name) {
        return BY_ID.values().stream().anyMatch(c -> c.collation().equals(name));
    }

    /** Whether a collation (lower-case name) is one of a character set's. */
    public static boolean belongsTo(String collation, String charset) {
        return BY_ID.values().stream().anyMatch(c -> c.collation().equals(collation) && c.charset().equals(charset));
    }

    /** The binary pseudo-collation (id 63). */
    public static CharsetCollation binary() {
        return BY_ID.get(63);
    }

    private static Map<Integer, CharsetCollation> load() {
        Map<Integer, CharsetCollation> map = new HashMap<>();
        try (InputStream in = Collations.class.getResourceAsStream("/io/dbrecover/mysql/collations.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource io/dbrecover/mysql/collations.tsv missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                String[] f = line.split("\t");
                if (f.length < 5) {
                    continue;
                }
                int id = Integer.parseInt(f[0]);
                map.put(id, new CharsetCollation(id, f[1], f[2], Integer.parseInt(f[3]), f[4].equals("Yes")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
