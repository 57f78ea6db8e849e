package io.dbrecover.core.api;

import java.util.Objects;

/**
 * A program or server used during a run.
 *
 * @param name    e.g. {@code mariadbd}
 * @param version as the tool reports it
 * @param path    where it was found
 * @param origin  {@code system}, {@code embedded} or {@code container}
 */
public record ToolVersion(String name, String version, String path, String origin) {
    public ToolVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
