package io.dbrecover.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every file of one source at one moment: what dbrecover promises not to change.
 *
 * @param root    the source as named by the user (absolute, normalised)
 * @param takenAt when the inventory was taken
 * @param files   the files, sorted by path
 */
public record SourceInventory(String root, Instant takenAt, List<FileEntry> files) {
    public SourceInventory {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(takenAt, "takenAt");
        files = List.copyOf(files);
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }
}
