package io.dbrecover.influx.engine;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.influx.demo.InfluxDemo;
import io.dbrecover.influx.demo.InfluxLostIndexDemo;
import io.dbrecover.influx.server.InfluxServerProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * InfluxDB 1.x: throwaway {@code influxd} servers from the system's installation (there is no embedded fallback)
 * and the {@code influx-cold-copy} and {@code influx-lost-index} demos.
 */
public final class InfluxEngine implements Engine {
    /** Made on first use: ServiceLoader makes every engine for any command, most of which start no server. */
    private InfluxServerProvider provider;


    @Override
    public String id() {
        return InfluxServerProvider.ENGINE;
    }

    @Override
    public String displayName() {
        return "InfluxDB 1.x";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.THROWAWAY_SERVER, Capability.DEMO);
    }

    /** Lists influxd (required), influx and influx_inspect (optional); says what to install when influxd is missing. */
    @Override
    public EngineCheck check(ServerOptions options) {
        return provider().binaries().check(options, displayName());
    }

    @Override
    public Optional<ServerProvider> servers() {
        return Optional.of(provider());
    }

    @Override
    public List<DemoScenario> demos() {
        return List.of(new InfluxDemo(provider()), new InfluxLostIndexDemo(provider()));
    }

    private synchronized InfluxServerProvider provider() {
        if (provider == null) {
            provider = new InfluxServerProvider();
        }
        return provider;
    }
}
