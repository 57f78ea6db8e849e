package io.dbrecover.influx.server;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.ToolCheck;
import io.dbrecover.core.spi.server.BinaryProvider;
import io.dbrecover.core.spi.server.BinarySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * InfluxDB 1.x's programs as {@link BinaryProvider} looks for them: {@link ServerOptions#binaryDir()}, then
 * {@value #ENV_VAR}, then PATH, then the well-known directories. There is no embedded fallback: no InfluxDB server
 * ships in a Maven Central artifact, so when {@code influxd} is missing the only way is to install it. An
 * {@code influxd} that reports another major version than 1 is passed over, with a hint saying so.
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

    private final BinaryProvider provider;

    /** Discovery as the product does it: this process's environment. */
    public InfluxBinaries(ProcessRunner runner) {
        this(System.getenv(), WELL_KNOWN_DIRS, runner);
    }

    InfluxBinaries(Map<String, String> env, List<String> wellKnownDirs, ProcessRunner runner) {
        // the refusal runs influxd's own version command, through the provider made here
        this.provider = new BinaryProvider(BinarySpec.builder(InfluxServerProvider.ENGINE, "InfluxDB 1.x", SERVER)
                .envVar(ENV_VAR).wellKnownDirs(wellKnownDirs)
                .version(List.of("version"), out -> InfluxVersion.parse(out).map(InfluxVersion::text))
                .install(SERVER_PACKAGE + " " + CLIENT_PACKAGE, "influxd (InfluxDB 1.x)", "/usr/bin")
                .refusal((program, options) -> notOneX(program)).build(), env,
                InfluxBinaries.class.getClassLoader(), runner);
    }

    /** The generic discovery this configures. */
    public BinaryProvider provider() {
        return provider;
    }

    /** Where {@code influxd} is and what it says its version is (a short {@code influxd version} run). */
    public BinaryDiscovery discover(ServerOptions options) {
        return provider.discover(options);
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

        Optional<Path> client = provider.tool(CLIENT, serverDir);
        tools.add(new ToolCheck(CLIENT, client.isPresent(), client.map(Path::toString).orElse(null),
                client.flatMap(this::clientVersion).map(InfluxVersion::text).orElse(null),
                client.isPresent() ? BinaryOrigin.SYSTEM.label() : null, CLIENT_PACKAGE,
                "optional: the InfluxDB shell, to look at recovered data by hand"));

        Optional<Path> inspect = provider.tool(INSPECT, serverDir);
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
        return provider.output(influxd, List.of("version")).flatMap(InfluxVersion::parse);
    }

    /** What {@code influx -version} reports, or empty when it cannot tell. */
    public Optional<InfluxVersion> clientVersion(Path influx) {
        return provider.output(influx, List.of("-version")).flatMap(InfluxVersion::parse);
    }

    /** Only InfluxDB 1.x takes the configuration file and the {@code /query} API dbrecover uses. */
    private Optional<String> notOneX(Path influxd) {
        return serverVersion(influxd).filter(v -> !v.supportedForServers()).map(v -> "found influxd " + v + " in "
                + influxd.getParent() + ", but dbrecover's throwaway servers need InfluxDB 1.x");
    }
}
