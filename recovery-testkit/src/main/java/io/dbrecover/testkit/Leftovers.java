package io.dbrecover.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a dbrecover JVM may leave behind when it is killed: processes (servers, tools, its watchdog) and files
 * holding a password. Read from {@code /proc} and the file system, as a local user would find them.
 */
public final class Leftovers {
    /** The names of every file dbrecover writes a password into. */
    public static final Set<String> SECRET_FILE_NAMES = Set.of("init.sql", "pwfile", "client.cnf", "pgpass",
            "influx.env");
    private static final Pattern SECRET_FILE = Pattern.compile("client-.*\\.cnf");
    /** Passwords made by {@code Secrets.newPassword()}, as they appear in those files. */
    private static final Pattern PASSWORD = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])");

    private Leftovers() {
    }

    /**
     * Running processes whose command line contains the text, as {@code pid: command line}. Zombies do not count:
     * they hold nothing but a pid (and nobody reaps orphans in some containers).
     */
    public static List<String> processesMentioning(String text) {
        List<String> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.matches("[0-9]+") || Long.parseLong(name) == self) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip();
                    if (cmd.contains(text) && running(Long.parseLong(name))) {
                        out.add(name + ": " + cmd);
                    }
                } catch (IOException e) {
                    // it ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The processes that mention the text, their descendants and the other members of their process groups (a
     * PostgreSQL backend's command line names no directory), as pid to start time; never the members of this
     * JVM's own group (a child JVM is in it).
     */
    public static Map<Long, String> family(String text) {
        Map<Long, String> out = new TreeMap<>();
        String ownGroup = statFields(ProcessHandle.current().pid()).map(f -> f[2]).orElse("");
        Set<String> groups = new HashSet<>();
        for (String line : processesMentioning(text)) {
            long pid = Long.parseLong(line.substring(0, line.indexOf(':')));
            statFields(pid).ifPresent(f -> {
                out.put(pid, f[19]);
                if (!f[2].equals(ownGroup)) {
                    groups.add(f[2]);
                }
            });
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> statFields(d.pid())
                    .ifPresent(f -> out.put(d.pid(), f[19]))));
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9]+")) {
                    long pid = Long.parseLong(name);
                    statFields(pid).filter(f -> groups.contains(f[2])).ifPresent(f -> out.put(pid, f[19]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Those of the processes (pid to start time, see {@link #family}) that still run, as {@code pid: command}. */
    public static List<String> stillRunning(Map<Long, String> processes) {
        List<String> out = new ArrayList<>();
        processes.forEach((pid, start) -> statFields(pid).filter(f -> f[19].equals(start) && running(pid))
                .ifPresent(f -> out.add(pid + ": " + commandLine(pid))));
        return out;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: [0] state, [2] process group, [19] start. */
    private static Optional<String[]> statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String[] f = stat.substring(stat.lastIndexOf(") ") + 2).trim().split(" +");
            return f.length >= 20 ? Optional.of(f) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the process exists and is not a zombie. */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(") ") + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * This JVM's children and their descendants that still run, but its watchdog, which lives exactly as long as
     * the JVM by design.
     */
    public static List<ProcessHandle> runningChildren() {
        Optional<Long> watchdog = watchdogOf(ProcessHandle.current().pid());
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> watchdog.map(w -> w != h.pid()).orElse(true)).toList();
    }

    /** The watchdog of a JVM, while it runs. */
    public static Optional<Long> watchdogOf(long jvmPid) {
        return processesMentioning("watchdog.sh " + jvmPid + " ").stream()
                .map(l -> Long.parseLong(l.substring(0, l.indexOf(':')))).findFirst();
    }

    /** Files under the roots named like one of dbrecover's password files. */
    public static List<Path> secretFiles(Collection<Path> roots) {
        List<Path> out = new ArrayList<>();
        walk(roots, (file, attrs) -> {
            String name = file.getFileName().toString();
            if (SECRET_FILE_NAMES.contains(name) || SECRET_FILE.matcher(name).matches()) {
                out.add(file);
            }
        });
        return out;
    }

    /** The passwords in a password file (a 32-character token of {@code Secrets.newPassword()}'s alphabet). */
    public static List<String> passwordsIn(Path file) {
        List<String> out = new ArrayList<>();
        try {
            Matcher m = PASSWORD.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                out.add(m.group());
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return out;
    }

    /** Every regular file under the roots that contains one of the passwords, byte for byte. */
    public static List<Path> filesContaining(Collection<Path> roots, Collection<String> passwords) {
        List<byte[]> needles = passwords.stream().map(p -> p.getBytes(StandardCharsets.US_ASCII)).toList();
        List<Path> out = new ArrayList<>();
        walk(roots, (file, attrs) -> {
            if (attrs.isRegularFile() && contains(file, needles)) {
                out.add(file);
            }
        });
        return out;
    }

    /**
     * Waits up to {@code bound} until no running process mentions {@code text}, none of {@code family} (see
     * {@link #family}) runs and no password file is under the roots; returns what is still there (empty when all
     * is gone).
     */
    public static List<String> awaitGone(Duration bound, String text, Map<Long, String> family,
                                         Collection<Path> roots) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Set<String> found = new LinkedHashSet<>(processesMentioning(text));
            found.addAll(stillRunning(family));
            List<String> left = new ArrayList<>(found);
            secretFiles(roots).forEach(f -> left.add("file " + f));
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(20);
        }
    }

    private interface Visitor {
        void visit(Path file, BasicFileAttributes attrs);
    }

    private static void walk(Collection<Path> roots, Visitor visitor) {
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        visitor.visit(file, attrs);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        // removed while we walked
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean contains(Path file, List<byte[]> needles) {
        int longest = needles.stream().mapToInt(n -> n.length).max().orElse(0);
        if (longest == 0) {
            return false;
        }
        byte[] buf = new byte[1 << 16];
        byte[] window = new byte[buf.length + longest];
        int carry = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                System.arraycopy(buf, 0, window, carry, n);
                int len = carry + n;
                for (byte[] needle : needles) {
                    if (indexOf(window, len, needle) >= 0) {
                        return true;
                    }
                }
                carry = Math.min(longest - 1, len);
                System.arraycopy(window, len - carry, window, 0, carry);
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static int indexOf(byte[] hay, int len, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
