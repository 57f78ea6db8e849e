package io.dbrecover.influx.tsm;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Test-side encoder of the TSM format as InfluxDB documents it (tsdb/engine/tsm1 and pkg/encoding/simple8b), so
 * that the decoders are tested on bytes made from the format's description, every encoding included, not only on
 * what one influxd happens to write. The real server's files are read by {@code TsmReaderIT}.
 */
final class TsmFixture {
    private TsmFixture() {
    }

    // ---- timestamps

    static byte[] timesRaw(long... t) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * t.length);
        b.put((byte) 0x00);
        for (int i = 0; i < t.length; i++) {
            b.putLong(i == 0 ? t[0] : t[i] - t[i - 1]);
        }
        return b.array();
    }

    static byte[] timesPacked(int log10, long... t) {
        long scale = (long) Math.pow(10, log10);
        long[] deltas = new long[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            deltas[i - 1] = (t[i] - t[i - 1]) / scale;
        }
        byte[] words = simple8b(deltas);
        ByteBuffer b = ByteBuffer.allocate(9 + words.length);
        b.put((byte) (0x10 | log10)).putLong(t[0]).put(words);
        return b.array();
    }

    static byte[] timesRle(int log10, long first, long scaledDelta, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x20 | log10);
        out.writeBytes(ByteBuffer.allocate(8).putLong(first).array());
        uvarint(out, scaledDelta);
        uvarint(out, count);
        return out.toByteArray();
    }

    // ---- simple8b: each word takes the selector that packs the most of the values that follow

    /** The documented selector table (values per word, bits per value), kept apart from the decoder's. */
    private static final int[] S8B_COUNT = {240, 120, 60, 30, 20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2, 1};
    private static final int[] S8B_BITS = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 60};

    static byte[] simple8b(long... values) {
        ByteBuffer out = ByteBuffer.allocate(8 * Math.max(1, values.length));
        int i = 0;
        while (i < values.length) {
            int chosen = -1;
            for (int sel = 0; sel < 16 && chosen < 0; sel++) {
                int n = S8B_COUNT[sel];
                if (i + n > values.length) {
                    continue;
                }
                boolean fits = true;
                for (int k = i; k < i + n && fits; k++) {
                    fits = sel < 2 ? values[k] == 1
                            : Long.compareUnsigned(values[k], (1L << S8B_BITS[sel]) - 1) <= 0;
                }
                if (fits) {
                    chosen = sel;
                }
            }
            if (chosen < 0) {
                throw new IllegalArgumentException("value above simple8b's 60 bits: " + values[i]);
            }
            long w = (long) chosen << 60;
            if (chosen >= 2) {
                int bits = S8B_BITS[chosen];
                for (int k = 0; k < S8B_COUNT[chosen]; k++) {
                    w |= values[i + k] << (k * bits);
                }
            }
            out.putLong(w);
            i += S8B_COUNT[chosen];
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    // ---- integers and unsigned (the same code)

    static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }

    static byte[] intsRaw(long... v) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * v.length);
        b.put((byte) 0x00);
        for (int i = 0; i < v.length; i++) {
            b.putLong(zigzag(i == 0 ? v[0] : v[i] - v[i - 1]));
        }
        return b.array();
    }

    static byte[] intsPacked(long... v) {
        long[] deltas = new long[v.length - 1];
        for (int i = 1; i < v.length; i++) {
            deltas[i - 1] = zigzag(v[i] - v[i - 1]);
        }
        byte[] words = simple8b(deltas);
        return ByteBuffer.allocate(9 + words.length).put((byte) 0x10).putLong(zigzag(v[0])).put(words).array();
    }

    static byte[] intsRle(long first, long delta, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x20);
        out.writeBytes(ByteBuffer.allocate(8).putLong(zigzag(first)).array());
        uvarint(out, zigzag(delta));
        uvarint(out, count - 1);
        return out.toByteArray();
    }

    // ---- booleans and strings

    static byte[] bools(boolean... v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x10);
        uvarint(out, v.length);
        byte[] bits = new byte[(v.length + 7) / 8];
        for (int i = 0; i < v.length; i++) {
            if (v[i]) {
                bits[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        out.writeBytes(bits);
        return out.toByteArray();
    }

    static byte[] strings(String... v) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (String s : v) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            uvarint(raw, b.length);
            raw.writeBytes(b);
        }
        byte[] in = raw.toByteArray();
        SnappyCompressor snappy = new SnappyCompressor();
        byte[] out = new byte[1 + snappy.maxCompressedLength(in.length)];
        out[0] = 0x10;
        int n = snappy.compress(in, 0, in.length, out, 1, out.length - 1);
        return Arrays.copyOf(out, 1 + n);
    }

    // ---- floats: Gorilla, ended by the NaN sentinel

    /** Go's math.NaN(), which ends a float stream. */
    static final long SENTINEL = 0x7FF8000000000001L;

    static byte[] floats(double... v) {
        return floatBits(Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray());
    }

    static byte[] floatBits(long... bits) {
        BitWriter w = new BitWriter();
        w.write(0x10, 8);
        long first = bits.length == 0 ? SENTINEL : bits[0];
        w.write(first, 64);
        if (bits.length == 0) {
            return w.bytes();
        }
        long prev = first;
        int prevLeading = -1;
        int prevTrailing = 0;
        for (int i = 1; i <= bits.length; i++) {
            long cur = i < bits.length ? bits[i] : SENTINEL;
            long x = cur ^ prev;
            prev = cur;
            if (x == 0) {
                w.write(0, 1);
                continue;
            }
            w.write(1, 1);
            int leading = Math.min(31, Long.numberOfLeadingZeros(x));
            int trailing = Long.numberOfTrailingZeros(x);
            if (prevLeading >= 0 && leading >= prevLeading && trailing >= prevTrailing) {
                w.write(0, 1);
                int l = 64 - prevLeading - prevTrailing;
                w.write(x >>> prevTrailing, l);
            } else {
                prevLeading = leading;
                prevTrailing = trailing;
                int sig = 64 - leading - trailing;
                w.write(1, 1);
                w.write(leading, 5);
                w.write(sig == 64 ? 0 : sig, 6);
                w.write(x >>> trailing, sig);
            }
        }
        return w.bytes();
    }

    /** Bits, most significant first. */
    static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(long value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                current = current << 1 | (int) (value >>> i & 1);
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] bytes() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            if (used > 0) {
                copy.write(current << (8 - used));
            }
            return copy.toByteArray();
        }
    }

    // ---- blocks and files

    static byte[] block(int type, byte[] times, byte[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        uvarint(out, times.length);
        out.writeBytes(times);
        out.writeBytes(values);
        return out.toByteArray();
    }

    /** A block as stored in a file: CRC32 of the data, then the data. */
    static byte[] stored(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return ByteBuffer.allocate(4 + data.length).putInt((int) crc.getValue()).put(data).array();
    }

    /** One block of a key with its time range, for {@link #file}. */
    record Block(long min, long max, byte[] data) {
    }

    /** A TSM file holding the given keys' blocks (keys are sorted, as influxd writes them). */
    static byte[] file(Map<String, List<Block>> keys, Map<String, Integer> types) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x16, (byte) 0xD1, 0x16, (byte) 0xD1, 1});
        Map<String, List<long[]>> refs = new TreeMap<>();
        for (Map.Entry<String, List<Block>> e : new TreeMap<>(keys).entrySet()) {
            List<long[]> list = new ArrayList<>();
            for (Block b : e.getValue()) {
                byte[] s = stored(b.data());
                list.add(new long[] {b.min(), b.max(), out.size(), s.length});
                out.writeBytes(s);
            }
            refs.put(e.getKey(), list);
        }
        long indexOffset = out.size();
        for (Map.Entry<String, List<long[]>> e : refs.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(2 + k.length + 3 + 28 * e.getValue().size());
            b.putShort((short) k.length).put(k).put(types.get(e.getKey()).byteValue())
                    .putShort((short) e.getValue().size());
            for (long[] r : e.getValue()) {
                b.putLong(r[0]).putLong(r[1]).putLong(r[2]).putInt((int) r[3]);
            }
            out.writeBytes(b.array());
        }
        out.writeBytes(ByteBuffer.allocate(8).putLong(indexOffset).array());
        return out.toByteArray();
    }

    static void uvarint(ByteArrayOutputStream out, long v) {
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
