package io.dbrecover.influx.tsm;

/**
 * Timestamps of a block. The high 4 bits of the first byte name the encoding: 0 uncompressed (the first timestamp
 * and then deltas, 8 bytes each), 1 simple8b (the low 4 bits are log10 of a scale, then the first timestamp in 8
 * bytes and simple8b words of scaled deltas), 2 run-length (log10 of the scale in the low bits, the first timestamp,
 * uvarint scaled delta, uvarint count of timestamps). Empty input holds no timestamps.
 */
final class TimestampDecoder {
    private static final long[] POW10 = new long[16];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private TimestampDecoder() {
    }

    static int decode(ByteCursor c, int pos, int end, BlockValues v) {
        c.pos = pos;
        c.end = end;
        if (pos == end) {
            return 0;
        }
        int head = c.u8("timestamp encoding");
        int encoding = head >>> 4;
        long scale = POW10[head & 0xF];
        return switch (encoding) {
            case 0 -> raw(c, v);
            case 1 -> packed(c, scale, v);
            case 2 -> runLength(c, scale, v);
            default -> throw c.corrupt(pos, "unknown timestamp encoding " + encoding);
        };
    }

    private static int raw(ByteCursor c, BlockValues v) {
        int len = c.remaining();
        if ((len & 7) != 0) {
            throw c.corrupt(c.pos, "uncompressed timestamps of " + len + " bytes are not 8 bytes each");
        }
        int n = len >>> 3;
        BlockValues.checkCount(c, c.pos, n, "uncompressed timestamps");
        long[] t = v.times(n);
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += (long) ByteCursor.LONG_BE.get(c.bytes, c.pos);
            c.pos += 8;
            t[i] = prev;
        }
        return n;
    }

    private static int packed(ByteCursor c, long scale, BlockValues v) {
        long first = c.int64("first timestamp");
        long more = Simple8b.count(c, c.pos, c.end);
        BlockValues.checkCount(c, c.pos, more + 1, "simple8b timestamps");
        int n = (int) more + 1;
        long[] t = v.times(n);
        t[0] = first;
        Simple8b.decode(c.bytes, c.pos, c.end, t, 1);
        long prev = first;
        if (scale == 1) {
            for (int i = 1; i < n; i++) {
                prev += t[i];
                t[i] = prev;
            }
        } else {
            for (int i = 1; i < n; i++) {
                prev += t[i] * scale;
                t[i] = prev;
            }
        }
        c.pos = c.end;
        return n;
    }

    private static int runLength(ByteCursor c, long scale, BlockValues v) {
        long first = c.int64("first timestamp");
        long delta = c.uvarint("run-length delta") * scale;
        int at = c.pos;
        long n = c.uvarint("run-length count");
        BlockValues.checkCount(c, at, n, "run-length timestamps");
        if (c.remaining() != 0) {
            throw c.corrupt(c.pos, c.remaining() + " bytes after run-length timestamps");
        }
        long[] t = v.times((int) n);
        long x = first;
        for (int i = 0; i < n; i++) {
            t[i] = x;
            x += delta;
        }
        return (int) n;
    }
}
