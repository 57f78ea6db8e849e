package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.influx.InfluxVerify;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.VerifiedFile;
import io.dbrecover.influx.model.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code influx verify}: every TSM block's CRC and the index's consistency, without a server, read-only. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check TSM files without a server: every block's CRC32 and the index; exit 4 on damage.",
            "Checked: header and footer, the index (keys sorted, each key's blocks in time order without overlaps "
                + "and inside the file), every block's CRC32 and the tombstone files. PATH is a .tsm file or a "
                + "directory searched recursively (a shard, a database, a data directory).",
            "Nothing is written. Each damage is printed with its file, byte offset and series key."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no damage", "2:usage error, PATH missing or without .tsm files",
            "4:damage found (each broken block is named)", "5:a file could not be read (I/O error)"})
public final class InfluxVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "A .tsm file or a directory.")
    Path path;

    @Option(names = "--deep", description = "Also decode every block: its values' count and type, timestamps "
            + "ascending and within the index's range.")
    boolean deep;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    /** One damage in {@code --json}. */
    record JsonDamage(String file, Long offset, String key, String what) {
    }

    /** One file in {@code --json}. */
    record JsonFile(String file, long bytes, long keys, long blocks, Long values, long tombstones, long damaged) {
    }

    /** The {@code --json} document. */
    record JsonReport(String path, boolean deep, boolean clean, long files, long blocks, long bytes, Long values,
                      List<JsonFile> checked, List<JsonDamage> damage) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        VerifyReport r = InfluxVerify.verify(path, deep);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            out.println(Json.pretty(new JsonReport(r.path().toString(), r.deep(), r.clean(), r.files().size(),
                    r.blocks(), r.bytes(), r.deep() ? r.values() : null, r.files().stream().map(f -> new JsonFile(
                            f.file().toString(), f.bytes(), f.keys(), f.blocks(), f.values() < 0 ? null : f.values(),
                            f.tombstones(), f.damaged())).toList(),
                    r.damage().stream().map(d -> new JsonDamage(d.file().toString(),
                            d.offset() < 0 ? null : d.offset(), d.seriesKey(), d.what())).toList())));
        } else {
            for (Damage d : r.damage()) {
                out.println("DAMAGE " + TerminalText.escape(d.describe()));
            }
            long damagedFiles = r.files().stream().filter(f -> f.damaged() > 0).count();
            out.println(String.format(Locale.ROOT, "%s: %d TSM file(s), %d blocks, %.1f MB checked (%s) in %.2f s:"
                    + " %s", TerminalText.escape(path.toString()), r.files().size(), r.blocks(), r.bytes() / 1e6,
                    deep ? "CRC and decoded, " + r.values() + " values" : "CRC", seconds,
                    r.clean() ? "no damage" : r.files().stream().mapToLong(VerifiedFile::damaged).sum()
                            + " damage(s) in " + damagedFiles + " file(s)"));
        }
        out.flush();
        return r.clean() ? 0 : ErrorCode.CORRUPT_INPUT.exitCode();
    }
}
