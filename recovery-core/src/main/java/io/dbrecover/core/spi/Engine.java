package io.dbrecover.core.spi;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One database engine supported by dbrecover, found through {@link java.util.ServiceLoader}. Each engine module
 * registers exactly one in {@code META-INF/services/io.dbrecover.core.spi.Engine}.
 */
public interface Engine {
    /** Stable id used on the command line: {@code mysql}, {@code postgres}, {@code influx}. */
    String id();

    /** For people, e.g. "MariaDB / MySQL". */
    String displayName();

    /** What this engine module can do. */
    Set<Capability> capabilities();

    /** Looks for the engine's programs and embedded fallbacks; starts nothing. */
    EngineCheck check(ServerOptions options);

    /** The throwaway-server provider, when the engine has {@link Capability#THROWAWAY_SERVER}. */
    Optional<ServerProvider> servers();

    /** Scenarios for {@code dbrecover demo}, in the order they should run. */
    List<DemoScenario> demos();
}
