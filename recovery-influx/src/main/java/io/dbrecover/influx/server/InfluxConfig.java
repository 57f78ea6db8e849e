package io.dbrecover.influx.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration file of a throwaway {@code influxd} (InfluxDB 1.x, TOML). Kept apart from {@link InfluxServer}
 * so that it can be tested without starting anything.
 *
 * <p>Beyond the directories and the two loopback ports, every service that could change the data of a recovered
 * server or reach another machine is switched off: retention enforcement (it would drop old shards of a copy),
 * continuous queries and shard pre-creation (they would write), subscriptions (a recovered {@code meta.db} may
 * name remote endpoints), usage reporting and the {@code _internal} monitor database.
 */
public final class InfluxConfig {
    /** The file name of the configuration inside a server's temporary directory. */
    public static final String FILE_NAME = "influxdb.conf";
    /** Throwaway servers listen here only. */
    public static final String HOST = "127.0.0.1";

    /** Settings that dbrecover owns: overriding them would break the loopback-only and clean-up promises. */
    static final Set<String> MANAGED = Set.of("bind-address", "http.bind-address", "meta.dir", "data.dir",
            "data.wal-dir", "http.auth-enabled", "http.unix-socket-enabled", "http.log-enabled",
            "data.query-log-enabled");
    /** Sections written as TOML arrays of tables ({@code [[udp]]}), which {@code section.key} cannot address. */
    static final Set<String> ARRAY_SECTIONS = Set.of("graphite", "collectd", "opentsdb", "udp");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern BARE_LITERAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?|true|false");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\\\\\p{Cntrl}]|\\\\[\"\\\\btnfr])*\"");

    private InfluxConfig() {
    }

    /**
     * Where a server keeps its files: {@code meta/}, {@code data/} and {@code wal/} under one root, as in
     * {@code /var/lib/influxdb}.
     *
     * @param root the server directory
     */
    public record Layout(Path root) {
        public Path meta() {
            return root.resolve("meta");
        }

        public Path data() {
            return root.resolve("data");
        }

        public Path wal() {
            return root.resolve("wal");
        }
    }

    /**
     * Renders the configuration.
     *
     * @param layout   the server directory
     * @param httpPort the HTTP API port on 127.0.0.1
     * @param rpcPort  the port of the backup/restore service on 127.0.0.1 (influxd always opens it)
     * @param settings more settings as {@code section.key} (or {@code key} for top-level ones) to value; numbers and
     *                 {@code true}/{@code false} are written bare, a value already in double quotes as it is, anything
     *                 else as a TOML string
     * @throws RecoveryException {@link ErrorCode#USAGE} for a malformed or managed setting name or a value with
     *                           control characters
     */
    public static String render(Layout layout, int httpPort, int rpcPort, Map<String, String> settings) {
        checkPort(httpPort);
        checkPort(rpcPort);
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> top = section(sections, "");
        // upstream 1.x reads reporting-disabled; Debian's build renamed it reporting-enabled (unknown keys are ignored)
        top.put("reporting-disabled", "true");
        top.put("reporting-enabled", "false");
        top.put("bind-address", quote(HOST + ":" + rpcPort));

        Map<String, String> meta = section(sections, "meta");
        meta.put("dir", quote(layout.meta().toString()));
        meta.put("retention-autocreate", "true");
        meta.put("logging-enabled", "true");

        Map<String, String> data = section(sections, "data");
        data.put("dir", quote(layout.data().toString()));
        data.put("wal-dir", quote(layout.wal().toString()));
        data.put("index-version", quote("tsi1"));
        data.put("query-log-enabled", "false");

        section(sections, "retention").put("enabled", "false");
        section(sections, "shard-precreation").put("enabled", "false");
        section(sections, "monitor").put("store-enabled", "false");
        section(sections, "subscriber").put("enabled", "false");

        Map<String, String> http = section(sections, "http");
        http.put("enabled", "true");
        http.put("bind-address", quote(HOST + ":" + httpPort));
        // every client but the first CREATE USER must log in: other local users must not read a recovered store
        http.put("auth-enabled", "true");
        http.put("log-enabled", "false");
        http.put("pprof-enabled", "false");
        http.put("unix-socket-enabled", "false");

        Map<String, String> logging = section(sections, "logging");
        logging.put("format", quote("logfmt"));
        logging.put("level", quote("info"));
        logging.put("suppress-logo", "true");

        section(sections, "continuous_queries").put("enabled", "false");

        settings.forEach((name, value) -> {
            String[] parts = splitName(name);
            section(sections, parts[0]).put(parts[1], literal(name, value));
        });

        StringBuilder sb = new StringBuilder();
        sb.append("# written by dbrecover for a throwaway server; see InfluxConfig for why each setting is here\n");
        sections.forEach((name, entries) -> {
            if (!name.isEmpty()) {
                sb.append('\n').append('[').append(name).append("]\n");
            }
            entries.forEach((k, v) -> sb.append(name.isEmpty() ? "" : "  ").append(k).append(" = ").append(v)
                    .append('\n'));
        });
        return sb.toString();
    }

    /** A value as a TOML literal (see {@link #render}). */
    static String literal(String name, String value) {
        if (value == null) {
            throw usage("setting " + name + " has no value", "give a value, e.g. " + name + "=1g");
        }
        if (BARE_LITERAL.matcher(value).matches() || QUOTED.matcher(value).matches()) {
            return value;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw usage("setting " + name + " contains a control character", "use a single-line value");
            }
        }
        return quote(value);
    }

    /** A TOML basic string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String[] splitName(String name) {
        String n = name == null ? "" : name;
        int dot = n.indexOf('.');
        String section = dot < 0 ? "" : n.substring(0, dot);
        String key = dot < 0 ? n : n.substring(dot + 1);
        if (!(section.isEmpty() || NAME.matcher(section).matches()) || !NAME.matcher(key).matches()) {
            throw usage("not an InfluxDB setting name: '" + name + "'",
                    "use section.key as in `influxd config`, e.g. data.cache-max-memory-size, "
                            + "or key for top-level ones");
        }
        if (ARRAY_SECTIONS.contains(section)) {
            throw usage("the InfluxDB section [[" + section + "]] is a list and cannot be set as " + name,
                    "throwaway servers leave the " + section + " listener off");
        }
        if (MANAGED.contains(n)) {
            throw usage("the InfluxDB setting " + name + " is managed by dbrecover",
                    "throwaway servers always listen on 127.0.0.1 and keep their files in their own directory; "
                            + "use the port or data-dir options instead");
        }
        return new String[] {section, key};
    }

    private static Map<String, String> section(Map<String, Map<String, String>> sections, String name) {
        return sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    private static RecoveryException usage(String message, String hint) {
        return RecoveryException.of(ErrorCode.USAGE, message).hint(hint).build();
    }
}
