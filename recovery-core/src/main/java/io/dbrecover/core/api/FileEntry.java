package io.dbrecover.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One file of a source, as inventoried.
 *
 * @param path     path relative to the source root, with '/' separators (the file name for a single-file source)
 * @param size     size in bytes
 * @param modified last-modified time
 * @param sha256   lowercase hex SHA-256 of the content
 */
public record FileEntry(String path, long size, Instant modified, String sha256) {
    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + path);
        }
    }
}
