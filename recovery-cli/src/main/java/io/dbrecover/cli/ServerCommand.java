package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.report.TextReportRenderer;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ClientAccess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerSession;
import io.dbrecover.core.spi.Engine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code <engine> server}, one command for every engine that starts throwaway servers: parses the options, runs a
 * {@link ServerSession} of the engine's provider and prints how to reach the server, then holds it until Ctrl-C.
 */
@Command(name = "server", mixinStandardHelpOptions = true)
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bin-dir", paramLabel = "DIR",
            description = "Directory of the server programs (overrides discovery).")
    Path binDir;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Only this origin: system or embedded.")
    BinaryOrigin origin;

    @Option(names = "--datadir", paramLabel = "DIR",
            description = "Start on an existing data directory instead of a new one. DIR is only read: it is copied "
                + "into --workdir first and the server runs on the copy.")
    Path dataDir;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where --datadir is copied to (<workdir>/datadir). Running again with the same work dir "
                + "starts on the same copy.")
    Path workDir;

    @Option(names = "--in-place",
            description = "Start directly on --datadir, which the server then writes into. Only for a directory "
                + "that is itself a disposable copy.")
    boolean inPlace;

    @Option(names = "--port", description = "TCP port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--check", description = "Start, print the connection details, run the readiness query, stop.")
    boolean check;

    private final Engine engine;

    private ServerCommand(Engine engine) {
        this.engine = engine;
    }

    /** The command for an engine that has throwaway servers. */
    static CommandLine of(Engine engine) {
        CommandLine cl = new CommandLine(new ServerCommand(engine));
        cl.getCommandSpec().usageMessage().description("Start a throwaway " + engine.displayName()
                + " server on 127.0.0.1 and keep it until Ctrl-C.");
        return cl;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        refuseContainerOrigin(origin);
        // the library checks the same in its own words; here they are said in the flags the user typed
        if (dataDir != null && !inPlace && workDir == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "--datadir needs --workdir: the server runs on a copy, never "
                    + "on the directory you name").hint("add --workdir DIR, or --in-place if " + dataDir
                    + " is itself a disposable copy").build();
        }
        if ((workDir != null || inPlace) && dataDir == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "--workdir and --in-place go with --datadir").build();
        }
        ServerSession session = ServerSession.open(engine.servers().orElseThrow(), new ServerSession.Request(dataDir,
                        workDir, inPlace, ServerOptions.builder().binaryDir(binDir).port(port).origin(origin).build()),
                ConsoleProgress.forThisProcess());
        session.copy().ifPresent(copy -> {
            if (copy.reused()) {
                out.println("using the copy made by an earlier run: " + copy.dir());
            } else {
                out.printf("copied %d files (%s) to %s%n", copy.files(), TextReportRenderer.bytes(copy.bytes()),
                        copy.dir());
            }
        });
        try {
            return serve(out, session);
        } finally {
            Optional<InventoryVerdict> verdict = session.finish();
            verdict.ifPresent(v -> out.printf("source %s unchanged: %s%n", dataDir, v.yesNo()));
            out.flush();
        }
    }

    private int serve(PrintWriter out, ServerSession session) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        // on SIGTERM/Ctrl-C the JVM halts once its hooks end, whatever the main thread is doing: the hook itself
        // must remove the client file, or the password stays behind whenever the main thread is too late
        Thread hook = new Thread(() -> {
            session.stop();
            stopped.countDown();
        }, "dbrecover-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ClientAccess access = session.start();
            printReady(out, session.server().info(), session.server().endpoint(), access);
            out.flush();
            if (check) {
                return 0;
            }
            out.println("Press Ctrl-C to stop it (its temporary files are removed then; a --workdir copy is kept).");
            out.flush();
            stopped.await();
            return 0;
        } finally {
            session.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }

    /** How to reach a running throwaway server; the password only as the file that holds it. */
    static void printReady(PrintWriter out, ServerInfo info, Endpoint ep, ClientAccess access) {
        out.printf("%s %s (%s binaries in %s) ready on %s:%d, pid %d%n", info.engine(), info.version(),
                info.origin().label(), info.binDir(), ep.host(), ep.port(), info.pid());
        // the password only in a file of the user's own: stdout may be logged or shared
        out.printf("  url:  %s%n  user: %s%n  password: in %s (readable by you only, removed at stop)%n"
                + "  connect: %s%n  data: %s%n", ep.url(), ep.user(), access.file(), access.command(),
                info.dataDir());
    }

    /** {@code --origin container} is designed for but not written: one clear usage error for every command. */
    static void refuseContainerOrigin(BinaryOrigin origin) {
        if (origin == BinaryOrigin.CONTAINER) {
            throw RecoveryException.of(ErrorCode.USAGE, "container-backed throwaway servers are not available yet")
                    .hint("use --origin system or embedded").build();
        }
    }
}
