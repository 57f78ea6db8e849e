package io.dbrecover.influx.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code influx verify} found under a path: every TSM file checked and every damage (a block whose CRC does
 * not match, an index out of order, a block that does not decode with {@code deep}, a broken tombstone file).
 *
 * @param path   the path verified (a file or a directory searched recursively)
 * @param deep   whether every block was decoded as well as checksummed
 * @param files  the TSM files, in path order
 * @param damage the damage, file by file in the order met
 */
public record VerifyReport(Path path, boolean deep, List<VerifiedFile> files, List<Damage> damage) {
    /** The most damages listed for one file; more are counted in {@link VerifiedFile#damaged()} and summarised. */
    public static final int MAX_LISTED_PER_FILE = 1000;

    public VerifyReport {
        Objects.requireNonNull(path, "path");
        files = List.copyOf(files);
        damage = List.copyOf(damage);
    }

    /** Whether no damage was found. */
    public boolean clean() {
        return damage.isEmpty();
    }

    /** Blocks checked in all files. */
    public long blocks() {
        return files.stream().mapToLong(VerifiedFile::blocks).sum();
    }

    /** Bytes of all files. */
    public long bytes() {
        return files.stream().mapToLong(VerifiedFile::bytes).sum();
    }

    /** Values decoded in all files ({@code deep}), else -1. */
    public long values() {
        return deep ? files.stream().mapToLong(VerifiedFile::values).sum() : -1;
    }
}
