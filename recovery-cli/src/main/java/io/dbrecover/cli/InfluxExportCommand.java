package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.influx.InfluxExport;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.ExportResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code influx export}: line protocol from TSM and WAL files, without a server. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the points of an InfluxDB data directory as line protocol, without a server: TSM "
                + "files merged with the WAL, tombstones and deletes applied, one line per field value, streamed.",
            "The file starts with the DDL and context lines `influx -import` reads. It is written under "
                + "FILE.partial and renamed when complete; never inside the data or WAL directory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything found was written", "2:usage error (no such directory or database, --out "
                + "inside a source)", "3:written, but damage or values line protocol cannot hold (NaN, infinity) "
                + "were left out (named on stderr)"})
public final class InfluxExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--datadir", required = true, paramLabel = "DIR",
            description = "The data directory: 1.x `data` (or the directory holding data, wal and meta), 2.x the "
                + "directory holding engine/.")
    Path dataDir;

    @Option(names = "--waldir", paramLabel = "DIR",
            description = "The WAL directory (default: the `wal` beside the data directory, when there is one).")
    Path walDir;

    @Option(names = "--db", paramLabel = "NAME", description = "Only this database (2.x: bucket id).")
    String database;

    @Option(names = "--rp", paramLabel = "NAME", description = "Only this retention policy.")
    String retentionPolicy;

    @Option(names = "--start", paramLabel = "TIME",
            description = "First instant exported: RFC 3339 (2024-01-02T03:04:05Z) or nanoseconds since the epoch.")
    String start;

    @Option(names = "--end", paramLabel = "TIME", description = "Last instant exported (inclusive), as --start.")
    String end;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The line protocol file.")
    Path out;

    @Option(names = "--gzip", description = "Compress the file with gzip.")
    boolean gzip;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExportResult r = InfluxExport.export(new InfluxExport.Request(dataDir, walDir, database, retentionPolicy,
                instant(start, "--start"), instant(end, "--end"), out, gzip));
        if (json) {
            stdout.println(InfluxJson.pretty(r));
        } else {
            for (DatabaseCounts c : r.counts()) {
                String rp = c.database() + "/" + c.retentionPolicy();
                stdout.println(TerminalText.escape(rp) + ": " + r.linesPerRetentionPolicy().getOrDefault(rp, 0L)
                        + " lines, " + c.points() + " points, " + c.series() + " series, " + c.measurements().size()
                        + " measurements");
            }
            stdout.println("wrote " + TerminalText.escape(r.out().toString()) + " (" + r.bytes() + " bytes"
                    + (r.gzip() ? ", gzip" : "") + ", sha256 " + r.sha256() + ")");
        }
        stdout.flush();
        for (Damage d : r.damage()) {
            err.println("dbrecover: DAMAGE: " + TerminalText.escape(d.describe()));
        }
        for (Finding f : r.findings()) {
            err.println("dbrecover: " + f.code() + ": " + TerminalText.escape(f.message()));
        }
        return r.complete() ? 0 : ErrorCode.PARTIAL.exitCode();
    }

    private static Instant instant(String value, String flag) {
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("-?\\d+")) {
                return Instant.ofEpochSecond(0, Long.parseLong(value));
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw RecoveryException.of(ErrorCode.USAGE, flag + " " + value + " is no time")
                    .hint("give RFC 3339 (2024-01-02T03:04:05Z) or nanoseconds since the epoch").build();
        }
    }
}
