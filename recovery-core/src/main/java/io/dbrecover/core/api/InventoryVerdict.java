package io.dbrecover.core.api;

import java.util.List;

/**
 * The comparison of the sources' inventories before and after a run.
 *
 * @param unchanged true when every file has the same size, mtime and SHA-256, and none appeared or vanished
 * @param filesChecked how many files were compared
 * @param bytesChecked how many bytes were hashed after the run
 * @param changed files whose content, size or mtime differ
 * @param missing files that were there before and are gone
 * @param added files that appeared
 */
public record InventoryVerdict(boolean unchanged, int filesChecked, long bytesChecked, List<String> changed,
                               List<String> missing, List<String> added) {
    public InventoryVerdict {
        changed = List.copyOf(changed);
        missing = List.copyOf(missing);
        added = List.copyOf(added);
        if (unchanged && !(changed.isEmpty() && missing.isEmpty() && added.isEmpty())) {
            throw new IllegalArgumentException("a verdict with differences cannot say unchanged");
        }
    }

    /** "yes" or "no", as the report prints it. */
    public String yesNo() {
        return unchanged ? "yes" : "no";
    }
}
