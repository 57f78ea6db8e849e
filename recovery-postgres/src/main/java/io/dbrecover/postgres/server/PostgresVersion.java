package io.dbrecover.postgres.server;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL version as its programs and servers report it.
 *
 * @param number the numeric part, e.g. {@code 15.18} or {@code 9.6.24}
 * @param text   the number with any pre-release suffix, e.g. {@code 16beta1}
 */
public record PostgresVersion(String number, String text) {
    // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", "initdb (PostgreSQL) 16beta1"
    private static final Pattern PROGRAM_OUTPUT =
            Pattern.compile("\\(PostgreSQL\\)\\s+([0-9]+(?:\\.[0-9]+)*)([A-Za-z]+[0-9]*)?");
    // "15.18 (Debian 15.18-0+deb12u1)" from SHOW server_version, or "15" from PG_VERSION
    private static final Pattern BARE = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)*)([A-Za-z]+[0-9]*)?");

    public PostgresVersion {
        if (number == null || !number.matches("[0-9]+(\\.[0-9]+)*")) {
            throw new IllegalArgumentException("not a PostgreSQL version number: " + number);
        }
        text = text == null || text.isBlank() ? number : text;
    }

    /** The major version as {@code PG_VERSION} spells it: {@code 15}, or {@code 9.6} before release 10. */
    public String major() {
        return majorOf(number);
    }

    /** Parses the output of {@code postgres --version} (or any PostgreSQL program's {@code --version}). */
    public static Optional<PostgresVersion> fromProgramOutput(String output) {
        if (output == null) {
            return Optional.empty();
        }
        Matcher m = PROGRAM_OUTPUT.matcher(output);
        return m.find() ? Optional.of(of(m)) : Optional.empty();
    }

    /** Parses a bare version such as {@code SHOW server_version} returns or {@code PG_VERSION} holds. */
    public static Optional<PostgresVersion> fromBare(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = BARE.matcher(value);
        return m.find() ? Optional.of(of(m)) : Optional.empty();
    }

    /**
     * The major version of a version number: the first component from release 10 on, the first two before
     * (9.6.24 is major 9.6).
     */
    public static String majorOf(String number) {
        String[] parts = number.split("\\.");
        int first = Integer.parseInt(parts[0]);
        if (first >= 10 || parts.length == 1) {
            return parts[0];
        }
        return parts[0] + "." + parts[1];
    }

    private static PostgresVersion of(Matcher m) {
        String number = m.group(1);
        String suffix = m.group(2);
        return new PostgresVersion(number, suffix == null ? number : number + suffix);
    }
}
