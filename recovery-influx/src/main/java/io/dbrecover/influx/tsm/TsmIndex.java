package io.dbrecover.influx.tsm;

import io.dbrecover.influx.model.Damage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cursor over a TSM file's index, entry by entry in file order (which is key order in a sound file): u16 key
 * length, key, type byte, u16 block count, then per block min time, max time, offset (i64 each) and size (u32). Only
 * the current entry is held, so an index of any size is read in flat memory.
 *
 * <p>Iteration stops at the first entry whose lengths run past the index; {@link #damage()} then says where.
 * Everything else (order, types, block ranges) is for the caller to judge: the cursor reports what the file says.
 */
public final class TsmIndex {
    /** Bytes of one block reference in an index entry. */
    public static final int BLOCK_REF_SIZE = 28;

    private final TsmFile file;
    private final FileWindow window;
    private final long end;
    private long pos;
    private Damage damage;

    TsmIndex(TsmFile file, FileWindow window, long start, long end) {
        this.file = file;
        this.window = window;
        this.pos = start;
        this.end = end;
    }

    /**
     * The next entry.
     *
     * @return the entry, or {@code null} at the end of the index or at damage (see {@link #damage()})
     */
    public IndexEntry next() {
        if (damage != null || pos >= end) {
            return null;
        }
        long start = pos;
        if (end - pos < 2) {
            return stop(start, "index entry at byte " + start + ": its key length runs past the index's end " + end);
        }
        // at() first: it may replace the buffer (after an entry larger than the window), so buffer() comes after it
        int lengthAt = window.at(pos, 2);
        int keyLen = window.buffer().getShort(lengthAt) & 0xFFFF;
        if (keyLen == 0) {
            return stop(start, "index entry at byte " + start + " has an empty key");
        }
        if (end - pos < 2 + keyLen + 3) {
            return stop(start, "index entry at byte " + start + ": key of " + keyLen
                    + " bytes and its type and count run past the index's end " + end);
        }
        int at = window.at(pos, 2 + keyLen + 3);
        ByteBuffer buf = window.buffer();
        byte[] key = new byte[keyLen];
        buf.get(at + 2, key);
        int type = buf.get(at + 2 + keyLen) & 0xFF;
        int count = buf.getShort(at + 3 + keyLen) & 0xFFFF;
        pos += 2 + keyLen + 3;
        long refBytes = (long) count * BLOCK_REF_SIZE;
        if (end - pos < refBytes) {
            return stop(start, "index entry at byte " + start + ": " + count + " blocks run past the index's end "
                    + end);
        }
        List<BlockRef> blocks = new ArrayList<>(count);
        at = window.at(pos, (int) refBytes);
        buf = window.buffer();
        for (int i = 0; i < count; i++) {
            int b = at + i * BLOCK_REF_SIZE;
            blocks.add(new BlockRef(buf.getLong(b), buf.getLong(b + 8), buf.getLong(b + 16), buf.getInt(b + 24)));
        }
        pos += refBytes;
        return new IndexEntry(start, key, type, blocks);
    }

    /** Why iteration stopped before the end of the index, if it did. */
    public Optional<Damage> damage() {
        return Optional.ofNullable(damage);
    }

    /** The offset of the next entry. */
    public long position() {
        return pos;
    }

    private IndexEntry stop(long at, String what) {
        damage = new Damage(file.path(), at, null, what);
        return null;
    }
}
