package io.dbrecover.cli;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.InfluxRebuild;
import io.dbrecover.influx.RebuildRequest;
import io.dbrecover.influx.RestoreRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code influx restore}: an old server directory laid out in a new one, rebuilt where needed, proved. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lay an old InfluxDB 1.x server directory (data/, wal/, meta/ if present) out in a new empty "
                + "one owned by the server's user, rebuild what is missing (index, series files, meta store), prove "
                + "it with a throwaway influxd, and print the influxdb.conf lines to point the real server at it.",
            "The old directory is only read."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restored and proved", "2:usage error (--into not empty, or inside --from)",
            "4:the proof failed", "5:influxd or a tool is missing, or it failed"})
public final class InfluxRestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DIR", required = true,
            description = "The old server directory (holding data/ and wal/, and meta/ if it survived).")
    Path from;

    @Option(names = "--into", paramLabel = "DIR", required = true,
            description = "An empty directory, neither inside --from nor containing it.")
    Path into;

    @Option(names = "--strategy", paramLabel = "S", description = "auto, buildtsi or replay (default: auto).")
    String strategy = "auto";

    @Option(names = "--inspect", paramLabel = "PROGRAM", description = "influx_inspect for buildtsi (default: $"
            + RebuildRequest.INSPECT_ENV + ", then PATH).")
    Path inspect;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Where the journal and report.json go "
            + "(default: --into).")
    Path workDir;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RestoreRequest request = RestoreRequest.builder().from(from).into(into).workDir(workDir)
                .strategy(strategy(strategy)).inspectTool(inspect).server(ServerOptions.defaults())
                .progress(ConsoleProgress.forThisProcess()).build();
        RecoveryReport report;
        try {
            report = InfluxRebuild.restore(request);
        } catch (RecoveryRun.RecoveryAbortedException e) {
            InfluxRebuildIndexCommand.print(spec.commandLine().getOut(), e.report(), json);
            throw e;
        }
        InfluxRebuildIndexCommand.print(spec.commandLine().getOut(), report, json);
        return report.exitCode();
    }

    static RebuildRequest.Strategy strategy(String s) {
        try {
            return RebuildRequest.Strategy.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RecoveryException.of(ErrorCode.USAGE, "--strategy must be auto, buildtsi or replay, not '" + s + "'")
                    .build();
        }
    }
}
