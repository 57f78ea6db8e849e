package io.dbrecover.cli;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.postgres.PostgresRestore;
import io.dbrecover.postgres.RestoreRequest;
import io.dbrecover.postgres.RestoreTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code postgres restore}: a base backup laid out, WAL replayed to a target, the result proved. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore a PostgreSQL base backup (plain or tar, gzip/lz4/zstd) into a new directory and "
                + "replay WAL from the archive to a point in time, then prove the result with a throwaway server of "
                + "the backup's major version: databases, tables and exact row counts, amcheck on B-tree indexes.",
            "The backup is verified against its manifest first; a target before the backup's end is refused; a "
                + "recovery that ends before its target fails. The backup and the archive are only read."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restored to the target and proved", "2:usage error (--into not empty, target before the "
                + "backup's end)", "4:the backup failed verification, recovery ended before the target, or the "
                + "proof failed", "5:no server of the backup's major version, or it failed"})
public final class PostgresRestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backup", paramLabel = "DIR", required = true,
            description = "The base backup: a plain data directory copy or the directory of base.tar[.gz|.lz4|.zst].")
    Path backup;

    @Option(names = "--into", paramLabel = "DIR", required = true, description = "An empty or new directory: the "
            + "data directory goes to DIR/data, tablespaces to DIR/tablespaces/<oid>, report.json to DIR.")
    Path into;

    @Option(names = "--wal-archive", paramLabel = "DIR", description = "The WAL archive to replay from (only read); "
            + "without it only the WAL inside the backup is replayed.")
    Path walArchive;

    @Option(names = "--target-time", paramLabel = "T", description = "Stop at this time, with its offset, e.g. "
            + "2026-12-06T21:59:00Z.")
    String targetTime;

    @Option(names = "--target-lsn", paramLabel = "L", description = "Stop at this WAL location, e.g. 0/3000028.")
    String targetLsn;

    @Option(names = "--target-xid", paramLabel = "X", description = "Stop at this transaction id.")
    String targetXid;

    @Option(names = "--target-name", paramLabel = "N", description = "Stop at this restore point "
            + "(pg_create_restore_point).")
    String targetName;

    @Option(names = "--target", paramLabel = "immediate|latest", description = "immediate: the backup's end; "
            + "latest: all WAL at hand (the default).")
    String target;

    @Option(names = "--exclusive", description = "Stop just before the target instead of just after it.")
    boolean exclusive;

    @Option(names = "--tablespace-map", paramLabel = "OID=DIR", description = "Put a tablespace into DIR (an empty "
            + "or new directory); repeatable.")
    List<String> tablespaceMap = List.of();

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
        RestoreRequest.Builder b = RestoreRequest.builder().backup(backup).into(into).walArchive(walArchive)
                .target(target()).exclusive(exclusive).port(port).keepRunning(keepRunning)
                .server(ServerOptions.defaults()).progress(ConsoleProgress.forThisProcess());
        for (String m : tablespaceMap) {
            int eq = m.indexOf('=');
            if (eq < 1 || eq == m.length() - 1) {
                throw RecoveryException.of(ErrorCode.USAGE, "--tablespace-map takes OID=DIR, not '" + m + "'")
                        .hint("e.g. --tablespace-map 16384=/srv/ts1").build();
            }
            b.tablespace(m.substring(0, eq), Path.of(m.substring(eq + 1)));
        }
        RestoreRequest request = b.build();
        try {
            if (keepRunning) {
                return KeptServer.hold(spec.commandLine().getOut(), PostgresRestore.restoreAndKeep(request), json);
            }
            RecoveryReport report = PostgresRestore.restore(request);
            InfluxRebuildIndexCommand.print(spec.commandLine().getOut(), report, json);
            return report.exitCode();
        } catch (RecoveryRun.RecoveryAbortedException e) {
            InfluxRebuildIndexCommand.print(spec.commandLine().getOut(), e.report(), json);
            throw e;
        }
    }

    private RestoreTarget target() {
        int given = (targetTime != null ? 1 : 0) + (targetLsn != null ? 1 : 0) + (targetXid != null ? 1 : 0)
                + (targetName != null ? 1 : 0) + (target != null ? 1 : 0);
        if (given > 1) {
            throw RecoveryException.of(ErrorCode.USAGE, "give one target: --target-time, --target-lsn, --target-xid, "
                    + "--target-name or --target immediate|latest").build();
        }
        if (targetTime != null) {
            return RestoreTarget.time(targetTime);
        }
        if (targetLsn != null) {
            return RestoreTarget.lsn(targetLsn);
        }
        if (targetXid != null) {
            return RestoreTarget.xid(targetXid);
        }
        if (targetName != null) {
            return RestoreTarget.name(targetName);
        }
        if (target == null || target.equals("latest")) {
            return RestoreTarget.latest();
        }
        if (target.equals("immediate")) {
            return RestoreTarget.immediate();
        }
        throw RecoveryException.of(ErrorCode.USAGE, "--target takes immediate or latest, not '" + target + "'")
                .hint("for a time, an LSN, a transaction or a restore point use --target-time, --target-lsn, "
                        + "--target-xid or --target-name").build();
    }
}
