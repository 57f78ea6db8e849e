package io.dbrecover.postgres;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.postgres.restore.CheckRun;
import io.dbrecover.postgres.restore.Recovery;
import io.dbrecover.postgres.restore.RestoreInput;
import io.dbrecover.postgres.restore.RestoreRun;
import io.dbrecover.postgres.restore.Target;
import io.dbrecover.postgres.server.PostgresServerProvider;

/**
 * A base backup restored to a point in time, or a copied data directory checked, and either proved through a
 * throwaway server: the same as {@code dbrecover postgres restore} and {@code dbrecover postgres check}.
 *
 * <pre>{@code
 * RecoveryReport report = PostgresRestore.restore(RestoreRequest.builder()
 *         .backup(Path.of("/backups/base-2026-12-06")).walArchive(Path.of("/archive/wal"))
 *         .into(Path.of("/srv/restored")).target(RestoreTarget.time("2026-12-06T21:59:00Z"))
 *         .build());
 * }</pre>
 *
 * <p>A restore verifies the backup against its manifest first (any problem: refused), refuses a target before the
 * backup's end, lays the backup out in {@code into/data} (tar entries that would leave it refused) with its
 * tablespaces, writes the recovery settings ({@code archive_mode=off}, a {@code restore_command} that only copies
 * out of the archive, the target, {@code recovery_target_action=promote}) and lets a server of the backup's major
 * version replay the WAL while nobody can log in, watching the postmaster and its log to the end. A recovery that
 * ends before its target is a failure (exit code 4), never a success. Then the proof: every database, every table
 * read to its end with an exact {@code count(*)}, its count through an index compared, {@code amcheck} on B-tree
 * indexes. Runs through {@link io.dbrecover.core.RecoveryRun}: sources inventoried before and after, journal and
 * {@code report.json} in {@code into}.
 */
public final class PostgresRestore {
    private PostgresRestore() {
    }

    /**
     * A restore or check whose server still runs, proven; close it to stop the server.
     *
     * @param report the run's report
     * @param server the running server (its {@link ManagedServer#endpoint()} says how to connect)
     */
    public record Running(RecoveryReport report, ManagedServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    /** Restores a base backup; the server is stopped at the end ({@code keepRunning} is refused here). */
    public static RecoveryReport restore(RestoreRequest request) {
        if (request.keepRunning()) {
            throw keepRunning("restore");
        }
        return restore(request, false, new PostgresServerProvider()).report();
    }

    /** Restores a base backup and leaves its server running. */
    public static Running restoreAndKeep(RestoreRequest request) {
        Recovery.Outcome o = restore(request, true, new PostgresServerProvider());
        return running(o);
    }

    /** Checks a copied data directory; the server is stopped at the end ({@code keepRunning} is refused here). */
    public static RecoveryReport check(CheckRequest request) {
        if (request.keepRunning()) {
            throw keepRunning("check");
        }
        return check(request, false, new PostgresServerProvider()).report();
    }

    /** Checks a copied data directory and leaves its server running. */
    public static Running checkAndKeep(CheckRequest request) {
        return running(check(request, true, new PostgresServerProvider()));
    }

    private static Recovery.Outcome restore(RestoreRequest r, boolean keep, PostgresServerProvider provider) {
        RestoreTarget t = r.target();
        Target target = new Target(Target.Kind.valueOf(t.kind().name()), t.value(),
                t.kind() == RestoreTarget.Kind.TIME ? t.instant() : null);
        return RestoreRun.run(new RestoreInput(r.backup(), r.walArchive(), r.into(), target, r.exclusive(),
                r.tablespaceMap(), r.port(), keep, r.recoveryTimeout(), r.server(), r.progress()), provider);
    }

    private static Recovery.Outcome check(CheckRequest r, boolean keep, PostgresServerProvider provider) {
        return CheckRun.run(r.dataDir(), r.into(), r.port(), keep, r.recoveryTimeout(), r.server(),
                r.progress(), provider);
    }

    private static Running running(Recovery.Outcome o) {
        if (o.server() == null) {
            throw RecoveryException.of(ErrorCode.INTERNAL, "the server was not kept running").build();
        }
        return new Running(o.report(), o.server());
    }

    private static RecoveryException keepRunning(String op) {
        return RecoveryException.of(ErrorCode.USAGE, "keepRunning is set, but " + op + "() stops the server")
                .hint("call " + op + "AndKeep() to get the running server").build();
    }
}
