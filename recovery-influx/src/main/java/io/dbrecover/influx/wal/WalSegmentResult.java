package io.dbrecover.influx.wal;

import io.dbrecover.influx.model.Damage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What reading one WAL segment gave.
 *
 * @param file       the segment
 * @param size       its size in bytes
 * @param entries    the entries read whole (writes, deletes and range deletes)
 * @param validBytes the bytes up to the end of the last whole entry; everything after it was not read
 * @param damage     where reading stopped and why (at most one: a damaged entry ends the segment, as it does for
 *                   influxd, which truncates a segment at its first bad entry); empty when the segment is whole
 */
public record WalSegmentResult(Path file, long size, long entries, long validBytes, List<Damage> damage) {
    public WalSegmentResult {
        Objects.requireNonNull(file, "file");
        damage = List.copyOf(damage);
    }

    /** Whether every byte of the segment was read as whole entries. */
    public boolean whole() {
        return damage.isEmpty();
    }
}
