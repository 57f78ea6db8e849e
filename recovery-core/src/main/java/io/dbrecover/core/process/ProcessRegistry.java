package io.dbrecover.core.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every long-running child of this JVM, so that a JVM that exits (normally or by a signal it can catch) leaves no
 * server behind. A JVM killed with SIGKILL cannot run hooks; servers started by dbrecover also die then because
 * their data directories are temporary, and {@code dbrecover doctor} lists leftovers.
 */
final class ProcessRegistry {
    private static final Set<RunningProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RunningProcess::kill),
                "dbrecover-process-reaper"));
    }

    private ProcessRegistry() {
    }

    static void register(RunningProcess p) {
        RUNNING.add(p);
    }

    static void unregister(RunningProcess p) {
        RUNNING.remove(p);
    }
}
