package io.dbrecover.cli;

import io.dbrecover.core.server.ClientAccess;
import io.dbrecover.core.server.Endpoint;
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
            Endpoint ep = running.server().endpoint();
            access[0] = Engines.byId("postgres").servers().orElseThrow().writeClientAccess(ep, null);
            ServerCommand.printReady(out, running.server().info(), ep, access[0]);
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
