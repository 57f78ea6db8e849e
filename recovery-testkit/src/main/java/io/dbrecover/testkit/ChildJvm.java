package io.dbrecover.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the test class path run in a JVM of its own, for tests that kill it. Its temp dir
 * ({@code java.io.tmpdir}, where its watchdog lives) is one the test names; its output is collected line by line.
 * Closing it kills it (SIGKILL) if it still runs.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "child-jvm-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with these arguments and {@code -Djava.io.tmpdir=tmpDir} (created if needed). */
    public static ChildJvm start(Path tmpDir, Class<?> main, String... args) throws IOException {
        Files.createDirectories(tmpDir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.io.tmpdir=" + tmpDir, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        cmd.addAll(List.of(args));
        // a ProcessBuilder of the test itself, not ProcessRunner: the child must not be one of our guarded ones
        return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything it printed so far. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** The first line it printed that starts with the prefix, if any so far. */
    public Optional<String> line(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        }
    }

    /** Waits for a line starting with the prefix; fails with its output when it ends first or time runs out. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long endedAt = 0;
        while (true) {
            Optional<String> found = line(prefix);
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive() && endedAt == 0) {
                endedAt = System.nanoTime();
            }
            // once it has ended, its last lines may still be on their way to the reader: a moment more
            boolean gaveUp = endedAt != 0 && System.nanoTime() - endedAt > TimeUnit.MILLISECONDS.toNanos(500);
            if (gaveUp || System.nanoTime() > deadline) {
                throw new AssertionError("no line '" + prefix + "…' from the child JVM within " + timeout.toSeconds()
                        + " s (alive: " + process.isAlive() + "); its output:\n" + output());
            }
            synchronized (lines) {
                lines.wait(20);
            }
        }
    }

    /** SIGKILL, as a crash or an impatient operator would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as {@code kill PID} or a service manager would; returns its exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child JVM did not end within " + timeout.toSeconds() + " s of SIGTERM; "
                    + "its output:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
