package io.dbrecover.mysql.datadir;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.mysql.model.Collations;
import io.dbrecover.mysql.scan.Scan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A database directory's {@code db.opt}: {@code default-character-set=…} and {@code default-collation=…} lines
 * (MySQL ≤ 5.7, MariaDB). It only refines CREATE DATABASE, so whatever is wrong with it (too large, not a file,
 * unreadable, a name MariaDB does not know) leaves the value out and says why in {@link Scan.Database#note}.
 */
final class DbOpt {
    /** Two short lines; a larger file is not one. */
    static final long MAX_BYTES = 64 << 10;

    private DbOpt() {
    }

    static Scan.Database read(String name, Path dir) {
        Path opt = dir.resolve("db.opt");
        SourceFiles.Kind kind = SourceFiles.kindFollowingLinks(opt);
        if (kind == SourceFiles.Kind.MISSING) {
            return new Scan.Database(name, dir, "", "");
        }
        String text;
        try {
            text = new String(SourceFiles.read(opt, MAX_BYTES, "db.opt file", "it holds two short lines"),
                    StandardCharsets.ISO_8859_1);
        } catch (RecoveryException e) {
            return new Scan.Database(name, dir, "", "", "db.opt not read (" + e.getMessage()
                    + "); the server's default character set applies");
        }
        String charset = "";
        String collation = "";
        StringBuilder note = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("default-character-set=")) {
                charset = checked(line, "character set", note);
            } else if (line.startsWith("default-collation=")) {
                collation = checked(line, "collation", note);
            }
        }
        if (!charset.isEmpty() && !collation.isEmpty() && !Collations.belongsTo(mariadb(collation), mariadb(charset))) {
            note.append(note.length() == 0 ? "" : "; ").append("db.opt names the collation ").append(collation)
                    .append(", which is not one of the character set ").append(charset).append(": both left out");
            charset = "";
            collation = "";
        }
        return new Scan.Database(name, dir, charset, collation, note.toString());
    }

    /** MySQL's utf8 is MariaDB's utf8mb3, which MariaDB also accepts under the old names. */
    private static String mariadb(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("utf8") ? "utf8mb3" : lower.startsWith("utf8_") ? "utf8mb3_" + lower.substring(5) : lower;
    }

    private static String checked(String line, String what, StringBuilder note) {
        String value = line.substring(line.indexOf('=') + 1).strip();
        String mariadb = mariadb(value);
        boolean known = value.matches("[A-Za-z0-9_]{1,64}") && (what.equals("character set")
                ? Collations.isCharset(mariadb) : Collations.isCollation(mariadb));
        if (known) {
            return value;
        }
        note.append(note.length() == 0 ? "" : "; ").append("db.opt names the default ").append(what).append(" '")
                .append(value).append("', which MariaDB 10.11 does not know: left out (damaged, or from another "
                        + "server)");
        return "";
    }
}
