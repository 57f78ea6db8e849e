package io.dbrecover.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL leaves no child and no secret file behind: its watchdog kills the children's process
 * groups and removes the files, and never touches a process that is not ours.
 */
class WatchdogIT {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    @Test
    void childrenAndSecretFilesOfAJvmKilledWithSigkillAreGoneWithinSeconds() throws Exception {
        String marker = marker();
        Process foreign = new ProcessBuilder("sleep", "1000." + marker()).start();
        try {
            Child child = Child.start(tmp, "hold", marker, Long.toString(foreign.pid()));
            long watchdog = child.awaitReady();
            Path watchdogDir = watchdogDirOf(child.process.pid());
            assertThat(sleepers(marker)).hasSize(2);
            assertThat(tmp.resolve("secret.cnf")).exists();

            child.process.destroyForcibly().waitFor();
            awaitGone(marker, watchdog);

            assertThat(sleepers(marker)).as("children of the killed JVM").isEmpty();
            assertThat(tmp.resolve("secret.cnf")).as("its secret file").doesNotExist();
            assertThat(watchdogDir).as("the watchdog's directory").doesNotExist();
            assertThat(running(watchdog)).as("the watchdog, its work done").isFalse();
            assertThat(foreign.isAlive()).as("a process whose pid was registered with another start time").isTrue();
        } finally {
            foreign.destroyForcibly().waitFor();
        }
    }

    @Test
    void aJvmKilledWhileItStartsChildrenLeavesNoneOfThem() throws Exception {
        for (int i = 0; i < 6; i++) {
            String marker = marker();
            Child child = Child.start(tmp, "churn", marker);
            long watchdog = child.awaitReady();
            Thread.sleep(ThreadLocalRandom.current().nextInt(20, 400));
            child.process.destroyForcibly().waitFor();
            awaitGone(marker, watchdog);
            assertThat(sleepers(marker)).as("children of the JVM killed in round " + i).isEmpty();
        }
    }

    @Test
    void aChildOutlivesTheThreadThatStartedIt() throws Exception {
        // what PR_SET_PDEATHSIG (setpriv --pdeathsig) would get wrong: it follows the forking thread
        String marker = marker();
        RunningProcess[] started = new RunningProcess[1];
        Thread t = new Thread(() -> started[0] = new ProcessRunner().start(ProcessSpec.of("sleep", "1000." + marker)
                .build()));
        t.start();
        t.join();
        try (RunningProcess p = started[0]) {
            Thread.sleep(1000);
            assertThat(p.isAlive()).isTrue();
            assertThat(ProcessHandle.of(p.pid()).orElseThrow().info().commandLine().orElse("")).contains(marker);
        }
        assertThat(sleepers(marker)).isEmpty();
    }

    @Test
    void aChildRunsInAProcessGroupOfItsOwnUnderItsOwnPid() throws Exception {
        try (RunningProcess p = new ProcessRunner().start(ProcessSpec.of("sleep", "1000." + marker()).build())) {
            // the pid we hold is the program's own, so its stop signal reaches it
            String stat = "";
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!stat.contains("(sleep)") && System.nanoTime() < deadline) {
                stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            }
            String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
            assertThat(stat).contains("(sleep)");
            assertThat(f[2]).as("process group").isEqualTo(Long.toString(p.pid()));
            assertThat(f[3]).as("session").isEqualTo(Long.toString(p.pid()));
        }
    }

    private static void awaitGone(String marker, long watchdog) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline && (!sleepers(marker).isEmpty() || running(watchdog))) {
            Thread.sleep(20);
        }
    }

    /** Live processes (not zombies: nobody reaps orphans in some containers) whose arguments hold the marker. */
    static List<Long> sleepers(String marker) {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.matches("[0-9]+")) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains("1000." + marker) && !isZombie(Long.parseLong(name))) {
                        out.add(Long.parseLong(name));
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(") ") + 2, stat.lastIndexOf(") ") + 3);
            return state.equals("Z") || state.equals("X");
        } catch (IOException e) {
            return true;
        }
    }

    private static Path watchdogDirOf(long jvmPid) throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("dbrecover-watchdog-" + jvmPid + "-"))
                    .findFirst().orElseThrow();
        }
    }

    private static String marker() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
    }

    /** The JVM under test, running {@link GuardedChildrenMain}. */
    private record Child(Process process, BufferedReader out) {
        static Child start(Path dir, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), GuardedChildrenMain.class.getName()));
            cmd.add(args[0]);
            cmd.add(args[1]);
            cmd.add(dir.toString());
            cmd.addAll(List.of(args).subList(2, args.length));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return new Child(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }

        long awaitReady() throws IOException, InterruptedException {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    // keep draining, so that the child never blocks on a full pipe
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) {
                                // discard
                            }
                        } catch (IOException e) {
                            // the child is gone
                        }
                    });
                    drain.setDaemon(true);
                    drain.start();
                    return Long.parseLong(line.substring(6).trim());
                }
                seen.append(line).append('\n');
            }
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the child JVM ended before it was ready:\n" + seen);
        }
    }
}
