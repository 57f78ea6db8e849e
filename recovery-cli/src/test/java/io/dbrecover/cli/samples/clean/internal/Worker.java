package io.dbrecover.cli.samples.clean.internal;

import io.dbrecover.cli.samples.clean.records.CleanRecords;

/** A sample module's internal package for {@code PackageStructureTest}: it uses the records package only. */
public final class Worker {
    private Worker() {
    }

    /** Works with the records alone. */
    public static CleanRecords work() {
        return new CleanRecords("clean");
    }
}
