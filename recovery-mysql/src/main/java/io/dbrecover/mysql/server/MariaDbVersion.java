package io.dbrecover.mysql.server;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MariaDB or MySQL version as a program or a server reports it.
 *
 * @param text    the version as printed, e.g. {@code 10.11.19-MariaDB-0+deb12u1} or {@code 8.0.36}
 * @param major   e.g. 10
 * @param minor   e.g. 11
 * @param patch   e.g. 19
 * @param mariaDb true for MariaDB, false for Oracle MySQL (and its forks that do not say MariaDB)
 */
public record MariaDbVersion(String text, int major, int minor, int patch, boolean mariaDb) {
    // "Distrib X," is how clients up to 10.x name the server version they belong to (their own "Ver" is the
    // client protocol version); "from X," is the 11.x spelling; "Ver X" is what servers print.
    private static final Pattern DISTRIB = Pattern.compile("\\bDistrib\\s+([0-9][^,\\s]*)");
    private static final Pattern FROM = Pattern.compile("\\bfrom\\s+([0-9][^,\\s]*)");
    private static final Pattern VER = Pattern.compile("\\bVer\\s+([0-9][^,\\s]*)");
    private static final Pattern NUMBERS = Pattern.compile("^([0-9]+)\\.([0-9]+)(?:\\.([0-9]+))?");
    // Servers before MariaDB 11 announce themselves to old clients as "5.5.5-<real version>".
    private static final String REPLICATION_PREFIX = "5.5.5-";

    public MariaDbVersion {
        Objects.requireNonNull(text, "text");
    }

    /** The version in the output of {@code mariadbd --version}, {@code mariadb --version} and friends. */
    public static Optional<MariaDbVersion> fromProgramOutput(String output) {
        if (output == null) {
            return Optional.empty();
        }
        for (String line : output.split("\\R")) {
            for (Pattern p : new Pattern[] {DISTRIB, FROM, VER}) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    Optional<MariaDbVersion> v = parse(m.group(1), line.contains("MariaDB"));
                    if (v.isPresent()) {
                        return v;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The version a running server reports through {@code SELECT VERSION()}. */
    public static Optional<MariaDbVersion> fromServer(String version) {
        if (version == null || version.isBlank()) {
            return Optional.empty();
        }
        String v = version.trim();
        if (v.startsWith(REPLICATION_PREFIX) && v.contains("MariaDB")) {
            v = v.substring(REPLICATION_PREFIX.length());
        }
        return parse(v, v.contains("MariaDB"));
    }

    private static Optional<MariaDbVersion> parse(String text, boolean mariaDbHint) {
        Matcher m = NUMBERS.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return Optional.of(new MariaDbVersion(text, major, minor, patch, mariaDbHint || text.contains("MariaDB")));
    }

    /** {@code major.minor.patch}, without distribution suffixes. */
    public String number() {
        return major + "." + minor + "." + patch;
    }

    /** "MariaDB 10.11.19" or "MySQL 8.0.36", for messages. */
    public String product() {
        return (mariaDb ? "MariaDB " : "MySQL ") + number();
    }

    @Override
    public String toString() {
        return text;
    }
}
