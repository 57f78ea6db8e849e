package io.dbrecover.postgres.demo;

import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.demo.ColdCopyDemo;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.core.verify.TableCheck;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The foundation demo: a PostgreSQL server holding a small shop is stopped, and its data directory is all that is
 * left (a cold copy, as found on an old disk). dbrecover copies that directory into a work dir, starts a throwaway
 * server on the copy and proves that every table came back: row counts and ordered row hashes equal those taken
 * before the disaster.
 */
public final class PostgresDemo extends ColdCopyDemo<ManagedServer, Map<String, RowHash>> {
    /** The scenario's name for {@code dbrecover demo}. */
    public static final String NAME = "postgres-cold-copy";

    private final ServerProvider provider;

    public PostgresDemo(ServerProvider provider) {
        super(PostgresServerProvider.ENGINE, NAME, "a stopped PostgreSQL server's data directory is copied, started "
                + "on a throwaway server, and every row is proved identical", Names.tables(NAME, "data", "PostgreSQL"));
        this.provider = provider;
    }

    @Override
    protected ManagedServer server(ServerOptions options) {
        return provider.create(options);
    }

    @Override
    protected Map<String, RowHash> stage(ManagedServer server) throws SQLException {
        try (Connection c = PostgresServer.connect(server.endpoint())) {
            DemoData.create(c);
            // a fast shutdown writes a checkpoint after this: what is left is a clean, cold data directory
            return DemoData.prove(c);
        }
    }

    @Override
    protected String linkAdvice() {
        return "tablespaces and a relocated pg_wal are not handled yet: in a copy of the data directory, replace the "
                + "link by the directory it points to, and recover from that copy";
    }

    @Override
    protected ToolVersion tool(ManagedServer server) {
        ServerInfo info = server.info();
        return new ToolVersion("postgres", info.version(), info.binDir().toString(), info.origin().label());
    }

    @Override
    protected void verify(ManagedServer server, Map<String, RowHash> expected, StepContext sc) throws SQLException {
        try (Connection c = PostgresServer.connect(server.endpoint())) {
            c.setReadOnly(true);
            for (Map.Entry<String, RowHash> e : expected.entrySet()) {
                String table = e.getKey();
                TableCheck.record(sc, "public." + table, e.getValue(), () -> DemoData.proveTable(c, table),
                        DemoData.orderedQuery(table));
            }
        }
    }
}
