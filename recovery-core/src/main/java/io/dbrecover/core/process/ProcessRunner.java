package io.dbrecover.core.process;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one way dbrecover runs programs: with a timeout, a controlled environment, an optional user switch, output
 * logged line by line through SLF4J on a thread named {@code <tool>:<pid>}, and a tail of the output kept for
 * error messages. Every child runs in a process group of its own under this JVM's {@link Watchdog}, which kills it
 * if the JVM dies. No other class calls {@link ProcessBuilder} (but the watchdog, which starts itself).
 */
public final class ProcessRunner {
    private static final List<String> KEPT_IN_CLEAN_ENV = List.of("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "TZ");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** Runs a program to its end and checks its exit code. */
    public ProcessResult run(ProcessSpec spec) {
        long startNanos = System.nanoTime();
        Process process = launch(spec);
        OutputPump pump = new OutputPump(process.getInputStream(), spec.logName(), process.pid(), spec.tailLines(),
                spec.lineListener());
        pump.start();
        boolean finished;
        try {
            finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new RecoveryException(ErrorCode.PROCESS_FAILED, spec.logName() + " was interrupted", e);
        }
        if (!finished) {
            kill(process);
            pump.join(2000);
            throw RecoveryException.of(ErrorCode.PROCESS_TIMEOUT,
                            spec.logName() + " did not finish within " + spec.timeout().toSeconds()
                                    + " s and was killed")
                    .hint("look at its last output below; a larger timeout may help if it was still working")
                    .outputTail(pump.tail()).build();
        }
        pump.join(5000);
        release(process);
        int exit = process.exitValue();
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        ProcessResult result = new ProcessResult(exit, pump.captured(), pump.tail(), took);
        if (!spec.okExitCodes().contains(exit)) {
            throw RecoveryException.of(ErrorCode.PROCESS_FAILED,
                            spec.logName() + " failed with exit code " + exit + ": "
                                    + String.join(" ", redact(spec.command())))
                    .hint("its last output is below")
                    .outputTail(pump.tail()).build();
        }
        return result;
    }

    /** Starts a long-running program (a server); close the result to stop it. */
    public RunningProcess start(ProcessSpec spec) {
        Process process = launch(spec);
        OutputPump pump = new OutputPump(process.getInputStream(), spec.logName(), process.pid(), spec.tailLines(),
                spec.lineListener());
        pump.start();
        RunningProcess running = new RunningProcess(process, pump, spec.logName(), STOP_GRACE, spec.stopSignal());
        ProcessRegistry.register(running);
        return running;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release(process);
    }

    /** Tells the watchdog a child has ended; one that has not (unkillable) stays in its care. */
    private static void release(Process process) {
        if (!process.isAlive()) {
            Watchdog.released(process.pid());
        }
    }

    private Process launch(ProcessSpec spec) {
        List<String> command = new ArrayList<>();
        if (spec.runAsUser() != null && OsUsers.isRoot() && !"root".equals(spec.runAsUser())) {
            OsUsers.OsUser user = OsUsers.lookup(spec.runAsUser()).orElseThrow(() -> RecoveryException.of(
                            ErrorCode.PERMISSION_DENIED, "user '" + spec.runAsUser() + "' does not exist, so "
                                    + spec.logName() + " cannot run as it")
                    .hint("create the user or choose another one").build());
            // setpriv execs the program itself, so the PID we hold is the program's own and signals reach it.
            command.addAll(List.of(setprivPath(), "--reuid=" + user.uid(), "--regid=" + user.gid(),
                    "--init-groups", "--"));
        }
        command.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder().redirectErrorStream(true);
        if (spec.workingDir() != null) {
            pb.directory(spec.workingDir().toFile());
        }
        Map<String, String> env = pb.environment();
        if (spec.cleanEnvironment()) {
            Map<String, String> keep = new java.util.HashMap<>();
            for (String k : KEPT_IN_CLEAN_ENV) {
                Optional.ofNullable(env.get(k)).ifPresent(v -> keep.put(k, v));
            }
            env.clear();
            env.putAll(keep);
        }
        spec.environment().forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        byte[] input = spec.stdin();
        pb.redirectInput(input == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                : ProcessBuilder.Redirect.PIPE);
        // the program by its full path, found as ProcessBuilder would find it (in this JVM's PATH when the child
        // has none), since the watchdog's script execs it
        String program = requireProgram(spec.command().get(0), Optional.ofNullable(env.get("PATH"))
                .orElse(System.getenv("PATH")), spec.workingDir());
        command.set(command.size() - spec.command().size(), program);
        // through the watchdog, so that no child outlives this JVM even when it is killed with SIGKILL
        pb.command(Watchdog.guard(command));
        try {
            Process process = pb.start();
            Watchdog.started(process.pid());
            if (input != null) {
                feed(process, input, spec.logName());
            }
            return process;
        } catch (IOException e) {
            boolean missing = String.valueOf(e.getMessage()).contains("error=2,");
            throw RecoveryException.of(missing ? ErrorCode.BINARY_NOT_FOUND : ErrorCode.PROCESS_FAILED,
                            "cannot start " + program + ": " + e.getMessage())
                    .hint(missing ? "install the program or tell dbrecover where it is (see `dbrecover doctor`)"
                            : "check that the file is executable")
                    .cause(e).build();
        }
    }

    /**
     * Checks that the program exists and may be run, before the watchdog's script would fail to exec it with a
     * less clear message; returns what will run.
     */
    private static String requireProgram(String program, String path, Path workingDir) {
        List<Path> candidates = new ArrayList<>();
        if (program.contains("/")) {
            // a relative one is found from the directory the child starts in
            candidates.add(workingDir == null ? Path.of(program).toAbsolutePath()
                    : workingDir.toAbsolutePath().resolve(program));
        } else if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    candidates.add(Path.of(d, program));
                }
            }
        }
        Path found = null;
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                found = c;
                if (Files.isExecutable(c)) {
                    return c.toString();
                }
            }
        }
        if (found != null) {
            throw RecoveryException.of(ErrorCode.PROCESS_FAILED, "cannot start " + found + ": it is not executable")
                    .path(found).hint("check that the file is executable").build();
        }
        throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "cannot start " + program + ": no such program"
                        + (program.contains("/") ? "" : " in PATH"))
                .hint("install the program or tell dbrecover where it is (see `dbrecover doctor`)").build();
    }

    /**
     * Writes the input on its own thread, then closes the pipe: a program that prints much before reading would
     * otherwise block us while we block it.
     */
    private static void feed(Process process, byte[] input, String logName) {
        Thread writer = new Thread(() -> {
            try (java.io.OutputStream in = process.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // the program ended or closed its input early; its exit code and output say why
                org.slf4j.LoggerFactory.getLogger(ProcessRunner.class).debug("{} did not read all of its input: {}",
                        logName, e.getMessage());
            }
        }, logName + ":stdin");
        writer.setDaemon(true);
        writer.start();
    }

    private static String setprivPath() {
        for (String p : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "setpriv is needed to run servers as another user")
                .hint("install it: apt-get install util-linux").build();
    }

    /** Hides values of arguments that look like secrets, so that messages and logs never carry them. */
    static List<String> redact(List<String> command) {
        List<String> out = new ArrayList<>(command.size());
        for (String arg : command) {
            int at = arg.toLowerCase(java.util.Locale.ROOT).indexOf("password=");
            if (at >= 0) {
                out.add(arg.substring(0, at + "password=".length()) + "***");
            } else {
                out.add(arg);
            }
        }
        return out;
    }
}
