package io.dbrecover.core.server;

/**
 * Makes throwaway servers of one engine. Each engine module has one; a Testcontainers-backed provider can be
 * chosen through {@link ServerOptions#origin()} without changing callers.
 */
public interface ServerProvider {
    /** The engine, e.g. {@code mariadb}. */
    String engine();

    /** Where the programs would come from with these options, without starting anything. */
    BinaryDiscovery discover(ServerOptions options);

    /** A server ready to {@link ManagedServer#start()}. Fails with {@code BINARY_NOT_FOUND} when there is none. */
    ManagedServer create(ServerOptions options);
}
