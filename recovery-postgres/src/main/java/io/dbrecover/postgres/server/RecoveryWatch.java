package io.dbrecover.postgres.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.process.RunningProcess;
import io.dbrecover.core.server.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a server recover an existing data directory while nobody can log in, and watches it to the end: the
 * postmaster alive, and its log. {@code pg_ctl -w start} says nothing of this (it returns 0 while a recovery that
 * will die is still running); here the end is either {@code database system is ready to accept connections} (with
 * {@code hot_standby=off} only said after recovery, and after promotion for an archive recovery) or the
 * postmaster's death, whose last words are kept. The server is then stopped cleanly (SIGINT, a fast shutdown with a
 * shutdown checkpoint), so that dbrecover's role can be added in single-user mode.
 */
final class RecoveryWatch {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryWatch.class);
    private static final String READY = "database system is ready to accept connections";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_WAIT = Duration.ofMinutes(5);
    private static final int TAIL_LINES = 5000;

    private final ProcessRunner runner;
    private final Duration timeout;

    RecoveryWatch(ProcessRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /**
     * Runs the recovery to its end.
     *
     * @param spec      the server's command for a port
     * @param onFailure receives the log of a recovery that failed, before the exception is thrown
     * @return the log of a recovery that came to its end
     * @throws RecoveryException {@code VERIFICATION_FAILED} when PostgreSQL says that recovery ended before its
     *                           target or that the target lies before the consistent point, {@code PROCESS_TIMEOUT}
     *                           after the timeout, {@code SERVER_START_FAILED} when the server died otherwise
     */
    RecoveryLog run(IntFunction<ProcessSpec.Builder> spec, Path dataDir, Consumer<RecoveryLog> onFailure) {
        long t0 = System.nanoTime();
        Set<String> telling = new LinkedHashSet<>();
        Set<String> restored = new LinkedHashSet<>();
        RunningProcess p = runner.start(spec.apply(FreePorts.find()).stopSignal("INT").tailLines(TAIL_LINES)
                .timeout(timeout).build());
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean ready = false;
            while (!ready) {
                boolean alive = p.isAlive();
                List<String> tail = alive ? p.tail() : p.finalTail();
                collect(tail, telling, restored);
                ready = tail.stream().anyMatch(l -> l.contains(READY));
                if (!alive && !ready) {
                    RecoveryLog log = new RecoveryLog(false, new ArrayList<>(telling), restored.size(), millis(t0),
                            p.exitCode().orElse(-1));
                    onFailure.accept(log);
                    throw failed(log, dataDir, p.finalTail());
                }
                if (!ready && System.nanoTime() > deadline) {
                    p.close();
                    collect(p.finalTail(), telling, restored);
                    RecoveryLog log = new RecoveryLog(false, new ArrayList<>(telling), restored.size(), millis(t0),
                            p.exitCode().orElse(-1));
                    onFailure.accept(log);
                    throw RecoveryException.of(ErrorCode.PROCESS_TIMEOUT, "the recovery of " + dataDir + " did not "
                                    + "end within " + timeout.toMinutes() + " min; the server was stopped")
                            .path(dataDir).hint("give it more time, or check that the WAL archive is reachable")
                            .outputTail(p.finalTail()).build();
                }
                if (!ready) {
                    sleep();
                }
            }
            long took = millis(t0);
            p.signal("INT");
            if (!p.waitFor(STOP_WAIT)) {
                LOG.warn("the recovered server on {} did not stop within {} s", dataDir, STOP_WAIT.toSeconds());
            }
            p.close();
            collect(p.finalTail(), telling, restored);
            int exit = p.exitCode().orElse(-1);
            RecoveryLog log = new RecoveryLog(true, new ArrayList<>(telling), restored.size(), took, exit);
            if (exit != 0) {
                onFailure.accept(log);
                throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "the server recovered " + dataDir
                                + " but did not shut down cleanly (exit code " + exit + ")")
                        .path(dataDir).hint("see its last output below").outputTail(p.finalTail()).build();
            }
            LOG.info("recovery of {} ended in {} ms ({} WAL files from the archive)", dataDir, took, restored.size());
            return log;
        } finally {
            p.close();
        }
    }

    private static void collect(List<String> tail, Set<String> telling, Set<String> restored) {
        for (String line : tail) {
            if (line.contains("restored log file")) {
                restored.add(line);
            } else if (RecoveryLog.telling(line)) {
                telling.add(line);
            }
        }
    }

    private static RecoveryException failed(RecoveryLog log, Path dataDir, List<String> tail) {
        if (log.targetNotReached()) {
            return RecoveryException.of(ErrorCode.VERIFICATION_FAILED, "recovery of " + dataDir + " ended before "
                            + "the recovery target was reached: the WAL at hand ends before it (PostgreSQL: "
                            + RecoveryLog.TARGET_NOT_REACHED + ")")
                    .path(dataDir).hint("choose an earlier target, or name the WAL archive that holds the WAL up to "
                            + "it").outputTail(tail).build();
        }
        if (log.line(RecoveryLog.BEFORE_CONSISTENCY).isPresent()) {
            return RecoveryException.of(ErrorCode.VERIFICATION_FAILED, "the recovery target lies before the end of "
                            + "the base backup, where its files become consistent (PostgreSQL: "
                            + RecoveryLog.BEFORE_CONSISTENCY + ")")
                    .path(dataDir).hint("choose a target after the backup's end, or an older base backup")
                    .outputTail(tail).build();
        }
        return RecoveryException.of(ErrorCode.SERVER_START_FAILED, "PostgreSQL died while recovering " + dataDir
                        + " (exit code " + log.exitCode() + ")")
                .path(dataDir).hint("see its last output below").outputTail(tail).build();
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RecoveryException.of(ErrorCode.INTERNAL, "interrupted while watching a recovery").build();
        }
    }
}
