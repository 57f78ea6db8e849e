package io.dbrecover.postgres.model;

import java.util.List;
import java.util.Objects;

/**
 * One WAL range of the manifest ({@code WAL-Ranges}) and the segments it needs: the backup can only be restored
 * with every one of them.
 *
 * @param timeline the timeline
 * @param start    the range's first location
 * @param end      the range's end location
 * @param present  the segment file names found ({@code %08X%08X%08X}), in order, each with where it was found
 * @param missing  the segment file names found nowhere, in order
 */
public record WalRangeCheck(int timeline, Lsn start, Lsn end, List<FoundSegment> present, List<String> missing) {
    public WalRangeCheck {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        present = List.copyOf(present);
        missing = List.copyOf(missing);
    }

    /** Whether every segment of the range was found. */
    public boolean complete() {
        return missing.isEmpty();
    }

    /**
     * A segment found.
     *
     * @param name  its file name, e.g. {@code 000000010000000000000002}
     * @param where where: {@code pg_wal} (a plain backup's directory), {@code pg_wal.tar.gz} (the tar it is in),
     *              or the WAL archive directory's path
     */
    public record FoundSegment(String name, String where) {
        public FoundSegment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(where, "where");
        }
    }
}
