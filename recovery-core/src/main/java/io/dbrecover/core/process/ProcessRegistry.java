package io.dbrecover.core.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every long-running child of this JVM, so that a JVM that exits (normally or by a signal it can catch) leaves no
 * server behind. At exit each is stopped the ordinary way (its stop signal, a short grace, then SIGKILL), in
 * parallel, so that a server shuts down cleanly when it can. A JVM killed with SIGKILL runs no hooks: then the
 * {@link Watchdog} kills its children.
 */
final class ProcessRegistry {
    private static final Set<RunningProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::stopAll, "dbrecover-process-reaper"));
    }

    private ProcessRegistry() {
    }

    private static void stopAll() {
        java.util.List<Thread> stoppers = new java.util.ArrayList<>();
        for (RunningProcess p : RUNNING) {
            Thread t = new Thread(p::closeForExit, "dbrecover-stop-" + p.pid());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        RUNNING.forEach(RunningProcess::kill);
    }

    static void register(RunningProcess p) {
        RUNNING.add(p);
    }

    static void unregister(RunningProcess p) {
        RUNNING.remove(p);
    }
}
