package io.dbrecover.core.process;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure that no child process and no file holding a secret outlives this JVM, however it ends, SIGKILL
 * included: a JVM killed that way runs no shutdown hook, so a process outside it must clean up.
 *
 * <p>That process is a small {@code sh} script, one per JVM, started on first use in a new session (so that
 * Ctrl-C and signals to the JVM's process group do not reach it) with a private 0700 directory
 * {@code dbrecover-watchdog-<pid>-*} in the temp dir. Its standard input is a pipe whose only writer is this JVM
 * (Java closes every other descriptor in the children it starts): when the JVM dies, however, the kernel closes the
 * pipe and the script wakes at once, removes every registered secret file, and kills the process group of every
 * registered child, until none is left and the JVM is gone. A normal exit ends the same way, after the shutdown
 * hooks have stopped the servers cleanly.
 *
 * <p>Every child is started through a second script ({@link #guard}) that puts it in a session and process group
 * of its own ({@code setsid}, which then keeps its pid, so the JVM's handle, stop signals and exit code are the
 * program's own), registers it as {@code procs/<pid>.<start time>} (the start time from {@code /proc/<pid>/stat}
 * tells our process from a later one with a reused pid), checks that the JVM still lives, and only then execs the
 * program. The watchdog sweeps once more after the JVM is gone (a zombie or no process at all), so a child forked
 * in the JVM's last instant either registered before that sweep or saw the JVM dead and did not start.
 *
 * <p>Why not the alternatives: {@code prctl(PR_SET_PDEATHSIG)} (e.g. {@code setpriv --pdeathsig}) fires when the
 * <em>thread</em> that forked the child ends, and JVM threads come and go (measured: a child started from a
 * short-lived thread was killed a second later, its JVM still running); cgroups need a writable cgroup tree,
 * which containers often lack; systemd scopes need systemd.
 */
public final class Watchdog {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final Set<Path> PROTECTED = ConcurrentHashMap.newKeySet();
    /** Children started through {@link #guard} and not yet {@link #released}: pid to start time. */
    private static final Map<Long, String> CHILDREN = new ConcurrentHashMap<>();
    private static Watchdog current;

    /**
     * The watchdog: {@code $1} the JVM's pid, {@code $2} its start time. It ignores the signals a terminal or a
     * process manager sends around, waits for end of file on its stdin, and then cleans up. Processes whose
     * state is Z (a zombie: nobody reaps orphans in some containers) or X count as ended.
     */
    static final String WATCHDOG_SCRIPT = """
            # dbrecover's watchdog: cleans up after the JVM whose pid is $1 (see Watchdog.java)
            trap '' HUP INT QUIT TERM PIPE USR1 USR2
            d=${0%/*} j=$1 js=$2
            while read -r x; do :; done
            st() { S=$1 T=${20}; }
            stat_of() { S= T=; { read -r l < /proc/$1/stat; } 2>/dev/null && st ${l##*) }; }
            secrets() {
              for r in "$d"/files/*; do
                [ -f "$r" ] || continue
                f=$(cat -- "$r") && [ -n "$f" ] && rm -f -- "$f"
                rm -f -- "$r"
              done
            }
            sweep() {
              left=0
              for r in "$d"/procs/*.*; do
                [ -f "$r" ] || continue
                n=${r##*/} p=${n%%.*} t=${n#*.}
                stat_of "$p"
                if [ "$T" = "$t" ] && [ "$S" != Z ] && [ "$S" != X ]; then
                  kill -s KILL -- "-$p" 2>/dev/null
                  kill -s KILL "$p" 2>/dev/null
                  left=1
                else
                  rm -f -- "$r"
                fi
              done
            }
            jvm_gone() { stat_of "$j"; [ "$T" != "$js" ] || [ "$S" = Z ] || [ "$S" = X ]; }
            secrets
            i=0
            while :; do
              g=0
              jvm_gone && g=1
              sweep
              [ $g = 1 ] && [ $left = 0 ] && break
              i=$((i + 1))
              [ $i -ge 600 ] && break
              sleep 0.1
            done
            secrets
            rm -rf -- "$d"
            """;

    /**
     * Starts one child: {@code $1} the JVM's pid, {@code $2} its start time, then the program and its arguments.
     * It runs in the new session {@code setsid} made, so its pid is the group's id.
     */
    static final String GUARD_SCRIPT = """
            # dbrecover: registers this process with the JVM's watchdog, then becomes the program (see Watchdog.java)
            d=${0%/*} j=$1 js=$2
            shift 2
            st() { S=$1 T=${20}; }
            read -r l < /proc/$$/stat || exit 125
            st ${l##*) }
            : > "$d/procs/$$.$T" || { echo "dbrecover: cannot register with the watchdog in $d" >&2; exit 125; }
            S= T=
            { read -r l < /proc/$j/stat; } 2>/dev/null && st ${l##*) }
            if [ "$T" != "$js" ] || [ "$S" = Z ] || [ "$S" = X ]; then
              echo "dbrecover: the JVM that started this has ended" >&2
              exit 125
            fi
            exec "$@"
            """;

    private final Path dir;
    private final Process process;
    private final OutputStream lifeline;
    private final List<String> prefix;

    private Watchdog(Path dir, Process process, List<String> prefix) {
        this.dir = dir;
        this.process = process;
        // never written to: the pipe only tells, by closing, that this JVM has ended
        this.lifeline = process.getOutputStream();
        this.prefix = prefix;
    }

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Watchdog::removeProtectedFiles, "dbrecover-secret-files"));
        } catch (IllegalStateException e) {
            // first used while the JVM shuts down: the watchdog removes the files once it has ended
        }
    }

    /** The pid of this JVM's watchdog process, starting it if needed (for tests and diagnostics). */
    public static long pid() {
        return current().process.pid();
    }

    /** The watchdog's private directory (for tests). */
    static Path directory() {
        return current().dir;
    }

    /**
     * Registers a file that will hold a secret, before it is written: it is removed when this JVM ends, by a
     * shutdown hook or, after SIGKILL, by the watchdog, unless {@link #releaseFile} was called first.
     */
    public static void protectFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        PROTECTED.add(abs);
        current().register(abs);
    }

    private void register(Path abs) {
        // written under a hidden name (the watchdog's glob skips it) and renamed into place, so that the watchdog
        // never reads half a path
        OutputFiles files = OutputFiles.withoutSources();
        Path partial = dir.resolve("files").resolve("." + key(abs));
        files.delete(partial);
        files.createNew(partial, abs.toString().getBytes(StandardCharsets.UTF_8));
        files.moveIntoPlace(partial, dir.resolve("files").resolve(key(abs)));
    }

    /** Forgets a file registered with {@link #protectFile}, once it has been deleted. */
    public static void releaseFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!PROTECTED.remove(abs)) {
            return;
        }
        Watchdog w;
        synchronized (Watchdog.class) {
            w = current;
        }
        if (w != null) {
            try {
                Files.deleteIfExists(w.dir.resolve("files").resolve(key(abs)));
            } catch (IOException e) {
                LOG.debug("could not unregister {}: {}", abs, e.getMessage());
            }
        }
    }

    /** The command that runs {@code command} under the watchdog (see the class comment). */
    static List<String> guard(List<String> command) {
        Watchdog w = current();
        List<String> out = new ArrayList<>(w.prefix);
        out.addAll(command);
        return out;
    }

    /** Notes a child started with {@link #guard}'s command, so that a new watchdog can be told about it. */
    static void started(long pid) {
        try {
            CHILDREN.put(pid, startTime(pid));
        } catch (RecoveryException e) {
            // it has ended already: nothing to watch
        }
    }

    /** Unregisters a child that has ended (and whose descendants were killed). */
    static void released(long pid) {
        CHILDREN.remove(pid);
        Watchdog w;
        synchronized (Watchdog.class) {
            w = current;
        }
        if (w == null) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(w.dir.resolve("procs"), pid + ".*")) {
            for (Path e : entries) {
                Files.deleteIfExists(e);
            }
        } catch (IOException e) {
            LOG.debug("could not unregister process {}: {}", pid, e.getMessage());
        }
    }

    private static synchronized Watchdog current() {
        if (current != null && current.process.isAlive() && Files.isDirectory(current.dir.resolve("procs"))) {
            return current;
        }
        if (current != null) {
            LOG.warn("the watchdog (pid {}) or its directory {} is gone; starting a new one", current.process.pid(),
                    current.dir);
            current.abandon();
        }
        Watchdog w = start();
        // a new watchdog must know what the old one was told about
        PROTECTED.forEach(w::register);
        CHILDREN.forEach((pid, startTime) -> {
            try {
                OutputFiles.withoutSources().createNew(w.dir.resolve("procs").resolve(pid + "." + startTime),
                        new byte[0]);
            } catch (RecoveryException e) {
                LOG.warn("could not register process {} with the new watchdog: {}", pid, e.getMessage());
            }
        });
        current = w;
        return w;
    }

    private static Watchdog start() {
        String setsid = executable("setsid", List.of("/usr/bin/setsid", "/bin/setsid"));
        String sh = executable("sh", List.of("/bin/sh", "/usr/bin/sh"));
        long pid = ProcessHandle.current().pid();
        String startTime = startTime(pid);
        Path dir;
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            dir = Files.createTempDirectory(tmp, "dbrecover-watchdog-" + pid + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(dir.resolve("procs"));
            Files.createDirectory(dir.resolve("files"));
            OutputFiles files = OutputFiles.withoutSources();
            files.createNew(dir.resolve("watchdog.sh"), WATCHDOG_SCRIPT.getBytes(StandardCharsets.UTF_8));
            files.createNew(dir.resolve("guard.sh"), GUARD_SCRIPT.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create the watchdog's directory in the temp dir: "
                    + e.getMessage()).hint("check free space and permissions of " + System.getProperty(
                    "java.io.tmpdir")).cause(e).build();
        }
        ProcessBuilder pb = new ProcessBuilder(setsid, sh, dir.resolve("watchdog.sh").toString(), Long.toString(pid),
                startTime).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .directory(Path.of("/").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            LOG.debug("watchdog started (pid {}, directory {})", p.pid(), dir);
            return new Watchdog(dir, p, List.of(setsid, sh, dir.resolve("guard.sh").toString(), Long.toString(pid),
                    startTime));
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.PROCESS_FAILED, "cannot start the watchdog that stops this JVM's "
                    + "servers if it is killed: " + e.getMessage()).cause(e).build();
        }
    }

    /** Lets an old watchdog go: it cleans up what it knows and exits. */
    private void abandon() {
        try {
            lifeline.close();
        } catch (IOException e) {
            LOG.debug("closing the old watchdog's pipe: {}", e.getMessage());
        }
    }

    private static void removeProtectedFiles() {
        for (Path p : PROTECTED) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // the watchdog tries again once the JVM has ended
            }
        }
    }

    /** Field 22 of {@code /proc/<pid>/stat}: when the process started, in clock ticks since boot. */
    static String startTime(long pid) {
        try {
            return startTimeOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
                    StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "cannot read /proc/" + pid + "/stat: "
                    + e.getMessage()).hint("dbrecover runs on Linux with /proc mounted").cause(e).build();
        }
    }

    /**
     * The start time in a {@code /proc/<pid>/stat} line. The command name in parentheses may hold spaces and
     * parentheses itself, so fields are counted from the last {@code ") "}; the scripts do the same.
     */
    static String startTimeOf(String stat) {
        int end = stat.lastIndexOf(") ");
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line");
        }
        String[] rest = stat.substring(end + 2).trim().split(" +");
        if (rest.length < 20 || !rest[19].matches("[0-9]+")) {
            throw new IllegalArgumentException("no start time in /proc/<pid>/stat");
        }
        return rest[19];
    }

    private static String executable(String name, List<String> candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, name + " is needed to run servers safely (it is "
                + "missing from " + candidates + ")").hint("install it: apt-get install util-linux (setsid) or "
                + "dash (sh)").build();
    }

    private static String key(Path abs) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(abs.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
