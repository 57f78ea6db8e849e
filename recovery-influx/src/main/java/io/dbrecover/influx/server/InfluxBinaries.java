package io.dbrecover.influx.server;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryLocator;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.ToolCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds InfluxDB 1.x's programs: {@link ServerOptions#binaryDir()}, then {@value #ENV_VAR}, then PATH, then the
 * well-known directories. There is no embedded fallback: no InfluxDB server ships in a Maven Central artifact, so
 * when {@code influxd} is missing the only way is to install it.
 *
 * <p>A directory the user named (option or environment variable) is binding: when it lacks {@code influxd},
 * discovery fails instead of quietly using another installation.
 */
public final class InfluxBinaries {
    /** The environment variable naming the directory of {@code influxd}. */
    public static final String ENV_VAR = "DBRECOVER_INFLUX_BIN";
    /** The server program. */
    public static final String SERVER = "influxd";
    /** The shell. */
    public static final String CLIENT = "influx";
    /** The offline inspection tool of upstream packages. */
    public static final String INSPECT = "influx_inspect";
    /** The Debian package with {@code influxd}. */
    public static final String SERVER_PACKAGE = "influxdb";
    /** The Debian package with {@code influx}. */
    public static final String CLIENT_PACKAGE = "influxdb-client";
    /** The install command printed when {@code influxd} is missing. */
    public static final String INSTALL_COMMAND = "apt-get install " + SERVER_PACKAGE + " " + CLIENT_PACKAGE;
    /** Where InfluxDB 1.x is usually installed (Debian and upstream packages, tarballs unpacked under /opt). */
    public static final List<String> WELL_KNOWN_DIRS = List.of("/usr/bin", "/usr/local/bin", "/opt/influxdb/usr/bin");
    static final String MISSING_HINT = "install InfluxDB 1.x: " + INSTALL_COMMAND + " (Debian), or set " + ENV_VAR
            + " to the directory holding influxd; dbrecover has no embedded InfluxDB to fall back on";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxBinaries.class);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> env;
    private final List<String> wellKnownDirs;
    private final ProcessRunner runner;

    /** Discovery as the product does it: this process's environment. */
    public InfluxBinaries(ProcessRunner runner) {
        this(System.getenv(), WELL_KNOWN_DIRS, runner);
    }

    InfluxBinaries(Map<String, String> env, List<String> wellKnownDirs, ProcessRunner runner) {
        this.env = Map.copyOf(env);
        this.wellKnownDirs = List.copyOf(wellKnownDirs);
        this.runner = runner;
    }

    /**
     * Where {@code influxd} is and what it says its version is (a short {@code influxd version} run; no server is
     * started). A binary that reports another major version than 1 counts as not found, with a hint saying so.
     */
    public BinaryDiscovery discover(ServerOptions options) {
        List<String> searched = new ArrayList<>();
        BinaryOrigin wanted = options.origin();
        if (wanted == BinaryOrigin.EMBEDDED || wanted == BinaryOrigin.CONTAINER) {
            searched.add(wanted.label() + ": dbrecover has no " + wanted.label() + " InfluxDB");
            return new BinaryDiscovery(InfluxServerProvider.ENGINE, Optional.empty(), null, null, searched,
                    "dbrecover has no " + wanted.label() + " InfluxDB; use the system origin: " + MISSING_HINT);
        }
        Optional<Path> dir = findServer(options, searched);
        if (dir.isEmpty()) {
            return new BinaryDiscovery(InfluxServerProvider.ENGINE, Optional.empty(), null, null, searched,
                    missingHint(options));
        }
        Optional<InfluxVersion> version = serverVersion(dir.get().resolve(SERVER));
        if (version.isPresent() && !version.get().supportedForServers()) {
            return new BinaryDiscovery(InfluxServerProvider.ENGINE, Optional.empty(), dir.get(), version.get().text(),
                    searched, "found influxd " + version.get() + " in " + dir.get() + ", but dbrecover's throwaway "
                            + "servers need InfluxDB 1.x: " + INSTALL_COMMAND + " (Debian), or set " + ENV_VAR
                            + " to the directory of a 1.x influxd");
        }
        if (version.isEmpty()) {
            LOG.warn("{} did not say its version; trying it anyway", dir.get().resolve(SERVER));
        }
        return new BinaryDiscovery(InfluxServerProvider.ENGINE, Optional.of(BinaryOrigin.SYSTEM), dir.get(),
                version.map(InfluxVersion::text).orElse(null), searched, missingHint(options));
    }

    /**
     * What {@code doctor} shows: {@code influxd} (required), {@code influx} and {@code influx_inspect} (optional),
     * with versions and the install command for what is missing.
     */
    public EngineCheck check(ServerOptions options, String displayName) {
        BinaryDiscovery server = discover(ServerOptions.builder().binaryDir(options.binaryDir())
                .origin(BinaryOrigin.SYSTEM).build());
        List<ToolCheck> tools = new ArrayList<>();
        Path serverDir = server.binDir();
        boolean serverPresent = serverDir != null && Files.isExecutable(serverDir.resolve(SERVER));
        tools.add(new ToolCheck(SERVER, serverPresent, serverPresent ? serverDir.resolve(SERVER).toString() : null,
                server.version(), serverPresent ? BinaryOrigin.SYSTEM.label() : null, SERVER_PACKAGE,
                "required: runs throwaway InfluxDB 1.x servers (recovery, verification, demo)"));

        Optional<Path> client = findTool(CLIENT, serverDir);
        tools.add(new ToolCheck(CLIENT, client.isPresent(), client.map(Path::toString).orElse(null),
                client.flatMap(this::clientVersion).map(InfluxVersion::text).orElse(null),
                client.isPresent() ? BinaryOrigin.SYSTEM.label() : null, CLIENT_PACKAGE,
                "optional: the InfluxDB shell, to look at recovered data by hand"));

        Optional<Path> inspect = findTool(INSPECT, serverDir);
        tools.add(new ToolCheck(INSPECT, inspect.isPresent(), inspect.map(Path::toString).orElse(null), null,
                inspect.isPresent() ? BinaryOrigin.SYSTEM.label() : null, SERVER_PACKAGE + " (upstream packages only)",
                "optional: not shipped by Debian's influxdb 1.6; dbrecover rebuilds TSI in Java in a later issue"));

        List<String> advice = new ArrayList<>();
        if (!server.found()) {
            advice.add(server.missingHint());
        } else if (client.isEmpty()) {
            advice.add("optional: apt-get install " + CLIENT_PACKAGE + " for the influx shell");
        }
        return new EngineCheck(InfluxServerProvider.ENGINE, displayName, server.found(),
                server.found() ? BinaryOrigin.SYSTEM.label() : null, tools, String.join("; ", advice));
    }

    /** What {@code influxd version} reports, or empty when it cannot tell. */
    public Optional<InfluxVersion> serverVersion(Path influxd) {
        return versionOf(influxd, "version");
    }

    /** What {@code influx -version} reports, or empty when it cannot tell. */
    public Optional<InfluxVersion> clientVersion(Path influx) {
        return versionOf(influx, "-version");
    }

    /** What to install when discovery fails with these options. */
    String missingHint(ServerOptions options) {
        if (options.binaryDir() != null) {
            return "the directory " + options.binaryDir() + " must hold influxd (InfluxDB 1.x); " + INSTALL_COMMAND
                    + " (Debian) puts it in /usr/bin";
        }
        Optional<String> envDir = envDir();
        if (envDir.isPresent()) {
            return "$" + ENV_VAR + " (" + envDir.get() + ") must name the directory holding influxd (InfluxDB 1.x), "
                    + "or be unset; " + INSTALL_COMMAND + " (Debian) puts it in /usr/bin";
        }
        return MISSING_HINT;
    }

    private Optional<InfluxVersion> versionOf(Path program, String argument) {
        if (!Files.isExecutable(program)) {
            return Optional.empty();
        }
        try {
            ProcessResult r = runner.run(ProcessSpec.of(program.toString(), argument).cleanEnvironment(true)
                    .timeout(VERSION_TIMEOUT).build());
            return InfluxVersion.parse(r.output());
        } catch (RecoveryException e) {
            LOG.debug("{} {} failed: {}", program, argument, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Path> findServer(ServerOptions options, List<String> searched) {
        BinaryLocator locator = new BinaryLocator(env);
        Optional<Path> dir = locator.findDir(SERVER, options.binaryDir(), ENV_VAR, wellKnownDirs);
        searched.addAll(new LinkedHashSet<>(locator.searched()));
        return dir;
    }

    /** An optional tool: next to influxd first (same installation), then PATH and the well-known dirs. */
    private Optional<Path> findTool(String program, Path serverDir) {
        if (serverDir != null && Files.isExecutable(serverDir.resolve(program))) {
            return Optional.of(serverDir.resolve(program));
        }
        return new BinaryLocator(env).findDir(program, null, null, wellKnownDirs).map(d -> d.resolve(program));
    }

    private Optional<String> envDir() {
        String v = env.get(ENV_VAR);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
