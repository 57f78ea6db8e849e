package io.dbrecover.postgres.server;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.ClientAccess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.server.BinaryProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes throwaway PostgreSQL servers from system binaries or, when none are installed, from the zonky embedded
 * binaries (see {@link PostgresBinaries} for the search order). People reach them with {@code psql} through a
 * {@code pgpass} file.
 */
public final class PostgresServerProvider implements ServerProvider {
    /** The engine id. */
    public static final String ENGINE = "postgres";

    private final BinaryProvider binaries;
    private final ProcessRunner runner;

    public PostgresServerProvider() {
        this(new ProcessRunner());
    }

    public PostgresServerProvider(ProcessRunner runner) {
        this(PostgresBinaries.provider(runner), runner);
    }

    PostgresServerProvider(BinaryProvider binaries, ProcessRunner runner) {
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
        return new PostgresServer(options, binaries.require(options), binaries, runner);
    }

    /**
     * A server on the existing data directory {@link ServerOptions#dataDir()} that first lets it recover (archive
     * recovery with the settings of its {@code postgresql.auto.conf} and {@code recovery.signal}, or crash
     * recovery) while nobody can log in, watched to its end through the postmaster and its log, then starts it as
     * any server on an existing directory. {@link PostgresServer#recoveryLog()} tells how recovery went.
     *
     * @param recoveryTimeout how long recovery may take
     */
    public PostgresServer createRecovering(ServerOptions options, Duration recoveryTimeout) {
        if (options.dataDir() == null) {
            throw new IllegalArgumentException("a recovering server needs an existing data directory");
        }
        return new PostgresServer(options, binaries.require(options), binaries, runner,
                Objects.requireNonNull(recoveryTimeout, "recoveryTimeout"));
    }

    @Override
    public ClientAccess writeClientAccess(Endpoint ep, Path baseDir) {
        return ClientAccess.write(baseDir, "pgpass", ep.host() + ":" + ep.port() + ":*:" + ep.user() + ":"
                + ep.password() + "\n", file -> "PGPASSFILE=" + file + " psql -h " + ep.host() + " -p " + ep.port()
                + " -U " + ep.user() + " postgres");
    }

    /** The binaries this provider looks for, for {@code doctor}. */
    public BinaryProvider binaries() {
        return binaries;
    }
}
