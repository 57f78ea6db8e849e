package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.Engines;
import java.io.PrintWriter;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.core.workspace.TreeCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
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

    abstract String engineId();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ServerCommandSupport.refuseContainerOrigin(origin);
        if (dataDir != null && !inPlace && workDir == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "--datadir needs --workdir: the server runs on a copy, never "
                    + "on the directory you name").hint("add --workdir DIR, or --in-place if " + dataDir
                    + " is itself a disposable copy").build();
        }
        if ((workDir != null || inPlace) && dataDir == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "--workdir and --in-place go with --datadir").build();
        }
        EvidenceWorkspace workspace = null;
        Path serverData = dataDir;
        if (dataDir != null && !inPlace) {
            workspace = EvidenceWorkspace.open(List.of(dataDir), workDir, ConsoleProgress.forThisProcess());
            serverData = workspace.workDir().resolve("datadir");
            if (workspace.resumed() && Files.isDirectory(serverData)) {
                out.println("using the copy made by an earlier run: " + serverData);
            } else {
                TreeCopy.Result copy = TreeCopy.copy(workspace, dataDir, "datadir", TreeCopy.Links.REFUSE,
                        "in a copy of the data directory, replace the link by what it points to, and name that copy",
                        null, ConsoleProgress.forThisProcess());
                out.printf("copied %d files (%s) to %s%n", copy.files(),
                        io.dbrecover.core.report.TextReportRenderer.bytes(copy.bytes()), copy.target());
            }
        }
        try {
            return runServer(out, workspace == null ? null : workspace.workDir(), ServerOptions.builder().binaryDir(binDir).dataDir(serverData).port(port)
                    .origin(origin).build());
        } finally {
            if (workspace != null) {
                InventoryVerdict verdict = workspace.verifySources(ProgressListener.NONE);
                out.printf("source %s unchanged: %s%n", dataDir, verdict.yesNo());
                out.flush();
                workspace.close();
            }
        }
    }

    private int runServer(PrintWriter out, Path clientBase, ServerOptions options) throws InterruptedException {
        ManagedServer server = Engines.byId(engineId()).servers().orElseThrow().create(options);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<ClientAccess> written = new AtomicReference<>();
        // on SIGTERM/Ctrl-C the JVM halts once its hooks end, whatever the main thread is doing: the hook itself
        // must remove the client file, or the password stays behind whenever the main thread is too late
        Thread hook = new Thread(() -> {
            deleteAccess(written);
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
            ClientAccess access = ClientAccess.write(engineId(), ep, clientBase);
            written.set(access);
            // the password only in a file of the user's own: stdout may be logged or shared
            out.printf("  url:  %s%n  user: %s%n  password: in %s (readable by you only, removed at stop)%n"
                    + "  connect: %s%n  data: %s%n", ep.url(), ep.user(), access.file(), access.command(),
                    info.dataDir());
            out.flush();
            if (check) {
                return 0;
            }
            out.println("Press Ctrl-C to stop it (its temporary files are removed then; a --workdir copy is kept).");
            out.flush();
            stopped.await();
            return 0;
        } finally {
            deleteAccess(written);
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }

    private static void deleteAccess(AtomicReference<ClientAccess> written) {
        ClientAccess access = written.getAndSet(null);
        if (access != null) {
            access.delete();
        }
    }

    /** {@code --origin container} is designed for but not written: one clear usage error for every command. */
    static void refuseContainerOrigin(BinaryOrigin origin) {
        if (origin == BinaryOrigin.CONTAINER) {
            throw RecoveryException.of(ErrorCode.USAGE, "container-backed throwaway servers are not available yet")
                    .hint("use --origin system or embedded").build();
        }
    }
}
