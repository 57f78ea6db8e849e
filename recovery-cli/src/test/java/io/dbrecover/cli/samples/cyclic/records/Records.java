package io.dbrecover.cli.samples.cyclic.records;

/** A sample module's records package for {@code PackageStructureTest}: below the facade and the internals. */
public record Records(String value) {
}
