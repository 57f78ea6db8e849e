package io.dbrecover.influx.tsm;

/**
 * One block as a TSM index entry describes it.
 *
 * @param minTime the first timestamp in the block (Unix nanoseconds)
 * @param maxTime the last timestamp in the block
 * @param offset  the file offset where the block starts (its 4-byte CRC32 comes first)
 * @param size    the block's length in bytes, the 4 CRC bytes included (an unsigned 32-bit number in the file; a
 *                value that does not fit an {@code int} is kept negative here and reported as damage)
 */
public record BlockRef(long minTime, long maxTime, long offset, int size) {
    /** The offset just past the block. */
    public long end() {
        return offset + Integer.toUnsignedLong(size);
    }
}
