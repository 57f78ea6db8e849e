package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The InfluxDB processes that use a directory, found in {@code /proc}: a process whose program is {@code influxd} or
 * {@code influx_inspect} and whose working directory, an open file or an argument lies inside it. Rebuilding an
 * index while influxd has the shards open would race with its compactions, and {@code influx_inspect buildtsi}
 * itself does not check; so the rebuild refuses, naming the process.
 *
 * <p>Processes of other users whose {@code /proc} entries cannot be read are passed over: as root (the case the
 * issue is about) everything is readable.
 */
final class InfluxProcesses {
    /** A process that uses the directory. */
    record User(long pid, String command, String why) {
        User {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(why, "why");
        }
    }

    private static final List<String> PROGRAMS = List.of("influxd", "influx_inspect");

    private final Path proc;

    InfluxProcesses() {
        this(Path.of("/proc"));
    }

    /** Reads another {@code /proc}-shaped tree (for tests). */
    InfluxProcesses(Path proc) {
        this.proc = proc;
    }

    /** Refuses when an InfluxDB process uses one of the directories. */
    void refuseWhileUsed(List<Path> dirs) {
        List<User> users = using(dirs);
        if (!users.isEmpty()) {
            User u = users.get(0);
            throw RecoveryException.of(ErrorCode.USAGE, "an InfluxDB process uses the directory to rebuild: pid "
                            + u.pid() + " (" + u.command() + ") " + u.why()
                            + (users.size() > 1 ? " (and " + (users.size() - 1) + " more)" : ""))
                    .hint("stop it first (e.g. systemctl stop influxdb) and run again; a rebuild while influxd has "
                            + "the shards open races with its compactions").build();
        }
    }

    /** The InfluxDB processes that use any of the directories. */
    List<User> using(List<Path> dirs) {
        List<Path> real = dirs.stream().filter(Objects::nonNull).map(InfluxProcesses::real).toList();
        List<User> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> p.getFileName().toString()
                .matches("[0-9]+"))) {
            for (Path p : entries) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                List<String> argv = argv(p);
                if (argv.isEmpty() || !PROGRAMS.contains(Path.of(argv.get(0)).getFileName().toString())) {
                    continue;
                }
                String why = why(p, argv, real);
                if (why != null) {
                    out.add(new User(pid, String.join(" ", argv), why));
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list " + proc + " to look for a running influxd: "
                    + e.getMessage()).path(proc).cause(e).build();
        }
        out.sort((a, b) -> Long.compare(a.pid(), b.pid()));
        return out;
    }

    private static String why(Path p, List<String> argv, List<Path> dirs) {
        Path cwd = link(p.resolve("cwd"));
        if (cwd != null && inside(cwd, dirs)) {
            return "works in " + cwd;
        }
        for (String a : argv.subList(1, argv.size())) {
            if (a.startsWith("/") && inside(Path.of(a).normalize(), dirs)) {
                return "was started with " + a;
            }
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(p.resolve("fd"))) {
            for (Path fd : fds) {
                Path target = link(fd);
                if (target != null && inside(target, dirs)) {
                    return "has " + target + " open";
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or it ended meanwhile
        }
        return null;
    }

    private static List<String> argv(Path p) {
        try {
            byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
            String s = new String(raw, StandardCharsets.UTF_8);
            return Arrays.stream(s.split("\0")).filter(a -> !a.isEmpty()).toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    private static Path link(Path p) {
        try {
            Path target = Files.readSymbolicLink(p);
            return target.isAbsolute() ? target.normalize() : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static boolean inside(Path p, List<Path> dirs) {
        return dirs.stream().anyMatch(p::startsWith);
    }

    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }
}
