package io.dbrecover.postgres.demo;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.server.ServerSlot;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.core.verify.TableCheck;
import io.dbrecover.core.workspace.TreeCopy;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The foundation demo: a PostgreSQL server holding a small shop is stopped, and its data directory is all that is
 * left (a cold copy, as found on an old disk). dbrecover copies that directory into a work dir, starts a throwaway
 * server on the copy and proves that every table came back: row counts and ordered row hashes equal those taken
 * before the disaster.
 */
public final class PostgresDemo implements DemoScenario {
    /** The scenario's name for {@code dbrecover demo}. */
    public static final String NAME = "postgres-cold-copy";
    private static final String COPY = "data";

    private final ServerProvider provider;

    public PostgresDemo(ServerProvider provider) {
        this.provider = provider;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a stopped PostgreSQL server's data directory is copied, started on a throwaway server, and every "
                + "row is proved identical";
    }

    @Override
    public RecoveryReport run(DemoContext context) {
        Map<String, RowHash> expected;
        try (ManagedServer original = provider.create(derive(context.serverOptions(),
                context.baseDir().resolve("disaster"), null))) {
            original.start();
            try (Connection c = PostgresServer.connect(original.endpoint())) {
                DemoData.create(c);
                expected = DemoData.prove(c);
            } catch (SQLException e) {
                throw RecoveryException.of(ErrorCode.INTERNAL, "cannot stage the demo data: " + e.getMessage())
                        .cause(e).build();
            }
            // fast shutdown writes a checkpoint: what is left is a clean, cold data directory
            original.stop();
            return recover(context, original.info().dataDir(), expected);
        }
    }

    private RecoveryReport recover(DemoContext context, Path orphaned, Map<String, RowHash> expected) {
        try (ServerSlot<ManagedServer> holder = new ServerSlot<>()) {
            Plan plan = new Plan(NAME, "", List.of(
                    new Step("copy-data-dir", "copy the orphaned data directory into the work dir", sc -> {
                        TreeCopy.Result r = TreeCopy.copy(sc.workspace(), orphaned, COPY, TreeCopy.Links.REFUSE,
                                "tablespaces and a relocated pg_wal are not handled yet: in a copy of the data directory, replace the link by the directory it points to, and recover from that copy", null, sc.progress());
                        sc.finding(Finding.info("DATA_DIR_COPIED", "copied " + r.files() + " files ("
                                + r.bytes() + " bytes) into " + r.target()));
                    }),
                    Step.rerunOnResume("start-server", "start a throwaway PostgreSQL server on the copy", sc -> {
                        ManagedServer server = provider.create(derive(context.serverOptions(),
                                context.baseDir().resolve("servers"), sc.workDir().resolve(COPY)));
                        holder.set(server);
                        server.start();
                        ServerInfo info = server.info();
                        sc.tool(new ToolVersion("postgres", info.version(), info.binDir().toString(),
                                info.origin().label()));
                    }),
                    new Step("verify-tables", "compare row counts and ordered row hashes with those taken before "
                            + "the disaster", sc -> verify(holder.running(), expected, sc)),
                    new Step("stop-server", "stop the throwaway server", sc -> holder.running().stop())));
            return RecoveryRun.builder(PostgresServerProvider.ENGINE, "demo").source(orphaned)
                    .workDir(context.baseDir().resolve("work")).progress(context.progress()).build().execute(plan);
        }
    }

    private static void verify(ManagedServer server, Map<String, RowHash> expected, StepContext sc)
            throws SQLException {
        try (Connection c = PostgresServer.connect(server.endpoint())) {
            c.setReadOnly(true);
            for (Map.Entry<String, RowHash> e : expected.entrySet()) {
                String table = e.getKey();
                TableCheck.record(sc, "public." + table, e.getValue(), () -> DemoData.proveTable(c, table),
                        DemoData.orderedQuery(table));
            }
        }
    }

    /** The scenario's options with another base directory and data directory, everything else kept. */
    static ServerOptions derive(ServerOptions base, Path baseDir, Path dataDir) {
        return base.toBuilder().baseDir(baseDir).dataDir(dataDir).build();
    }
}
