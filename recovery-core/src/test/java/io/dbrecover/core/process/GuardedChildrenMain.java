package io.dbrecover.core.process;

import io.dbrecover.core.server.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A JVM that starts children through {@link ProcessRunner} and then waits to be killed, for {@link WatchdogIT}.
 * Every child is a {@code sleep} whose argument ends in the marker, so the test can find them:
 * {@code MODE MARKER DIR [FOREIGN_PID]}.
 * <ul>
 *   <li>{@code hold}: one server-like child from a short-lived thread, one running through {@code run()}, a
 *       secret file {@code DIR/secret.cnf} and, with FOREIGN_PID, a registration of that pid with a wrong start
 *       time (as if our child had ended and its pid had gone to someone else); prints {@code READY}</li>
 *   <li>{@code churn}: starts and closes children without pause, so that a kill lands while one is starting</li>
 * </ul>
 */
public final class GuardedChildrenMain {
    private GuardedChildrenMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String marker = args[1];
        Path dir = Path.of(args[2]);
        ProcessRunner runner = new ProcessRunner();
        if (mode.equals("hold")) {
            Thread t = new Thread(() -> runner.start(sleeper(marker, "server").build()));
            t.start();
            t.join();
            Thread run = new Thread(() -> runner.run(sleeper(marker, "tool").timeout(Duration.ofMinutes(5)).build()));
            run.setDaemon(true);
            run.start();
            Secrets.writePrivateFile(dir.resolve("secret.cnf"), "password=" + marker + "\n");
            if (args.length > 3) {
                Files.createFile(Watchdog.directory().resolve("procs").resolve(args[3] + ".1"));
            }
            while (countChildren(marker) < 2) {
                Thread.sleep(10);
            }
            System.out.println("READY " + Watchdog.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        } else {
            System.out.println("READY " + Watchdog.pid());
            System.out.flush();
            while (true) {
                try (RunningProcess p = runner.start(sleeper(marker, "churn").build())) {
                    p.isAlive();
                }
            }
        }
    }

    private static ProcessSpec.Builder sleeper(String marker, String name) {
        return ProcessSpec.of("sleep", "1000." + marker).logName(name);
    }

    private static long countChildren(String marker) {
        return ProcessHandle.current().children().filter(h -> h.info().commandLine()
                .map(c -> c.contains(marker)).orElse(false)).count();
    }
}
