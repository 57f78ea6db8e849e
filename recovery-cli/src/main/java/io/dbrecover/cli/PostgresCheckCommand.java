package io.dbrecover.cli;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.postgres.CheckRequest;
import io.dbrecover.postgres.PostgresRestore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code postgres check}: a copied data directory recovered on a copy by a server of its version, and proved. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a PostgreSQL data directory copied off a disk or a snapshot: copy it again, let a "
                + "throwaway server of its major version run crash recovery on the copy, and prove the result: "
                + "databases, tables and exact row counts, amcheck on B-tree indexes.",
            "The data directory is only read; the server never starts on it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recovered and proved", "2:usage error (--into not empty or inside --datadir)",
            "4:recovery failed or the proof failed", "5:no server of the data directory's major version, or it "
                + "failed"})
public final class PostgresCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--datadir", paramLabel = "DIR", required = true, description = "The data directory (holding "
            + "PG_VERSION).")
    Path dataDir;

    @Option(names = "--into", paramLabel = "DIR", required = true, description = "An empty or new directory for the "
            + "copy (DIR/data) and report.json.")
    Path into;

    @Option(names = "--port", paramLabel = "P", description = "The throwaway server's port on 127.0.0.1 "
            + "(default: a free one).")
    int port;

    @Option(names = "--keep-running", description = "Keep the proved server running until Ctrl-C and print how to "
            + "connect.")
    boolean keepRunning;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        CheckRequest request = CheckRequest.of(dataDir, into).withPort(port).withKeepRunning(keepRunning)
                .withServer(ServerOptions.defaults()).withProgress(ConsoleProgress.forThisProcess());
        try {
            if (keepRunning) {
                return KeptServer.hold(spec.commandLine().getOut(), PostgresRestore.checkAndKeep(request), json);
            }
            RecoveryReport report = PostgresRestore.check(request);
            InfluxRebuildIndexCommand.print(spec.commandLine().getOut(), report, json);
            return report.exitCode();
        } catch (RecoveryRun.RecoveryAbortedException e) {
            InfluxRebuildIndexCommand.print(spec.commandLine().getOut(), e.report(), json);
            throw e;
        }
    }
}
