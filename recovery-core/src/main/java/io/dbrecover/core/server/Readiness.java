package io.dbrecover.core.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.RunningProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits for a server to answer a real request (a JDBC query, an HTTP ping): never a fixed sleep. Fails early
 * when the server process dies, with its last output and the last probe error in the message.
 */
public final class Readiness {
    /** A probe that throws while the server is not ready. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    /**
     * Thrown by a probe when the server answered but will never accept us (wrong user, missing database, not our
     * server): waiting longer would not help.
     */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Readiness() {
    }

    public static void await(String what, RunningProcess process, Duration timeout, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        long sleep = 20;
        while (true) {
            try {
                probe.check();
                return;
            } catch (Refused e) {
                throw failure(what + " answered but refused: " + e.getMessage(), process, e);
            } catch (Exception e) {
                last = e;
            }
            if (process != null && !process.isAlive()) {
                throw failure(what + " exited with code " + process.exitCode().orElse(-1) + " before it was ready",
                        process, last);
            }
            if (System.nanoTime() > deadline) {
                throw failure(what + " was not ready within " + timeout.toSeconds() + " s", process, last);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecoveryException(ErrorCode.SERVER_START_FAILED, "interrupted while waiting for " + what, e);
            }
            sleep = Math.min(250, sleep * 2);
        }
    }

    private static RecoveryException failure(String message, RunningProcess process, Exception last) {
        List<String> tail = new ArrayList<>(process == null ? List.of() : process.finalTail());
        return RecoveryException.of(ErrorCode.SERVER_START_FAILED,
                        message + (last == null ? "" : "; last check said: " + last.getMessage()))
                .hint("see the server's last output below; `dbrecover doctor` checks the installation")
                .outputTail(tail).cause(last).build();
    }
}
