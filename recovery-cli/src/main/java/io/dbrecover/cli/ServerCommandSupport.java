package io.dbrecover.cli;

import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.Engines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code <engine> server} subcommand, shared by the engines: start a throwaway server and hold it. */
abstract class ServerCommandSupport implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bin-dir", paramLabel = "DIR", description = "Directory of the server programs (overrides discovery).")
    Path binDir;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Only this origin: system or embedded.")
    BinaryOrigin origin;

    @Option(names = "--datadir", paramLabel = "DIR",
            description = "Start on an existing data directory instead of a new one. The server writes into it: "
                + "point it at a COPY (e.g. one in a dbrecover work dir), never at an original.")
    Path dataDir;

    @Option(names = "--port", description = "TCP port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--check", description = "Start, print the connection details, run the readiness query, stop.")
    boolean check;

    abstract String engineId();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ServerOptions.Builder options = ServerOptions.builder().binaryDir(binDir).dataDir(dataDir).port(port);
        if (origin == BinaryOrigin.CONTAINER) {
            throw io.dbrecover.core.api.RecoveryException.of(io.dbrecover.core.api.ErrorCode.USAGE,
                    "container-backed throwaway servers are not available yet").hint("use --origin system or embedded").build();
        }
        options.origin(origin);
        ManagedServer server = Engines.byId(engineId()).servers().orElseThrow().create(options.build());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dbrecover-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.start();
            ServerInfo info = server.info();
            Endpoint ep = server.endpoint();
            out.printf("%s %s (%s binaries in %s) ready on %s:%d, pid %d%n", info.engine(), info.version(),
                    info.origin().label(), info.binDir(), ep.host(), ep.port(), info.pid());
            out.printf("  url:  %s%n  user: %s%n  data: %s%n", ep.url(), ep.user() == null ? "(none: no authentication)" : ep.user(), info.dataDir());
            out.flush();
            if (check) {
                return 0;
            }
            out.println("Press Ctrl-C to stop it (its temporary files are removed then).");
            out.flush();
            stopped.await();
            return 0;
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }
}
