package io.dbrecover.core.spi;

import io.dbrecover.core.api.RecoveryReport;

/** A staged disaster and its recovery, run by {@code dbrecover demo}. */
public interface DemoScenario {
    /** A short name, e.g. {@code mariadb-server}. */
    String name();

    /** One line saying what the scenario stages and recovers. */
    String description();

    /**
     * Stages the disaster under {@link DemoContext#baseDir()} and recovers it. Throws
     * {@code RecoveryException(BINARY_NOT_FOUND)} when the engine cannot run here; the demo then says what to install
     * and goes on with the other engines.
     */
    RecoveryReport run(DemoContext context);
}
