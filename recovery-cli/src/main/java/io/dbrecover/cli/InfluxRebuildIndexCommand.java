package io.dbrecover.cli;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.report.TextReportRenderer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.InfluxRebuild;
import io.dbrecover.influx.RebuildRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code influx rebuild-index}: a lost TSI index (and meta store) rebuilt into a new directory, and proved. */
@Command(name = "rebuild-index", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rebuild the TSI index of an InfluxDB 1.x data directory whose index/ and _series (or meta.db) "
                + "are lost, into a new server directory in --out (meta/, data/, wal/), and prove it: a throwaway "
                + "influxd on the result must open every shard with tsi1 and answer the numbers of the files.",
            "The sources are only read. Strategies: buildtsi (influx_inspect on a copy, as the data's owner), replay "
                + "(every point written into a fresh influxd), auto (buildtsi when the tool is found, else replay)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rebuilt and proved", "2:usage error (e.g. --out not empty, an influxd uses the directory)",
            "4:the proof failed (a shard not opened with tsi1, or numbers that differ from the files)",
            "5:influxd or the strategy's tool is missing, or it failed"})
public final class InfluxRebuildIndexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--datadir", paramLabel = "DIR", required = true,
            description = "The data directory (data/<db>/<rp>/<shard>), e.g. /var/lib/influxdb/data.")
    Path dataDir;

    @Option(names = "--waldir", paramLabel = "DIR", description = "The WAL directory, e.g. /var/lib/influxdb/wal.")
    Path walDir;

    @Option(names = "--metadir", paramLabel = "DIR", description = "The directory of meta.db (default: meta/ next "
            + "to --datadir when it has one; without it, databases and retention policies are recreated from the "
            + "directory tree).")
    Path metaDir;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "An empty directory for the new server directory (meta/, data/, wal/).")
    Path out;

    @Option(names = "--strategy", paramLabel = "S", description = "auto, buildtsi or replay (default: auto).")
    String strategy = "auto";

    @Option(names = "--inspect", paramLabel = "PROGRAM", description = "influx_inspect (1.x) or influxd (2.x) for "
            + "buildtsi (default: $" + RebuildRequest.INSPECT_ENV + ", then PATH).")
    Path inspect;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Where the journal and report.json go "
            + "(default: --out).")
    Path workDir;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RebuildRequest request = RebuildRequest.builder().dataDir(dataDir).walDir(walDir).metaDir(metaDir).out(out)
                .workDir(workDir).strategy(InfluxRestoreCommand.strategy(strategy)).inspectTool(inspect)
                .server(ServerOptions.defaults()).progress(ConsoleProgress.forThisProcess()).build();
        PrintWriter pw = spec.commandLine().getOut();
        RecoveryReport report;
        try {
            report = InfluxRebuild.rebuildIndex(request);
        } catch (RecoveryRun.RecoveryAbortedException e) {
            print(pw, e.report(), json);
            throw e;
        }
        print(pw, report, json);
        return report.exitCode();
    }

    static void print(PrintWriter out, RecoveryReport report, boolean json) {
        out.print(CliFlags.flags(json ? Json.pretty(report) + "\n" : new TextReportRenderer().render(report)));
        out.flush();
    }
}
