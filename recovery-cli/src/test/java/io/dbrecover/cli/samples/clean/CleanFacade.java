package io.dbrecover.cli.samples.clean;

import io.dbrecover.cli.samples.clean.internal.Worker;
import io.dbrecover.cli.samples.clean.records.CleanRecords;

/** A sample module's facade for {@code PackageStructureTest}: it calls the internals, which never call it back. */
public final class CleanFacade {
    private CleanFacade() {
    }

    /** Calls into the internal package. */
    public static CleanRecords run() {
        return Worker.work();
    }
}
