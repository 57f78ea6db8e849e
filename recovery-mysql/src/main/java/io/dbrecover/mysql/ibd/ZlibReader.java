package io.dbrecover.mysql.ibd;

import java.util.Arrays;

/**
 * A zlib (RFC 1950) stream decoder with its own DEFLATE (RFC 1951) decoding, for ROW_FORMAT=COMPRESSED index
 * pages. Unlike {@link java.util.zip.Inflater} it tells where the first DEFLATE block ends in the output (InnoDB
 * ends the description of the index fields with a full flush) and where the zlib stream ends in the input (the
 * page's modification log follows it). Input and output are bounded; damage ends in {@link Damaged}.
 */
final class ZlibReader {
    private static final int MAX_BITS = 15;
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
        10, 11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private final byte[] in;
    private final int end;
    private final byte[] out;
    private int pos;
    private int bitBuffer;
    private int bitCount;
    private int outLength;

    /**
     * The decoded stream.
     *
     * @param data the output, {@code length} bytes of it used
     * @param length bytes decoded
     * @param firstBlockEnd output bytes the first non-empty DEFLATE block produced
     * @param inputEnd offset in the input just past the zlib trailer
     */
    record Result(byte[] data, int length, int firstBlockEnd, int inputEnd) {
    }

    /** Damaged or truncated compressed data. */
    static final class Damaged extends Exception {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message, null, false, false);
        }
    }

    private ZlibReader(byte[] in, int off, int end, int maxOut) {
        this.in = in;
        this.pos = off;
        this.end = end;
        this.out = new byte[maxOut];
    }

    /** Decodes one zlib stream from {@code in[off, end)} into at most {@code maxOut} bytes. */
    static Result inflate(byte[] in, int off, int end, int maxOut) throws Damaged {
        if (off < 0 || end > in.length || end - off < 6) {
            throw new Damaged("the zlib stream is shorter than its header and trailer");
        }
        ZlibReader r = new ZlibReader(in, off, end, maxOut);
        int cmf = in[off] & 0xFF;
        int flg = in[off + 1] & 0xFF;
        if ((cmf & 0x0F) != 8 || (cmf >>> 4) > 7 || (cmf << 8 | flg) % 31 != 0 || (flg & 0x20) != 0) {
            throw new Damaged(String.format("no zlib header (0x%02x%02x)", cmf, flg));
        }
        r.pos += 2;
        int firstBlockEnd = -1;
        boolean last;
        do {
            last = r.bits(1) == 1;
            int type = r.bits(2);
            switch (type) {
                case 0 -> r.stored();
                case 1 -> r.codes(Huffman.FIXED_LITERALS, Huffman.FIXED_DISTANCES);
                case 2 -> r.dynamic();
                default -> throw new Damaged("a DEFLATE block of the reserved type 3");
            }
            if (firstBlockEnd < 0 && r.outLength > 0) {
                firstBlockEnd = r.outLength;
            }
        } while (!last);
        r.bitBuffer = 0;
        r.bitCount = 0;
        if (r.pos + 4 > r.end) {
            throw new Damaged("the zlib stream ends without its Adler-32 checksum");
        }
        long expected = Bytes.u32(in, r.pos);
        if (adler32(r.out, r.outLength) != expected) {
            throw new Damaged("the zlib stream fails its Adler-32 checksum");
        }
        return new Result(r.out, r.outLength, Math.max(firstBlockEnd, 0), r.pos + 4);
    }

    private static long adler32(byte[] data, int length) {
        long a = 1;
        long b = 0;
        for (int i = 0; i < length; i++) {
            a = (a + (data[i] & 0xFF)) % 65521;
            b = (b + a) % 65521;
        }
        return b << 16 | a;
    }

    private int bits(int n) throws Damaged {
        while (bitCount < n) {
            if (pos >= end) {
                throw new Damaged("the compressed data ends inside a DEFLATE block");
            }
            bitBuffer |= (in[pos++] & 0xFF) << bitCount;
            bitCount += 8;
        }
        int value = bitBuffer & ((1 << n) - 1);
        bitBuffer >>>= n;
        bitCount -= n;
        return value;
    }

    private void put(int b) throws Damaged {
        if (outLength >= out.length) {
            throw new Damaged("the compressed data inflates past " + out.length + " bytes");
        }
        out[outLength++] = (byte) b;
    }

    private void stored() throws Damaged {
        bitBuffer = 0;
        bitCount = 0;
        if (pos + 4 > end) {
            throw new Damaged("a stored DEFLATE block header is cut off");
        }
        int length = (in[pos] & 0xFF) | (in[pos + 1] & 0xFF) << 8;
        int complement = (in[pos + 2] & 0xFF) | (in[pos + 3] & 0xFF) << 8;
        pos += 4;
        if ((length ^ 0xFFFF) != complement) {
            throw new Damaged("a stored DEFLATE block with a damaged length");
        }
        if (pos + length > end) {
            throw new Damaged("a stored DEFLATE block runs past the input");
        }
        for (int i = 0; i < length; i++) {
            put(in[pos++] & 0xFF);
        }
    }

    private void dynamic() throws Damaged {
        int literals = bits(5) + 257;
        int distances = bits(5) + 1;
        int codeLengthCodes = bits(4) + 4;
        if (literals > 286 || distances > 30) {
            throw new Damaged("a dynamic DEFLATE block with too many codes");
        }
        int[] lengths = new int[19];
        for (int i = 0; i < codeLengthCodes; i++) {
            lengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Huffman codeLengths = Huffman.of(lengths, 19);
        int[] all = new int[literals + distances];
        int i = 0;
        while (i < all.length) {
            int symbol = codeLengths.decode(this);
            if (symbol < 16) {
                all[i++] = symbol;
                continue;
            }
            int repeat;
            int value = 0;
            if (symbol == 16) {
                if (i == 0) {
                    throw new Damaged("a DEFLATE length repeat with nothing to repeat");
                }
                value = all[i - 1];
                repeat = 3 + bits(2);
            } else if (symbol == 17) {
                repeat = 3 + bits(3);
            } else {
                repeat = 11 + bits(7);
            }
            if (i + repeat > all.length) {
                throw new Damaged("DEFLATE code lengths run past their count");
            }
            Arrays.fill(all, i, i + repeat, value);
            i += repeat;
        }
        if (all[256] == 0) {
            throw new Damaged("a DEFLATE block without an end-of-block code");
        }
        codes(Huffman.of(Arrays.copyOfRange(all, 0, literals), literals),
                Huffman.of(Arrays.copyOfRange(all, literals, all.length), distances));
    }

    private void codes(Huffman literals, Huffman distances) throws Damaged {
        while (true) {
            int symbol = literals.decode(this);
            if (symbol < 256) {
                put(symbol);
                continue;
            }
            if (symbol == 256) {
                return;
            }
            symbol -= 257;
            if (symbol >= LENGTH_BASE.length) {
                throw new Damaged("a DEFLATE length code out of range");
            }
            int length = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
            int d = distances.decode(this);
            if (d >= DISTANCE_BASE.length) {
                throw new Damaged("a DEFLATE distance code out of range");
            }
            int distance = DISTANCE_BASE[d] + bits(DISTANCE_EXTRA[d]);
            if (distance > outLength) {
                throw new Damaged("a DEFLATE distance reaches before the start of the data");
            }
            for (int k = 0; k < length; k++) {
                put(out[outLength - distance] & 0xFF);
            }
        }
    }

    /** A canonical Huffman code: how many codes each length has and the symbols in code order. */
    private record Huffman(int[] counts, int[] symbols) {
        static final Huffman FIXED_LITERALS;
        static final Huffman FIXED_DISTANCES;

        static {
            int[] literal = new int[288];
            Arrays.fill(literal, 0, 144, 8);
            Arrays.fill(literal, 144, 256, 9);
            Arrays.fill(literal, 256, 280, 7);
            Arrays.fill(literal, 280, 288, 8);
            int[] distance = new int[30];
            Arrays.fill(distance, 5);
            try {
                FIXED_LITERALS = of(literal, 288);
                FIXED_DISTANCES = of(distance, 30);
            } catch (Damaged e) {
                throw new IllegalStateException(e);
            }
        }

        static Huffman of(int[] lengths, int n) throws Damaged {
            int[] counts = new int[MAX_BITS + 1];
            for (int i = 0; i < n; i++) {
                counts[lengths[i]]++;
            }
            int left = 1;
            for (int len = 1; len <= MAX_BITS; len++) {
                left <<= 1;
                left -= counts[len];
                if (left < 0) {
                    throw new Damaged("an over-subscribed DEFLATE code");
                }
            }
            int[] offsets = new int[MAX_BITS + 2];
            for (int len = 1; len <= MAX_BITS; len++) {
                offsets[len + 1] = offsets[len] + counts[len];
            }
            int[] symbols = new int[n];
            for (int i = 0; i < n; i++) {
                if (lengths[i] != 0) {
                    symbols[offsets[lengths[i]]++] = i;
                }
            }
            counts[0] = 0;
            return new Huffman(counts, symbols);
        }

        /** Reads one symbol bit by bit: codes of each length are consecutive numbers. */
        int decode(ZlibReader r) throws Damaged {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int len = 1; len <= MAX_BITS; len++) {
                code |= r.bits(1);
                int count = counts[len];
                if (code - first < count) {
                    return symbols[index + code - first];
                }
                index += count;
                first += count;
                first <<= 1;
                code <<= 1;
            }
            throw new Damaged("a DEFLATE code that no symbol has");
        }
    }
}
