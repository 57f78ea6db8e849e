package io.dbrecover.postgres.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;

/**
 * Makes throwaway PostgreSQL servers from system binaries or, when none are installed, from the zonky embedded
 * binaries (see {@link PostgresBinaries} for the search order).
 */
public final class PostgresServerProvider implements ServerProvider {
    /** The engine id. */
    public static final String ENGINE = "postgres";

    private final PostgresBinaries binaries;
    private final ProcessRunner runner;

    public PostgresServerProvider() {
        this(new ProcessRunner());
    }

    public PostgresServerProvider(ProcessRunner runner) {
        this(new PostgresBinaries(runner), runner);
    }

    PostgresServerProvider(PostgresBinaries binaries, ProcessRunner runner) {
        this.binaries = binaries;
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
        PostgresBinaries.Location location = binaries.locate(options);
        if (!location.found()) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND,
                            "no PostgreSQL server programs (initdb and postgres) found; searched " + location.searched())
                    .hint(binaries.missingHint(options)).build();
        }
        return new PostgresServer(options, location, binaries, runner);
    }

    /** The binaries this provider looks for, for {@code doctor}. */
    public PostgresBinaries binaries() {
        return binaries;
    }
}
