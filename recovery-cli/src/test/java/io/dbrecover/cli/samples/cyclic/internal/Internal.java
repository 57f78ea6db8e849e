package io.dbrecover.cli.samples.cyclic.internal;

import io.dbrecover.cli.samples.cyclic.Facade;
import io.dbrecover.cli.samples.cyclic.records.Records;

/** A sample module's internal package for {@code PackageStructureTest}: it uses the facade back (the cycle). */
public final class Internal {
    private Internal() {
    }

    /** Works, and asks the facade back: internal to root, the way a rule must catch. */
    public static Records work() {
        return new Records(String.valueOf(Facade.class.getName()));
    }

}
