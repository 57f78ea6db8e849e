package io.dbrecover.postgres.restore;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.FreePorts;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.postgres.server.PostgresServerProvider;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code postgres check}: a data directory copied off an intact disk or a snapshot is copied again (the server
 * never starts on the original), a server of its major version lets crash recovery run on the copy, watched to its
 * end, and the JDBC proof follows.
 */
public final class CheckRun {
    /** The journal's plan id. */
    public static final String PLAN = "postgres-check";

    private CheckRun() {
    }

    /**
     * Runs the check.
     *
     * @param into where the copy goes ({@code into/data}) with the run's files
     */
    public static Recovery.Outcome run(Path dataDir, Path into, int port, boolean keepRunning, Duration timeout,
                                       ServerOptions options, ProgressListener progress,
                                       PostgresServerProvider provider) {
        Path src = dataDir.toAbsolutePath().normalize();
        Path out = into.toAbsolutePath().normalize();
        if (!Files.isRegularFile(src.resolve("PG_VERSION"), LinkOption.NOFOLLOW_LINKS)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "CheckRequest.dataDir " + src + " is not a "
                    + "PostgreSQL data directory (no PG_VERSION in it)").path(src)
                    .hint("name the directory that holds PG_VERSION, base/ and global/").build();
        }
        IntoDir.check(out, List.of(src), "CheckRequest.into");
        Recovery recovery = new Recovery(provider, new ProcessRunner());
        Path data = out.resolve("data");
        int p = port != 0 ? port : FreePorts.find();
        List<Step> steps = List.of(
                new Step("copy", "copy " + src + " to " + data, ctx -> copy(ctx, src, data, options)),
                new Step("crash-recovery", "start a server of the data directory's major version on the copy and "
                        + "watch crash recovery to its end", ctx -> recovery.start(ctx, data, options, p, timeout,
                        null)),
                new Step("prove", "databases, tables and exact row counts through JDBC; amcheck on B-tree indexes",
                        recovery::prove));
        RecoveryReport report;
        try {
            report = RecoveryRun.builder(PostgresServerProvider.ENGINE, "check").source(src).workDir(out)
                    .progress(progress).build().execute(new Plan(PLAN, src + " " + out, steps));
        } catch (RuntimeException e) {
            recovery.stop();
            throw e;
        }
        return recovery.outcome(report, keepRunning);
    }

    private static void copy(StepContext ctx, Path src, Path data, ServerOptions options) {
        for (String signal : List.of("recovery.signal", "standby.signal", "backup_label")) {
            if (Files.exists(src.resolve(signal), LinkOption.NOFOLLOW_LINKS)) {
                throw RecoveryException.of(ErrorCode.USAGE, src + " holds " + signal + ": it is a base backup or a "
                        + "standby, not a data directory copied off a disk").path(src)
                        .hint("restore it with `dbrecover postgres restore`").build();
            }
        }
        Layout layout = new Layout(ctx.workspace().files());
        Map<String, Path> tablespaces = layout.copyPlain(src, data, java.util.Set.of());
        if (!tablespaces.isEmpty()) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, src + " has tablespaces (pg_tblspc/"
                    + String.join(", pg_tblspc/", tablespaces.keySet()) + "), which check does not lay out yet")
                    .path(src).hint("copy the tablespaces with the data directory and start PostgreSQL on the copy "
                            + "by hand").build();
        }
        new Ownership(options).give(data, List.of());
        ctx.finding(Finding.info("COPY", "copied " + layout.files() + " files (" + layout.bytes() + " bytes) to "
                + data + "; the server runs on the copy only"));
        ctx.verification(new Verification("*", "copy", true, "every file of the data directory copied",
                layout.files() + " files, " + layout.bytes() + " bytes"));
    }
}
