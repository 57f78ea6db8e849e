package io.dbrecover.core.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What to run: the command, where, with which environment, as whom and for how long.
 *
 * @param command      program and arguments (never passwords: argv is visible to every user)
 * @param workingDir   the working directory, or {@code null} for the current one
 * @param environment  variables to set (a {@code null} value removes the variable)
 * @param cleanEnvironment start from an empty environment (plus PATH, LANG, HOME) instead of this JVM's
 * @param runAsUser    an OS user to run as when this JVM runs as root, or {@code null}
 * @param timeout      how long {@link ProcessRunner#run} waits before killing the process
 * @param logName      the name of the tool in logs and thread names (defaults to the program's file name)
 * @param okExitCodes  exit codes that count as success
 * @param tailLines    how many of the last output lines to keep for error messages
 * @param stopSignal   the signal that asks a long-running process to stop ({@code TERM}, or {@code INT} for
 *                     PostgreSQL's fast shutdown); SIGKILL follows after a grace period
 * @param stdin        bytes fed to the program's standard input, which is then closed; {@code null} for
 *                     {@code /dev/null}. The way to hand a program a secret (never in {@code command}); it is
 *                     neither logged nor shown by {@link #toString()}
 * @param lineListener called with every output line (on the thread that reads the output, in order, before the
 *                     line reaches {@link RunningProcess#tail()}), or {@code null}: for a caller that needs certain
 *                     lines completely, however many others the tail lets go
 */
public record ProcessSpec(List<String> command, Path workingDir, Map<String, String> environment,
                          boolean cleanEnvironment, String runAsUser, Duration timeout, String logName,
                          Set<Integer> okExitCodes, int tailLines, String stopSignal, byte[] stdin,
                          Consumer<String> lineListener) {
    public ProcessSpec {
        stdin = stdin == null ? null : stdin.clone();
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        okExitCodes = Set.copyOf(okExitCodes);
        if (tailLines < 1 || tailLines > 10_000) {
            throw new IllegalArgumentException("tailLines out of range: " + tailLines);
        }
        stopSignal = stopSignal == null ? "TERM" : stopSignal;
        if (!stopSignal.matches("TERM|INT|QUIT|HUP")) {
            throw new IllegalArgumentException("unsupported stop signal: " + stopSignal);
        }
        if (logName == null || logName.isBlank()) {
            logName = Path.of(command.get(0)).getFileName().toString();
        }
    }

    /** The bytes for standard input (a copy), or {@code null}. */
    @Override
    public byte[] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    /** For logs: the command with secret-looking values hidden, and never the standard input. */
    @Override
    public String toString() {
        return "ProcessSpec[" + String.join(" ", ProcessRunner.redact(command)) + (stdin == null ? ""
                : " <" + stdin.length + " bytes of input>") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessSpec other && command.equals(other.command)
                && Objects.equals(workingDir, other.workingDir) && environment.equals(other.environment)
                && cleanEnvironment == other.cleanEnvironment && Objects.equals(runAsUser, other.runAsUser)
                && timeout.equals(other.timeout) && logName.equals(other.logName)
                && okExitCodes.equals(other.okExitCodes) && tailLines == other.tailLines
                && stopSignal.equals(other.stopSignal) && java.util.Arrays.equals(stdin, other.stdin)
                && Objects.equals(lineListener, other.lineListener);
    }

    @Override
    public int hashCode() {
        return Objects.hash(command, workingDir, environment, cleanEnvironment, runAsUser, timeout, logName,
                okExitCodes, tailLines, stopSignal) * 31 + java.util.Arrays.hashCode(stdin);
    }

    /** Starts a spec for the given command with a 10-minute timeout, exit code 0 as success, 40 tail lines. */
    public static Builder of(String... command) {
        return new Builder(List.of(command));
    }

    public static Builder of(List<String> command) {
        return new Builder(command);
    }

    /** Builder for {@link ProcessSpec}. */
    public static final class Builder {
        private final List<String> command;
        private Path workingDir;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean cleanEnvironment;
        private String runAsUser;
        private Duration timeout = Duration.ofMinutes(10);
        private String logName;
        private Set<Integer> okExitCodes = Set.of(0);
        private int tailLines = 40;
        private String stopSignal = "TERM";
        private byte[] stdin;
        private Consumer<String> lineListener;

        private Builder(List<String> command) {
            this.command = List.copyOf(command);
        }

        public Builder workingDir(Path value) {
            this.workingDir = value;
            return this;
        }

        public Builder env(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        public Builder cleanEnvironment(boolean value) {
            this.cleanEnvironment = value;
            return this;
        }

        public Builder runAsUser(String value) {
            this.runAsUser = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder logName(String value) {
            this.logName = value;
            return this;
        }

        public Builder okExitCodes(Integer... codes) {
            this.okExitCodes = Set.of(codes);
            return this;
        }

        public Builder tailLines(int value) {
            this.tailLines = value;
            return this;
        }

        public Builder stopSignal(String value) {
            this.stopSignal = value;
            return this;
        }

        /** Feeds these bytes to standard input (see {@link ProcessSpec#stdin()}). */
        public Builder stdin(byte[] value) {
            this.stdin = value == null ? null : value.clone();
            return this;
        }

        /** Hands every output line to this listener too (see {@link ProcessSpec#lineListener()}). */
        public Builder lineListener(Consumer<String> value) {
            this.lineListener = value;
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(command, workingDir, environment, cleanEnvironment, runAsUser, timeout, logName,
                    okExitCodes, tailLines, stopSignal, stdin, lineListener);
        }
    }
}
