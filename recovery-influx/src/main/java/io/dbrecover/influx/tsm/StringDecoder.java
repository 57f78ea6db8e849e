package io.dbrecover.influx.tsm;

import io.airlift.compress.snappy.SnappyDecompressor;

/**
 * String values: a header byte (Snappy, the only encoding) and one Snappy block (not the framed format) holding,
 * per value, its uvarint length and its bytes.
 */
final class StringDecoder {
    /** The largest decompressed string block accepted (1000 strings of 64 KiB fit many times over). */
    static final int MAX_DECOMPRESSED = 256 << 20;

    private StringDecoder() {
    }

    static int decode(ByteCursor c, int pos, int end, BlockValues v) {
        c.pos = pos;
        c.end = end;
        if (pos == end) {
            return 0;
        }
        int encoding = c.u8("string encoding") >>> 4;
        if (encoding != 1) {
            throw c.corrupt(pos, "unknown string encoding " + encoding);
        }
        int start = c.pos;
        int len = c.uvarintAtMost(MAX_DECOMPRESSED, "Snappy's decompressed length");
        c.pos = start;
        byte[] out = v.stringBytes(len);
        int got;
        try {
            got = new SnappyDecompressor().decompress(c.bytes, start, end - start, out, 0, len);
        } catch (RuntimeException e) {
            throw c.corrupt(start, "Snappy data does not decompress: " + e.getMessage());
        }
        if (got != len) {
            throw c.corrupt(start, "Snappy data gives " + got + " bytes, its header says " + len);
        }
        // the strings: uvarint length + bytes; each is moved down over the lengths before it (in place: a string
        // never moves up), so that string i is [offsets[i], offsets[i + 1])
        ByteCursor s = new ByteCursor();
        s.reset(out, 0, 0, len);
        int n = 0;
        int w = 0;
        int[] offsets = v.stringOffsets(1025);
        while (s.pos < len) {
            int l = s.uvarintAtMost(len - s.pos, "string length");
            if (n + 2 > offsets.length) {
                BlockValues.checkCount(c, start, n + 1L, "string block");
                offsets = v.stringOffsets(n + 2);
            }
            System.arraycopy(out, s.pos, out, w, l);
            offsets[n++] = w;
            w += l;
            s.pos += l;
        }
        offsets[n] = w;
        c.pos = end;
        return n;
    }
}
