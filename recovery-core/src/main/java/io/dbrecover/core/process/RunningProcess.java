package io.dbrecover.core.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process that keeps running (a server). {@link #close()} stops it: SIGTERM, a grace period, then
 * SIGKILL for it and every descendant. Closing twice is harmless.
 */
public final class RunningProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningProcess.class);

    private final Process process;
    private final OutputPump pump;
    private final String name;
    private final Duration grace;
    private final String stopSignal;
    private volatile boolean closed;

    RunningProcess(Process process, OutputPump pump, String name, Duration grace, String stopSignal) {
        this.process = process;
        this.pump = pump;
        this.name = name;
        this.grace = grace;
        this.stopSignal = stopSignal;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, when the process has ended. */
    public java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** The last lines the process printed. */
    public List<String> tail() {
        return pump.tail();
    }

    /**
     * The last lines the process printed, after waiting briefly for its output to be read to the end (use once the
     * process has exited, so that its dying words are not lost).
     */
    public List<String> finalTail() {
        if (!process.isAlive()) {
            pump.join(2000);
        }
        return pump.tail();
    }

    /** Waits up to the given time for the process to end by itself; true when it has. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the process (its stop signal, a grace period, then SIGKILL) and its descendants. */
    @Override
    public void close() {
        stopWith(grace);
    }

    private synchronized void stopWith(Duration graceToUse) {
        if (closed) {
            return;
        }
        closed = true;
        ProcessRegistry.unregister(this);
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            signal(stopSignal);
            if (!waitFor(graceToUse)) {
                LOG.warn("{} (pid {}) did not stop within {} s after SIG{}; killing it", name, pid(),
                        graceToUse.toSeconds(), stopSignal);
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
        for (ProcessHandle d : descendants) {
            if (d.isAlive()) {
                d.destroyForcibly();
                try {
                    d.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    LOG.warn("child {} of {} did not exit after SIGKILL", d.pid(), this);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        pump.join(2000);
        if (!process.isAlive()) {
            Watchdog.released(process.pid());
        }
    }

    /** Sends a signal by name ({@code TERM}, {@code INT}, {@code HUP}, {@code QUIT}) to the process. */
    public void signal(String signal) {
        if ("TERM".equals(signal)) {
            // ProcessHandle.destroy sends SIGTERM only; Process.destroy would also close our end of the output
            // pipe, and a server still logging its shutdown would then die of SIGPIPE with its last words lost.
            process.toHandle().destroy();
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (java.io.IOException e) {
            LOG.warn("cannot send SIG{} to {}: {}; sending SIGTERM", signal, this, e.getMessage());
            process.toHandle().destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.toHandle().destroy();
        }
    }

    /** Stops at JVM exit: like {@link #close()} but with a grace period short enough for a shutdown hook. */
    void closeForExit() {
        stopWith(Duration.ofSeconds(10));
    }

    /** Kills at once, without a grace period (used by the JVM shutdown hook). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return name + ":" + pid();
    }
}
