package io.dbrecover.influx.tsm;

/**
 * Float values, Gorilla-compressed (the only float encoding InfluxDB writes; high 4 bits of the first byte 1): the
 * first value's 64 bits, then per value a 0 bit (same as the previous) or a 1 bit and either a 0 bit (XOR with the
 * previous value in the previous window of meaningful bits) or a 1 bit, 5 bits of leading zeros, 6 bits of
 * meaningful bits (0 meaning 64) and those bits. The stream ends with the NaN InfluxDB uses as a sentinel
 * (0x7FF8000000000001), which can therefore never be a value; without it the stream is truncated.
 */
final class FloatDecoder {
    static final long SENTINEL = 0x7FF8000000000001L;

    private FloatDecoder() {
    }

    static int decode(ByteCursor c, int pos, int end, BlockValues v) {
        c.pos = pos;
        c.end = end;
        if (pos == end) {
            return 0;
        }
        int encoding = c.u8("float encoding") >>> 4;
        if (encoding != 1) {
            throw c.corrupt(pos, "unknown float encoding " + encoding);
        }
        long val = c.int64("first float");
        if (val == SENTINEL) {
            return 0;
        }
        byte[] b = c.bytes;
        long bit = (long) c.pos << 3;
        long endBit = (long) end << 3;
        double[] out = v.floats(1024);
        out[0] = Double.longBitsToDouble(val);
        int n = 1;
        int leading = 0;
        int trailing = 0;
        int meaningful = 64;
        while (true) {
            if (bit + 1 > endBit) {
                throw c.corrupt(end, "float stream ends without its end marker after " + n + " values");
            }
            long w = peek(b, bit, end);
            if (w >= 0) {
                bit += 1;
            } else {
                if (bit + 2 > endBit) {
                    throw c.corrupt(end, "float stream truncated after " + n + " values");
                }
                if ((w & 0x4000_0000_0000_0000L) == 0) {
                    bit += 2;
                } else {
                    if (bit + 13 > endBit) {
                        throw c.corrupt(end, "float stream truncated after " + n + " values");
                    }
                    leading = (int) (w >>> 57) & 0x1F;
                    int sig = (int) (w >>> 51) & 0x3F;
                    meaningful = sig == 0 ? 64 : sig;
                    trailing = 64 - leading - meaningful;
                    bit += 13;
                    if (trailing < 0) {
                        throw c.corrupt((int) (bit >>> 3), "float value with " + leading + " leading and "
                                + meaningful + " meaningful bits (more than 64)");
                    }
                }
                if (bit + meaningful > endBit) {
                    throw c.corrupt(end, "float stream truncated after " + n + " values");
                }
                long bits = peek(b, bit, end) >>> (64 - meaningful);
                bit += meaningful;
                val ^= bits << trailing;
                if (val == SENTINEL) {
                    c.pos = end;
                    return n;
                }
            }
            if (n == out.length) {
                BlockValues.checkCount(c, (int) (bit >>> 3), n + 1L, "float stream");
                out = v.floats(n + 1);
            }
            out[n++] = Double.longBitsToDouble(val);
        }
    }

    /** The 64 bits from bit {@code bit} on (zeros past {@code end}). */
    private static long peek(byte[] b, long bit, int end) {
        int i = (int) (bit >>> 3);
        int shift = (int) bit & 7;
        long w;
        if (i + 9 <= end) {
            w = (long) ByteCursor.LONG_BE.get(b, i);
            if (shift != 0) {
                w = w << shift | (b[i + 8] & 0xFFL) >>> (8 - shift);
            }
            return w;
        }
        w = 0;
        for (int k = 0; k < 8; k++) {
            w = w << 8 | (i + k < end ? b[i + k] & 0xFFL : 0);
        }
        if (shift != 0) {
            long next = i + 8 < end ? b[i + 8] & 0xFFL : 0;
            w = w << shift | next >>> (8 - shift);
        }
        return w;
    }
}
