package io.dbrecover.cli.samples.clean.records;

/** A sample module's records package for {@code PackageStructureTest}: below the facade and the internals. */
public record CleanRecords(String value) {
}
