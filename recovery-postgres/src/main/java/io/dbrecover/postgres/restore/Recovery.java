package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import io.dbrecover.postgres.server.RecoveryLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The server of a restore or check, from the start of its recovery to the proof: a server of the data
 * directory's major version ({@link ServerChoice}), the recovery watched to its end ({@link RecoveryLog} in the
 * report, the target's line required), then the {@link ClusterProof}. Stopped at the end of the run unless it is to
 * keep running; always stopped when the run fails.
 */
public final class Recovery {
    private final PostgresServerProvider provider;
    private final ProcessRunner runner;
    private PostgresServer server;

    /**
     * What a restore or check returns.
     *
     * @param report the run's report
     * @param server the proven server, still running, when it was asked to keep running; else {@code null}
     */
    public record Outcome(RecoveryReport report, ManagedServer server) {
    }

    Recovery(PostgresServerProvider provider, ProcessRunner runner) {
        this.provider = provider;
        this.runner = runner;
    }

    /** Chooses the server, lets it recover the directory and watches the recovery to its end. */
    void start(StepContext ctx, Path data, ServerOptions options, int port, Duration timeout, Target target) {
        ServerChoice choice = ServerChoice.choose(ServerChoice.major(data), options, runner);
        ctx.finding(Finding.info("SERVER", "PostgreSQL " + choice.major() + " data directory: " + choice.why()));
        server = provider.createRecovering(choice.options().toBuilder().dataDir(data).port(port).build(), timeout);
        try {
            server.start();
        } catch (RecoveryException e) {
            server.recoveryLog().ifPresent(log -> report(ctx, log, target));
            stop();
            throw e;
        }
        RecoveryLog log = server.recoveryLog().orElseThrow(() -> RecoveryException.of(ErrorCode.INTERNAL,
                "the server started without its recovery").build());
        report(ctx, log, target);
        ctx.tool(new ToolVersion("postgres", server.info().version(), server.info().binDir().toString(),
                server.info().origin().label()));
        if (target != null && !targetReached(ctx, log, target)) {
            stop();
            throw RecoveryException.of(ErrorCode.VERIFICATION_FAILED, "recovery ended without PostgreSQL saying that "
                    + "it reached the target " + target.describe() + "; the result is not what was asked for")
                    .path(data).hint("see the recovery lines in the report").build();
        }
    }

    private static void report(StepContext ctx, RecoveryLog log, Target target) {
        log.lines().forEach(l -> ctx.finding(l.contains("FATAL:") || l.contains("PANIC:")
                ? Finding.error("RECOVERY_LOG", RecoveryLog.message(l), null)
                : Finding.info("RECOVERY_LOG", RecoveryLog.message(l))));
        ctx.finding(Finding.info("RECOVERY", (log.completed() ? "recovery ended" : "recovery failed") + " after "
                + log.millis() + " ms; " + log.restoredFiles() + " WAL files copied from the archive"));
        ctx.verification(new Verification("*", "recovery-ended", log.completed(), "recovery came to its end and the "
                + "server accepted connections", log.completed() ? "yes" : log.targetNotReached()
                ? RecoveryLog.TARGET_NOT_REACHED : "no (exit code " + log.exitCode() + ")"));
    }

    /** Whether PostgreSQL's log says the replay stopped at the target (or, for latest, ran to the WAL's end). */
    private static boolean targetReached(StepContext ctx, RecoveryLog log, Target target) {
        String expected;
        boolean reached;
        String actual;
        if (target.kind() == Target.Kind.LATEST) {
            expected = "archive recovery complete, no stop before the WAL's end";
            reached = log.stoppedAt().isEmpty() && log.line("archive recovery complete").isPresent();
            actual = log.stoppedAt().map(RecoveryLog::message).orElse(log.line("archive recovery complete")
                    .map(RecoveryLog::message).orElse("no 'archive recovery complete' line"));
        } else {
            expected = "recovery stopping at " + target.describe();
            reached = log.stoppedAt().isPresent();
            actual = log.stoppedAt().map(RecoveryLog::message).orElse("no 'recovery stopping' line");
        }
        ctx.verification(new Verification("*", "recovery-target", reached, expected, actual));
        return reached;
    }

    /** The JDBC proof, and the timeline the cluster continues on. */
    void prove(StepContext ctx) {
        if (server == null || !server.isRunning()) {
            throw RecoveryException.of(ErrorCode.INTERNAL, "the recovered server is not running").build();
        }
        try {
            try (Connection c = PostgresServer.connect(server.endpoint()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT timeline_id, redo_lsn FROM pg_control_checkpoint()")) {
                rs.next();
                ctx.finding(Finding.info("TIMELINE", "the restored cluster continues on timeline " + rs.getInt(1)
                        + " (last checkpoint's redo at " + rs.getString(2) + ")"));
            }
            new ClusterProof(ctx).run(server.endpoint());
        } catch (SQLException e) {
            throw RecoveryException.of(ErrorCode.VERIFICATION_FAILED, "the restored cluster could not be read through "
                    + "JDBC: " + e.getMessage()).hint("see the server's log lines in the report").cause(e).build();
        }
    }

    /** Stops the server, if one runs. */
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Outcome outcome(RecoveryReport report, boolean keepRunning) {
        if (!keepRunning || server == null) {
            stop();
            return new Outcome(report, null);
        }
        return new Outcome(report, server);
    }
}
