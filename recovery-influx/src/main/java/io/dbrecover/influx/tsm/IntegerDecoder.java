package io.dbrecover.influx.tsm;

/**
 * Signed and unsigned integer values (InfluxDB encodes unsigned ones with the same code, reading their 64 bits as
 * signed). The high 4 bits of the first byte: 0 uncompressed (zig-zag deltas, 8 bytes each, the first against 0),
 * 1 simple8b (the first value zig-zag in 8 bytes, then simple8b words of zig-zag deltas), 2 run-length (the first
 * value zig-zag in 8 bytes, the uvarint zig-zag delta, the uvarint number of repeats: count - 1). Empty input holds
 * no values.
 */
final class IntegerDecoder {
    private IntegerDecoder() {
    }

    static int decode(ByteCursor c, int pos, int end, BlockValues v) {
        c.pos = pos;
        c.end = end;
        if (pos == end) {
            return 0;
        }
        int encoding = c.u8("integer encoding") >>> 4;
        return switch (encoding) {
            case 0 -> raw(c, v);
            case 1 -> packed(c, v);
            case 2 -> runLength(c, v);
            default -> throw c.corrupt(pos, "unknown integer encoding " + encoding);
        };
    }

    static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }

    private static int raw(ByteCursor c, BlockValues v) {
        int len = c.remaining();
        if ((len & 7) != 0) {
            throw c.corrupt(c.pos, "uncompressed integers of " + len + " bytes are not 8 bytes each");
        }
        int n = len >>> 3;
        BlockValues.checkCount(c, c.pos, n, "uncompressed integers");
        long[] out = v.longs(n);
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += unzigzag((long) ByteCursor.LONG_BE.get(c.bytes, c.pos));
            c.pos += 8;
            out[i] = prev;
        }
        return n;
    }

    private static int packed(ByteCursor c, BlockValues v) {
        long first = unzigzag(c.int64("first integer"));
        long more = Simple8b.count(c, c.pos, c.end);
        BlockValues.checkCount(c, c.pos, more + 1, "simple8b integers");
        int n = (int) more + 1;
        long[] out = v.longs(n);
        out[0] = first;
        Simple8b.decode(c.bytes, c.pos, c.end, out, 1);
        long prev = first;
        for (int i = 1; i < n; i++) {
            prev += unzigzag(out[i]);
            out[i] = prev;
        }
        c.pos = c.end;
        return n;
    }

    private static int runLength(ByteCursor c, BlockValues v) {
        long first = unzigzag(c.int64("first integer"));
        long delta = unzigzag(c.uvarint("run-length delta"));
        int at = c.pos;
        long repeats = c.uvarint("run-length repeat count");
        BlockValues.checkCount(c, at, repeats, "run-length integers");
        if (c.remaining() != 0) {
            throw c.corrupt(c.pos, c.remaining() + " bytes after run-length integers");
        }
        int n = (int) repeats + 1;
        long[] out = v.longs(n);
        long x = first;
        for (int i = 0; i < n; i++) {
            out[i] = x;
            x += delta;
        }
        return n;
    }
}
