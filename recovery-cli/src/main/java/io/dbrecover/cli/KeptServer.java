package io.dbrecover.cli;

import io.dbrecover.core.server.ClientAccess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.postgres.PostgresRestore;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * A proved PostgreSQL server kept running after {@code postgres restore} or {@code check} with
 * {@code --keep-running}: the report, then how to connect (the password only in a client file of the user's own,
 * as {@code postgres server} does), held until Ctrl-C.
 */
final class KeptServer {
    private KeptServer() {
    }

    static int hold(PrintWriter out, PostgresRestore.Running running, boolean json) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        ClientAccess[] access = new ClientAccess[1];
        Thread hook = new Thread(() -> {
            running.close();
            if (access[0] != null) {
                access[0].delete();
            }
            stopped.countDown();
        }, "dbrecover-postgres-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            InfluxRebuildIndexCommand.print(out, running.report(), json);
            ServerInfo info = running.server().info();
            Endpoint ep = running.server().endpoint();
            access[0] = Engines.byId("postgres").servers().orElseThrow().writeClientAccess(ep, null);
            out.printf("%s %s (%s binaries in %s) ready on %s:%d, pid %d%n", info.engine(), info.version(),
                    info.origin().label(), info.binDir(), ep.host(), ep.port(), info.pid());
            out.printf("  url:  %s%n  user: %s%n  password: in %s (readable by you only, removed at stop)%n"
                    + "  connect: %s%n  data: %s%n", ep.url(), ep.user(), access[0].file(), access[0].command(),
                    info.dataDir());
            out.println("Press Ctrl-C to stop it (the restored directory is kept).");
            out.flush();
            stopped.await();
            return running.report().exitCode();
        } finally {
            running.close();
            if (access[0] != null) {
                access[0].delete();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }
}
