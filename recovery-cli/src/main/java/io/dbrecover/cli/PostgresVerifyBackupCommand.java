package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.postgres.PostgresBackups;
import io.dbrecover.postgres.VerifyBackupRequest;
import io.dbrecover.postgres.model.BackupPosition;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupVerification;
import io.dbrecover.postgres.model.WalRangeCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code postgres verify-backup}: a base backup checked against its manifest, plain or tar, read-only. */
@Command(name = "verify-backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a base backup against its backup_manifest; exit 4 on any problem.",
            "Checked: the manifest's own SHA-256; every file it lists present with its size and checksum (CRC32C, "
                + "SHA-224/256/384/512); no file the manifest does not list (but those PostgreSQL never lists); "
                + "every WAL segment of its WAL ranges in the backup or in --wal-archive, with sound page headers. "
                + "DIR is a plain backup (a data directory) or the directory of a tar backup (base.tar, <oid>.tar, "
                + "pg_wal.tar, each possibly .gz, .lz4 or .zst), whose archives are read as streams, never "
                + "extracted; a tar entry that would land outside its directory is a problem too.",
            "Nothing is written. Each problem is printed with its file, and what was expected and found."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no problem", "2:usage error, DIR missing or without backup_manifest",
            "4:problems found (each one listed)", "5:a file could not be read (I/O error)"})
public final class PostgresVerifyBackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The backup directory (the one holding backup_manifest).")
    Path dir;

    @Option(names = "--wal-archive", paramLabel = "DIR", description = "A WAL archive directory to look for the "
            + "backup's WAL segments and its *.backup file (its stop time) in.")
    Path walArchive;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** The {@code --json} document. */
    record JsonReport(String backup, String format, boolean clean, int manifestVersion, String systemIdentifier,
                      String pgVersion, long files, long bytes, Map<String, Long> algorithms, List<String> archives,
                      List<String> tablespaces, long walSegmentSize, List<JsonRange> walRanges,
                      BackupPosition position, double seconds, List<BackupProblem> problems) {
    }

    /** One WAL range in {@code --json}. */
    record JsonRange(int timeline, String start, String end, List<WalRangeCheck.FoundSegment> present,
                     List<String> missing) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        BackupVerification v = PostgresBackups.verify(new VerifyBackupRequest(dir, walArchive, true, 0));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            out.println(Json.pretty(new JsonReport(v.backup().toString(), v.format().name().toLowerCase(Locale.ROOT),
                    v.clean(), v.manifestVersion(), v.systemIdentifier(), v.pgVersion(), v.files(), v.bytes(),
                    v.algorithms(), v.archives(), v.tablespaces(), v.walSegmentSize(), v.walRanges().stream()
                    .map(r -> new JsonRange(r.timeline(), r.start().toString(), r.end().toString(), r.present(),
                            r.missing())).toList(), v.position(), seconds, v.problems())));
        } else {
            print(out, v, seconds);
        }
        out.flush();
        return v.clean() ? 0 : ErrorCode.VERIFICATION_FAILED.exitCode();
    }

    private static void print(PrintWriter out, BackupVerification v, double seconds) {
        for (BackupProblem p : v.problems()) {
            out.println("PROBLEM " + p.kind() + " " + TerminalText.escape(p.describe()));
        }
        BackupPosition pos = v.position();
        out.println("backup: " + TerminalText.escape(v.backup().toString()) + " (" + v.format().name()
                .toLowerCase(Locale.ROOT) + (v.archives().isEmpty() ? "" : ": " + String.join(", ", v.archives()))
                + "), PostgreSQL " + (v.pgVersion() == null ? "?" : v.pgVersion()) + ", manifest version "
                + v.manifestVersion() + (v.systemIdentifier() == null ? "" : ", system " + v.systemIdentifier()));
        if (pos.start() != null) {
            out.println("position: start " + pos.start() + (pos.startTime() == null ? "" : " at " + pos.startTime())
                    + ", end " + (pos.end() == null ? "?" : pos.end().toString()) + (pos.stopTime() == null ? ""
                    : " at " + pos.stopTime()) + ", timeline " + pos.timeline()
                    + (pos.backupFile() == null ? "" : " (stop from " + pos.backupFile() + ")"));
        }
        for (WalRangeCheck r : v.walRanges()) {
            out.println("WAL: timeline " + r.timeline() + " " + r.start() + " to " + r.end() + ": "
                    + r.present().size() + " segment(s) found" + (r.missing().isEmpty() ? ""
                    : ", " + r.missing().size() + " missing"));
        }
        out.println(String.format(Locale.ROOT, "%d file(s), %.1f MB checked (%s) in %.2f s: %s", v.files(),
                v.bytes() / 1e6, v.algorithms().keySet().isEmpty() ? "no checksums" : String.join(", ",
                        v.algorithms().keySet()), seconds, v.clean() ? "no problem"
                        : v.problems().size() + " problem(s)"));
    }
}
