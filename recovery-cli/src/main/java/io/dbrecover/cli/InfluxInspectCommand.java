package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.influx.InfluxInspect;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.Inspection;
import io.dbrecover.influx.model.MeasurementCounts;
import io.dbrecover.influx.model.ShardSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code influx inspect}: what an InfluxDB data directory holds, read-only and without a server. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show what an InfluxDB data directory holds, without a server and without writing anything: "
                + "databases, retention policies, shards (time range, index kind tsi1/inmem/missing/damaged, "
                + "owners, WAL), measurements, series, field keys with their types and points, counted from the TSM "
                + "files and the WAL with tombstones and deletes applied.",
            "Every block is read, so this takes as long as reading the data once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything was read", "2:usage error (no such directory)",
            "3:damage was found (named on stderr; the rest was counted)"})
public final class InfluxInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--datadir", required = true, paramLabel = "DIR",
            description = "The data directory: 1.x `data` (or the directory holding data, wal and meta), 2.x the "
                + "directory holding engine/.")
    Path dataDir;

    @Option(names = "--waldir", paramLabel = "DIR",
            description = "The WAL directory (default: the `wal` beside the data directory, when there is one).")
    Path walDir;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inspection in = InfluxInspect.inspect(dataDir, walDir);
        if (json) {
            out.println(InfluxJson.pretty(in));
        } else {
            render(in, out);
        }
        out.flush();
        for (Damage d : in.damage()) {
            err.println("dbrecover: DAMAGE: " + TerminalText.escape(d.describe()));
        }
        return in.damage().isEmpty() ? 0 : ErrorCode.PARTIAL.exitCode();
    }

    private static void render(Inspection in, PrintWriter out) {
        out.println("InfluxDB " + in.layout().version() + " data: " + esc(in.layout().dataDir().toString()));
        out.println("WAL: " + (in.layout().walDir() == null ? "(none)" : esc(in.layout().walDir().toString()))
                + (in.layout().metaDir() == null ? "" : "; meta: " + esc(in.layout().metaDir().toString())));
        for (String db : in.layout().databases()) {
            out.println();
            out.println("database " + esc(db) + " (owner " + esc(in.layout().owners().getOrDefault(db, "?")) + ", "
                    + (in.layout().seriesDirs().containsKey(db) ? "_series present" : "no _series") + ")");
            for (ShardSummary s : in.shards()) {
                if (!s.files().database().equals(db)) {
                    continue;
                }
                out.println("  shard " + esc(s.files().retentionPolicy()) + "/" + s.files().id() + ": "
                        + range(s) + ", " + s.files().tsm().size() + " tsm, " + s.files().tombstones().size()
                        + " tombstone, " + s.files().wal().size() + " wal (" + s.walValues() + " values), "
                        + s.values() + " values in " + s.keys() + " keys; index " + s.files().index().name()
                        .toLowerCase(java.util.Locale.ROOT) + " (" + esc(s.files().indexNote()) + "); owners "
                        + esc(String.join(",", s.files().owners())) + (s.files().walOnly() ? "; ONLY IN THE WAL" : ""));
            }
            for (DatabaseCounts c : in.counts()) {
                if (!c.database().equals(db)) {
                    continue;
                }
                out.println("  retention policy " + esc(c.retentionPolicy()) + ": " + c.measurements().size()
                        + " measurements, " + c.series() + " series, " + c.points() + " points");
                for (MeasurementCounts m : c.measurements()) {
                    StringBuilder fields = new StringBuilder();
                    m.fieldTypes().forEach((f, t) -> fields.append(fields.length() == 0 ? "" : ", ").append(esc(f))
                            .append(':').append(t).append(" (").append(m.fieldCounts().get(f)).append(')'));
                    out.println("    " + esc(m.measurement()) + ": " + m.series() + " series, " + m.points()
                            + " points; fields " + fields);
                }
            }
        }
        for (Finding f : in.layout().findings()) {
            out.println("note: " + f.code() + ": " + esc(f.message()));
        }
    }

    private static String range(ShardSummary s) {
        return s.values() == 0 ? "no values" : Instant.ofEpochSecond(0, s.minTime()) + " .. "
                + Instant.ofEpochSecond(0, s.maxTime());
    }

    private static String esc(String s) {
        return TerminalText.escape(s);
    }
}
