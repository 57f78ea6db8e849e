package io.dbrecover.influx.tsm;

/**
 * Boolean values: a header byte (bit-packed, the only encoding), the uvarint count, then one bit a value, the first
 * in the highest bit of the first byte.
 */
final class BooleanDecoder {
    private BooleanDecoder() {
    }

    static int decode(ByteCursor c, int pos, int end, BlockValues v) {
        c.pos = pos;
        c.end = end;
        if (pos == end) {
            return 0;
        }
        int encoding = c.u8("boolean encoding") >>> 4;
        if (encoding != 1) {
            throw c.corrupt(pos, "unknown boolean encoding " + encoding);
        }
        int at = c.pos;
        long n = c.uvarint("boolean count");
        BlockValues.checkCount(c, at, n, "boolean block");
        long bytes = (n + 7) >>> 3;
        // more bytes than needed are tolerated as by influxd (its streaming encoder pads an empty block to one)
        if (bytes > c.remaining()) {
            throw c.corrupt(c.pos, n + " booleans need " + bytes + " bytes, the block has " + c.remaining());
        }
        boolean[] out = v.booleans((int) n);
        byte[] b = c.bytes;
        int p = c.pos;
        for (int i = 0; i < n; i++) {
            out[i] = (b[p + (i >>> 3)] & (0x80 >>> (i & 7))) != 0;
        }
        c.pos = end;
        return (int) n;
    }
}
