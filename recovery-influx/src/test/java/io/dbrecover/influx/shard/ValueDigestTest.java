package io.dbrecover.influx.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.model.FieldType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ValueDigestTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesEachTypeCanonically() {
        assertThat(HEX.formatHex(ValueDigest.encode(1, FieldType.FLOAT, Double.doubleToRawLongBits(1.5), null)))
                .isEqualTo("0000000000000001" + "46" + "3ff8000000000000");
        assertThat(HEX.formatHex(ValueDigest.encode(-1, FieldType.INTEGER, (1L << 53) + 1, null)))
                .isEqualTo("ffffffffffffffff" + "49" + "0020000000000001");
        assertThat(HEX.formatHex(ValueDigest.encode(2, FieldType.UNSIGNED, -1L, null)))
                .isEqualTo("0000000000000002" + "55" + "ffffffffffffffff");
        assertThat(HEX.formatHex(ValueDigest.encode(3, FieldType.BOOLEAN, 1, null)))
                .isEqualTo("0000000000000003" + "42" + "01");
        assertThat(HEX.formatHex(ValueDigest.encode(4, FieldType.STRING, 0, "é".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("0000000000000004" + "53" + "00000002" + "c3a9");
    }

    @Test
    void theDigestIsTheSumModulo2To256OfEachValuesSha256() throws Exception {
        ValueDigest d = new ValueDigest();
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < 50; i++) {
            d.add(i, FieldType.INTEGER, i * 7919L, null);
            byte[] h = MessageDigest.getInstance("SHA-256").digest(ValueDigest.encode(i, FieldType.INTEGER,
                    i * 7919L, null));
            expected = expected.add(new BigInteger(1, h)).mod(BigInteger.ONE.shiftLeft(256));
        }

        assertThat(d.count()).isEqualTo(50);
        assertThat(d.hex()).isEqualTo(String.format("%064x", expected));
    }

    @Test
    void theOrderInWhichValuesArriveDoesNotMatter() {
        ValueDigest a = new ValueDigest();
        ValueDigest b = new ValueDigest();
        a.add(1, FieldType.FLOAT, 10, null);
        a.add(2, FieldType.FLOAT, 20, null);
        b.add(2, FieldType.FLOAT, 20, null);
        b.add(1, FieldType.FLOAT, 10, null);

        assertThat(a.sameValues(b)).isTrue();
        assertThat(a.hex()).isEqualTo(b.hex());
    }

    @Test
    void oneBitOfAFloatATimestampOrATypeMakesADifference() {
        double x = 0.1;
        assertThat(one(1, FieldType.FLOAT, Double.doubleToRawLongBits(x)).sameValues(one(1, FieldType.FLOAT,
                Double.doubleToRawLongBits(Math.nextUp(x))))).isFalse();
        assertThat(one(1, FieldType.FLOAT, Double.doubleToRawLongBits(0.0)).sameValues(one(1, FieldType.FLOAT,
                Double.doubleToRawLongBits(-0.0)))).isFalse();
        assertThat(one(1, FieldType.FLOAT, 5).sameValues(one(2, FieldType.FLOAT, 5))).isFalse();
        assertThat(one(1, FieldType.INTEGER, 5).sameValues(one(1, FieldType.UNSIGNED, 5))).isFalse();
        assertThat(one(1, FieldType.INTEGER, 5).sameValues(one(1, FieldType.INTEGER, 5))).isTrue();
    }

    @Test
    void stringsAreFramedByTheirLengthAndCountsCount() {
        ValueDigest ab = new ValueDigest();
        ab.addString(1, "ab");
        ValueDigest abc = new ValueDigest();
        abc.addString(1, "abc");
        ValueDigest twice = new ValueDigest();
        twice.addString(1, "ab");
        twice.addString(1, "ab");

        assertThat(ab.sameValues(abc)).isFalse();
        assertThat(ab.sameValues(twice)).isFalse();
        assertThat(ab.sameValues(null)).isFalse();
    }

    @Test
    void remembersWhenASeriesFieldHoldsSeveralTypes() {
        ValueDigest d = one(1, FieldType.FLOAT, 0);
        assertThat(d.mixedTypes()).isFalse();
        d.add(2, FieldType.INTEGER, 0, null);
        assertThat(d.mixedTypes()).isTrue();
        assertThat(d.type()).isEqualTo(FieldType.FLOAT);
    }

    private static ValueDigest one(long time, FieldType type, long bits) {
        ValueDigest d = new ValueDigest();
        d.add(time, type, bits, null);
        return d;
    }
}
