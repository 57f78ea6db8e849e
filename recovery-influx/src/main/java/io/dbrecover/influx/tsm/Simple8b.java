package io.dbrecover.influx.tsm;

import java.util.Arrays;

/**
 * Simple8b words as InfluxDB packs them: a 4-bit selector in the top of each big-endian 64-bit word says how many
 * values of how many bits follow, the first value in the lowest bits; selectors 0 and 1 stand for 240 and 120 ones.
 */
final class Simple8b {
    /** Values per word by selector. */
    static final int[] COUNT = {240, 120, 60, 30, 20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2, 1};
    /** Bits per value by selector. */
    static final int[] BITS = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 60};
    /** The largest value simple8b can hold. */
    static final long MAX_VALUE = (1L << 60) - 1;

    private Simple8b() {
    }

    /** How many values the words in {@code [pos, end)} hold; the length must be a multiple of 8. */
    static long count(ByteCursor c, int pos, int end) {
        if (((end - pos) & 7) != 0) {
            throw c.corrupt(pos, "simple8b data of " + (end - pos) + " bytes is not a whole number of words");
        }
        long n = 0;
        for (int p = pos; p < end; p += 8) {
            n += COUNT[(c.bytes[p] & 0xFF) >>> 4];
        }
        return n;
    }

    /**
     * Unpacks the words in {@code [pos, end)} into {@code dst} from {@code at}; {@code dst} has room for
     * {@link #count} values.
     *
     * @return the index after the last value written
     */
    static int decode(byte[] b, int pos, int end, long[] dst, int at) {
        int o = at;
        for (int p = pos; p < end; p += 8) {
            long w = (long) ByteCursor.LONG_BE.get(b, p);
            int sel = (int) (w >>> 60);
            switch (sel) {
                case 0 -> {
                    Arrays.fill(dst, o, o + 240, 1L);
                    o += 240;
                }
                case 1 -> {
                    Arrays.fill(dst, o, o + 120, 1L);
                    o += 120;
                }
                default -> {
                    int bits = BITS[sel];
                    int n = COUNT[sel];
                    long mask = (1L << bits) - 1;
                    for (int i = 0; i < n; i++) {
                        dst[o++] = w & mask;
                        w >>>= bits;
                    }
                }
            }
        }
        return o;
    }
}
