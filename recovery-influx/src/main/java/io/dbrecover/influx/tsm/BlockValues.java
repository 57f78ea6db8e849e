package io.dbrecover.influx.tsm;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.model.FieldType;
import java.nio.charset.StandardCharsets;

/**
 * One decoded TSM block in primitive arrays, reused from block to block so that decoding allocates nothing per
 * value. After {@link #decode} (or {@link TsmFile#readBlock}), {@link #count()} values are valid in
 * {@link #times()} and in the array of the block's {@link #type()}: {@link #floats()}, {@link #longs()} (INTEGER,
 * and UNSIGNED as the same 64 bits), {@link #booleans()} or the strings ({@link #string(int)}, or without a copy
 * {@link #stringBytes()} from {@code stringOffsets()[i]} to {@code stringOffsets()[i + 1]}). Arrays may be longer
 * than {@code count()}; the next decode overwrites them. Not thread safe.
 */
public final class BlockValues {
    /**
     * The most values a block may claim. InfluxDB writes at most 1000 by default (max-points-per-block); a count
     * above this is damage, not an allocation.
     */
    public static final int MAX_VALUES = 1 << 22;

    private final ByteCursor cursor = new ByteCursor();
    FieldType type;
    int count;
    long[] times = new long[1024];
    double[] floats = new double[0];
    long[] longs = new long[0];
    boolean[] booleans = new boolean[0];
    byte[] stringBytes = new byte[0];
    int[] stringOffsets = new int[0];

    /**
     * Decodes a block's data (the bytes after its CRC: type byte, uvarint length of the timestamps, timestamps,
     * values).
     *
     * @throws RecoveryException {@code CORRUPT_INPUT} with the offset relative to {@code off} when the bytes are no
     *                           valid block
     */
    public void decode(byte[] block, int off, int len) {
        type = null;
        count = 0;
        if (off < 0 || len < 0 || off + len > block.length || len < 2) {
            throw ByteCursor.corruptAt(0, "a block of " + len + " bytes is too short (type and length at least)");
        }
        ByteCursor c = cursor;
        c.reset(block, off, off, off + len);
        int code = c.u8("block type");
        FieldType t = FieldType.ofCode(code);
        if (t == null) {
            throw ByteCursor.corruptAt(0, "unknown block type " + code);
        }
        int tsLen = c.uvarintAtMost(c.remaining(), "length of the timestamps");
        int tsStart = c.pos;
        int tsEnd = tsStart + tsLen;
        try {
            int n = TimestampDecoder.decode(c, tsStart, tsEnd, this);
            int m = switch (t) {
                case FLOAT -> FloatDecoder.decode(c, tsEnd, off + len, this);
                case INTEGER, UNSIGNED -> IntegerDecoder.decode(c, tsEnd, off + len, this);
                case BOOLEAN -> BooleanDecoder.decode(c, tsEnd, off + len, this);
                case STRING -> StringDecoder.decode(c, tsEnd, off + len, this);
            };
            if (n != m) {
                throw ByteCursor.corruptAt(tsEnd - off, n + " timestamps but " + m + " values");
            }
            type = t;
            count = n;
        } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
            // every length is checked before use; this is the net under those checks, never a crash
            throw ByteCursor.corruptAt(c.pos - off, "block data inconsistent: " + e.getMessage());
        }
    }

    /** The block's type (null before the first successful decode). */
    public FieldType type() {
        return type;
    }

    /** How many values the block holds. */
    public int count() {
        return count;
    }

    /** Timestamps (Unix nanoseconds), {@link #count()} of them. */
    public long[] times() {
        return times;
    }

    /** FLOAT values. */
    public double[] floats() {
        return floats;
    }

    /** INTEGER values, or UNSIGNED values as their 64 bits. */
    public long[] longs() {
        return longs;
    }

    /** BOOLEAN values. */
    public boolean[] booleans() {
        return booleans;
    }

    /** STRING values' bytes, back to back (see {@link #stringOffsets()}). */
    public byte[] stringBytes() {
        return stringBytes;
    }

    /** Where each STRING value starts in {@link #stringBytes()}; entry {@code count()} is the end of the last. */
    public int[] stringOffsets() {
        return stringOffsets;
    }

    /** STRING value {@code i} as text (UTF-8; allocates). */
    public String string(int i) {
        return new String(stringBytes, stringOffsets[i], stringOffsets[i + 1] - stringOffsets[i],
                StandardCharsets.UTF_8);
    }

    long[] times(int n) {
        if (times.length < n) {
            times = new long[Math.max(n, times.length * 2)];
        }
        return times;
    }

    double[] floats(int n) {
        if (floats.length < n) {
            floats = new double[Math.max(n, Math.max(1024, floats.length * 2))];
        }
        return floats;
    }

    long[] longs(int n) {
        if (longs.length < n) {
            longs = new long[Math.max(n, Math.max(1024, longs.length * 2))];
        }
        return longs;
    }

    boolean[] booleans(int n) {
        if (booleans.length < n) {
            booleans = new boolean[Math.max(n, Math.max(1024, booleans.length * 2))];
        }
        return booleans;
    }

    int[] stringOffsets(int n) {
        if (stringOffsets.length < n) {
            stringOffsets = new int[Math.max(n, Math.max(1025, stringOffsets.length * 2))];
        }
        return stringOffsets;
    }

    byte[] stringBytes(int n) {
        if (stringBytes.length < n) {
            stringBytes = new byte[Math.max(n, Math.max(8192, stringBytes.length * 2))];
        }
        return stringBytes;
    }

    static void checkCount(ByteCursor c, int at, long n, String what) {
        if (n < 0 || n > MAX_VALUES) {
            throw c.corrupt(at, what + " claims " + Long.toUnsignedString(n) + " values, more than a block holds ("
                    + MAX_VALUES + ")");
        }
    }
}
