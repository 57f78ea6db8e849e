package io.dbrecover.core.server;

import java.nio.file.Path;

/**
 * Makes throwaway servers of one engine. Each engine module has one; a Testcontainers-backed provider can be
 * chosen through {@link ServerOptions#origin()} without changing callers.
 */
public interface ServerProvider {
    /** The engine id, e.g. {@code mysql}. */
    String engine();

    /** Where the programs would come from with these options, without starting anything. */
    BinaryDiscovery discover(ServerOptions options);

    /** A server ready to {@link ManagedServer#start()}. Fails with {@code BINARY_NOT_FOUND} when there is none. */
    ManagedServer create(ServerOptions options);

    /**
     * Writes the file through which the engine's own command-line client reaches a started server of this
     * provider (an option file, a password file, an environment file), in a new private directory under
     * {@code baseDir} (or the temp dir), and says the command that uses it. Delete it when the server stops.
     */
    ClientAccess writeClientAccess(Endpoint endpoint, Path baseDir);
}
