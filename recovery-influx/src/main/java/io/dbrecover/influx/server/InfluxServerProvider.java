package io.dbrecover.influx.server;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.ClientAccess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Makes throwaway InfluxDB 1.x servers from the system's {@code influxd}; there is no embedded fallback. People
 * reach them with the {@code influx} shell, which reads the credentials from the variables of an env file.
 */
public final class InfluxServerProvider implements ServerProvider {
    /** The engine id. */
    public static final String ENGINE = "influx";

    private final ProcessRunner runner;
    private final InfluxBinaries binaries;

    public InfluxServerProvider() {
        this(new ProcessRunner());
    }

    public InfluxServerProvider(ProcessRunner runner) {
        this(runner, new InfluxBinaries(runner));
    }

    InfluxServerProvider(ProcessRunner runner, InfluxBinaries binaries) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.binaries = Objects.requireNonNull(binaries, "binaries");
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    /** The discovery used by this provider (also for {@code doctor}). */
    public InfluxBinaries binaries() {
        return binaries;
    }

    @Override
    public BinaryDiscovery discover(ServerOptions options) {
        return binaries.discover(options);
    }

    @Override
    public InfluxServer create(ServerOptions options) {
        return new InfluxServer(binaries.provider().require(options).binDir(), options, runner);
    }

    @Override
    public ClientAccess writeClientAccess(Endpoint ep, Path baseDir) {
        return ClientAccess.write(baseDir, "influx.env", "# written by dbrecover: source it, then run influx (it "
                        + "reads these variables)\nexport INFLUX_USERNAME=" + ep.user() + "\nexport INFLUX_PASSWORD="
                        + ep.password() + "\n",
                file -> ". " + file + " && influx -host " + ep.host() + " -port " + ep.port());
    }
}
