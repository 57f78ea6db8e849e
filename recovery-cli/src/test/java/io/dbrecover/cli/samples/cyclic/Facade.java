package io.dbrecover.cli.samples.cyclic;

import io.dbrecover.cli.samples.cyclic.internal.Internal;
import io.dbrecover.cli.samples.cyclic.records.Records;

/** A sample module's facade (its root package) for {@code PackageStructureTest}: it calls the internals. */
public final class Facade {
    private Facade() {
    }

    /** Calls into the internal package. */
    public static Records run() {
        return Internal.work();
    }
}
