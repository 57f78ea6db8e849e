package io.dbrecover.influx.tsm;

import static io.dbrecover.influx.tsm.TsmFixture.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.model.FieldType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BlockValuesTest {
    private final BlockValues values = new BlockValues();

    private void decode(byte[] data) {
        values.decode(data, 0, data.length);
    }

    private long[] times() {
        return Arrays.copyOf(values.times(), values.count());
    }

    private long[] longs() {
        return Arrays.copyOf(values.longs(), values.count());
    }

    private long[] floatBits() {
        return Arrays.stream(Arrays.copyOf(values.floats(), values.count())).mapToLong(Double::doubleToRawLongBits)
                .toArray();
    }

    private static long[] seq(long first, long step, int n) {
        return LongStream.range(0, n).map(i -> first + i * step).toArray();
    }

    @Test
    void decodesUncompressedTimestampsIncludingTheExtremes() {
        long[] t = {Long.MIN_VALUE, -1, 0, 1_500_000_000_123_456_789L, Long.MAX_VALUE};
        decode(block(1, TsmFixture.timesRaw(t), TsmFixture.intsRaw(1, 2, 3, 4, 5)));
        assertThat(values.type()).isEqualTo(FieldType.INTEGER);
        assertThat(times()).containsExactly(t);
    }

    @Test
    void decodesSimple8bTimestampsScaledByAPowerOfTen() {
        long[] t = {1_600_000_000_000_000_000L, 1_600_000_001_000_000_000L, 1_600_000_003_000_000_000L,
            1_600_000_010_000_000_000L};
        decode(block(1, TsmFixture.timesPacked(9, t), TsmFixture.intsRaw(1, 2, 3, 4)));
        assertThat(times()).containsExactly(t);
    }

    @Test
    void decodesUnscaledSimple8bTimestampsOfEveryWordWidth() {
        // deltas of every bit width simple8b has (1 .. 60 bits), runs of ones (selectors 0 and 1) and zeros
        Random r = new Random(7);
        long[] deltas = new long[1000];
        for (int i = 0; i < deltas.length; i++) {
            int bits = new int[] {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 60}[i / 80 % 14];
            deltas[i] = i < 360 ? 1 : i < 380 ? 0 : r.nextLong() >>> (64 - bits);
        }
        long[] t = new long[deltas.length + 1];
        t[0] = 12345;
        for (int i = 0; i < deltas.length; i++) {
            t[i + 1] = t[i] + deltas[i];
        }
        decode(block(1, TsmFixture.timesPacked(0, t), TsmFixture.intsRle(0, 0, t.length)));
        assertThat(times()).containsExactly(t);
    }

    @Test
    void decodesRunLengthTimestamps() {
        decode(block(2, TsmFixture.timesRle(1, 1_000_000_000L, 6, 1000), TsmFixture.bools(new boolean[1000])));
        assertThat(times()).containsExactly(seq(1_000_000_000L, 60, 1000));
    }

    @Test
    void decodesFloatsByTheirBitsIncludingNegativeZeroInfinitiesAndNanPayloads() {
        long[] bits = {Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-0.0), 0L,
            Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
            0x7FF8000000000000L, 0x7FF0000000000123L, Double.doubleToRawLongBits(Double.MIN_VALUE),
            Double.doubleToRawLongBits(Double.MAX_VALUE), Double.doubleToRawLongBits(Math.PI),
            Double.doubleToRawLongBits(Math.PI), Double.doubleToRawLongBits(-Math.E), 0xFFFFFFFFFFFFFFFFL,
            0x8000000000000001L};
        decode(block(0, TsmFixture.timesRaw(seq(0, 1, bits.length)), TsmFixture.floatBits(bits)));
        assertThat(values.type()).isEqualTo(FieldType.FLOAT);
        assertThat(floatBits()).containsExactly(bits);
    }

    @Test
    void decodesManyRandomFloatsThatNeedAll64Bits() {
        Random r = new Random(42);
        long[] bits = new long[1000];
        for (int i = 0; i < bits.length; i++) {
            long b = i % 3 == 0 ? r.nextLong() : Double.doubleToRawLongBits(20 + r.nextInt(5) * 0.25);
            bits[i] = b == TsmFixture.SENTINEL ? 0 : b;
        }
        decode(block(0, TsmFixture.timesRle(0, 5, 1, 1000), TsmFixture.floatBits(bits)));
        assertThat(floatBits()).containsExactly(bits);
    }

    @Test
    void readsAFloatWhoseFirstDeltaReusesTheInitialFullWindow() {
        // a control bit 0 before any window was set means 64 meaningful bits (InfluxDB's decoder starts so)
        TsmFixture.BitWriter w = new TsmFixture.BitWriter();
        w.write(0x10, 8);
        w.write(Double.doubleToRawLongBits(2.0), 64);
        w.write(0b10, 2);
        w.write(Double.doubleToRawLongBits(2.0) ^ Double.doubleToRawLongBits(3.0), 64);
        w.write(0b10, 2);
        w.write(Double.doubleToRawLongBits(3.0) ^ TsmFixture.SENTINEL, 64);
        decode(block(0, TsmFixture.timesRaw(1, 2), w.bytes()));
        assertThat(Arrays.copyOf(values.floats(), 2)).containsExactly(2.0, 3.0);
    }

    @Test
    void decodesIntegersInAllThreeEncodingsIncludingTheExtremes() {
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
        decode(block(1, TsmFixture.timesRaw(seq(0, 1, 6)), TsmFixture.intsRaw(extremes)));
        assertThat(longs()).containsExactly(extremes);

        long[] small = {-5, 3, 3, 1000, -1000, 7, 1 << 20, -(1L << 40)};
        decode(block(1, TsmFixture.timesRaw(seq(0, 1, 8)), TsmFixture.intsPacked(small)));
        assertThat(longs()).containsExactly(small);

        decode(block(1, TsmFixture.timesRaw(seq(0, 1, 5)), TsmFixture.intsRle(Long.MAX_VALUE - 4, 1, 5)));
        assertThat(longs()).containsExactly(seq(Long.MAX_VALUE - 4, 1, 5));
        decode(block(1, TsmFixture.timesRaw(seq(0, 1, 3)), TsmFixture.intsRle(-7, -3, 3)));
        assertThat(longs()).containsExactly(-7, -10, -13);
    }

    @Test
    void decodesUnsignedAsTheSame64BitsInEveryEncoding() {
        long[] u = {-1L, Long.MIN_VALUE, 0, Long.MAX_VALUE, Long.parseUnsignedLong("18000000000000000000")};
        decode(block(4, TsmFixture.timesRaw(seq(10, 10, 5)), TsmFixture.intsRaw(u)));
        assertThat(values.type()).isEqualTo(FieldType.UNSIGNED);
        assertThat(longs()).containsExactly(u);
        assertThat(Long.toUnsignedString(longs()[0])).isEqualTo("18446744073709551615");

        decode(block(4, TsmFixture.timesRaw(seq(10, 10, 4)), TsmFixture.intsPacked(1, 2, 40, 7)));
        assertThat(longs()).containsExactly(1, 2, 40, 7);
        decode(block(4, TsmFixture.timesRaw(seq(10, 10, 3)), TsmFixture.intsRle(-3L, 1, 3)));
        assertThat(longs()).containsExactly(-3L, -2L, -1L);
    }

    @Test
    void decodesBooleansAcrossByteBoundaries() {
        for (int n : new int[] {1, 7, 8, 9, 1000}) {
            boolean[] b = new boolean[n];
            for (int i = 0; i < n; i++) {
                b[i] = i % 3 == 0 || i == n - 1;
            }
            decode(block(2, TsmFixture.timesRle(0, 0, 1, n), TsmFixture.bools(b)));
            assertThat(values.type()).isEqualTo(FieldType.BOOLEAN);
            assertThat(Arrays.copyOf(values.booleans(), values.count())).containsExactly(b);
        }
    }

    @Test
    void decodesStringsIncludingEmptyUnicodeQuotesAndNewlines() {
        String big = "x".repeat(70_000) + "é";
        String[] s = {"", "plain", "with \"quotes\" and 'single' and \\backslash", "line\nbreak\r\n", "ünïcødé ✓ 𝄞",
            "", big, "tab\there", "\u0000nul"};
        decode(block(3, TsmFixture.timesRaw(seq(0, 1, s.length)), TsmFixture.strings(s)));
        assertThat(values.type()).isEqualTo(FieldType.STRING);
        assertThat(values.count()).isEqualTo(s.length);
        for (int i = 0; i < s.length; i++) {
            assertThat(values.string(i)).isEqualTo(s[i]);
        }
        assertThat(values.stringOffsets()[s.length] - values.stringOffsets()[0])
                .isEqualTo(Arrays.stream(s).mapToInt(x -> x.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .sum());
    }

    @Test
    void anEmptyFloatStreamHoldsNoValues() {
        decode(block(0, new byte[0], TsmFixture.floats()));
        assertThat(values.count()).isZero();
    }

    @Test
    void reusesItsArraysFromBlockToBlock() {
        decode(block(1, TsmFixture.timesRle(0, 0, 1, 1000), TsmFixture.intsRle(0, 1, 1000)));
        long[] t = values.times();
        long[] l = values.longs();
        decode(block(1, TsmFixture.timesRle(0, 5, 1, 10), TsmFixture.intsRle(9, 1, 10)));
        assertThat(values.times()).isSameAs(t);
        assertThat(values.longs()).isSameAs(l);
        assertThat(longs()).containsExactly(seq(9, 1, 10));
    }

    @Test
    void damageIsACorruptInputErrorWithTheOffsetNeverAnotherException() {
        byte[] good = block(0, TsmFixture.timesRaw(1, 2, 3), TsmFixture.floats(1, 2, 3));
        assertCorrupt(Arrays.copyOf(good, good.length - 3), "float stream");
        byte[] badType = good.clone();
        badType[0] = 9;
        assertCorrupt(badType, "unknown block type 9");
        assertCorrupt(block(1, TsmFixture.timesRaw(1, 2, 3), TsmFixture.intsRaw(1, 2)), "3 timestamps but 2 values");
        assertCorrupt(block(1, new byte[] {0x30, 1, 2}, TsmFixture.intsRaw(1)), "unknown timestamp encoding 3");
        assertCorrupt(block(1, TsmFixture.timesRle(0, 1, 1, 1 << 30), TsmFixture.intsRle(0, 1, 1)),
                "more than a block holds");
        assertCorrupt(block(2, TsmFixture.timesRaw(1), new byte[] {0x10, (byte) 0x80}), "uvarint runs past");
        assertCorrupt(block(3, TsmFixture.timesRaw(1), new byte[] {0x10, 5, 0, 1}), "Snappy");
        byte[] tsTooLong = ByteBuffer.allocate(3).put((byte) 1).put((byte) 100).put((byte) 0).array();
        assertCorrupt(tsTooLong, "length of the timestamps");
        assertCorrupt(new byte[] {1}, "too short");
    }

    private void assertCorrupt(byte[] data, String message) {
        assertThatThrownBy(() -> decode(data)).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(e.offset()).isPresent();
            assertThat(e.getMessage()).contains(message);
        });
    }
}
