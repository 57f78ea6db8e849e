package io.dbrecover.influx.server;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An InfluxDB version as its programs and its HTTP API report it: {@code influxd version} prints
 * {@code InfluxDB v1.6.7~rc0 (git: unknown unknown)}, {@code influx -version} prints
 * {@code InfluxDB shell version: 1.6.7~rc0}, and {@code /ping} answers with the header
 * {@code X-Influxdb-Version: 1.6.7~rc0}.
 *
 * @param major major version (1 for the InfluxDB dbrecover runs)
 * @param minor minor version
 * @param patch patch version, 0 when not given
 * @param text  the version as printed, without a leading {@code v} (e.g. {@code 1.6.7~rc0}; Debian's build of
 *              1.6.7 carries the {@code ~rc0} suffix)
 */
public record InfluxVersion(int major, int minor, int patch, String text) {
    // the first dotted number in the text, optionally after a "v", with a suffix such as ~rc0, -rc1 or +dfsg
    private static final Pattern VERSION = Pattern.compile(
            "(?<![0-9A-Za-z.])v?([0-9]{1,4})\\.([0-9]{1,4})(?:\\.([0-9]{1,6}))?([~+-][0-9A-Za-z.~+-]*)?");

    public InfluxVersion {
        Objects.requireNonNull(text, "text");
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version part in " + text);
        }
    }

    /** Finds the first version in a program's output or a header value; empty when there is none. */
    public static Optional<InfluxVersion> parse(String output) {
        if (output == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        String text = m.group(0).startsWith("v") ? m.group(0).substring(1) : m.group(0);
        return Optional.of(new InfluxVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, text));
    }

    /**
     * Whether dbrecover can run a throwaway server of this version: only InfluxDB 1.x takes the configuration file
     * and the {@code /query} API dbrecover uses (2.x has a different command line, storage engine layout and API).
     */
    public boolean supportedForServers() {
        return major == 1;
    }

    @Override
    public String toString() {
        return text;
    }
}
