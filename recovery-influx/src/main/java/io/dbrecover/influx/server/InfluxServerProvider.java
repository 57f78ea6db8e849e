package io.dbrecover.influx.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import java.util.Objects;

/** Makes throwaway InfluxDB 1.x servers from the system's {@code influxd}; there is no embedded fallback. */
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
        BinaryDiscovery d = discover(options);
        if (!d.found()) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND,
                            "no usable InfluxDB 1.x server (influxd) found; searched "
                                    + String.join(", ", d.searched()))
                    .hint(d.missingHint()).build();
        }
        return new InfluxServer(d.binDir(), options, runner);
    }
}
