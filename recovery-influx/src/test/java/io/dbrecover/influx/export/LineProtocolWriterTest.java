package io.dbrecover.influx.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.wal.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineProtocolWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final LineProtocolWriter w = new LineProtocolWriter(out);

    @Test
    void escapesTheFieldKeyAndWritesTheSeriesKeyAsStored() throws IOException {
        Values v = new Values(FieldType.INTEGER, 1);
        v.add(5, -42, null);

        w.values("my\\ m\\,x,t\\,k=a\\ b\\=c", "f ,=\"x", v);

        assertThat(text()).isEqualTo("my\\ m\\,x,t\\,k=a\\ b\\=c f\\ \\,\\=\\\"x=-42i 5\n");
    }

    @Test
    void writesFloatsSoThatTheyReadBackToTheSameBits() throws IOException {
        Values v = new Values(FieldType.FLOAT, 8);
        double[] ds = {3.0, -0.0, 0.1, 1e-5, 1e300, 4.9e-324, -123456789.125, 9007199254740993.0};
        for (int i = 0; i < ds.length; i++) {
            v.add(i, Double.doubleToRawLongBits(ds[i]), null);
        }

        w.values("m", "f", v);

        String[] lines = text().split("\n");
        assertThat(lines).containsExactly("m f=3 0", "m f=-0 1", "m f=0.1 2", "m f=0.00001 3", "m f=1.0E300 4",
                "m f=4.9E-324 5", "m f=-123456789.125 6", "m f=9.007199254740992E15 7");
        for (int i = 0; i < ds.length; i++) {
            String value = lines[i].substring("m f=".length(), lines[i].lastIndexOf(' '));
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(value)))
                    .isEqualTo(Double.doubleToRawLongBits(ds[i]));
        }
    }

    @Test
    void writesFewDecimalsInFixedNotationAndEveryOtherFloatBackToItsBits() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        Values v = new Values(FieldType.FLOAT, 1024);
        double[] fixed = {21.5, 1234.56, -0.001, 0.37 * 3, 1e-9, 123456789.123456789, 0.000123456789, -7.25};
        for (double d : fixed) {
            v.add(v.size(), Double.doubleToRawLongBits(d), null);
        }
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Math.round(random.nextDouble(-1e6, 1e6) * 100) / 100.0;
                case 1 -> random.nextDouble(-1e3, 1e3);
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextInt(-100_000, 100_000) * 0.37;
            };
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                v.add(v.size(), Double.doubleToRawLongBits(d), null);
            }
        }

        w.values("m", "f", v);

        String[] lines = text().split("\n");
        assertThat(lines).hasSize(v.size());
        assertThat(lines[0]).isEqualTo("m f=21.5 0");
        assertThat(lines[1]).isEqualTo("m f=1234.56 1");
        assertThat(lines[2]).isEqualTo("m f=-0.001 2");
        for (int i = 0; i < lines.length; i++) {
            String value = lines[i].substring("m f=".length(), lines[i].lastIndexOf(' '));
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(value))).as(value).isEqualTo(v.bits(i));
        }
    }

    @Test
    void leavesOutNanAndInfinitiesAndCountsThem() throws IOException {
        Values v = new Values(FieldType.FLOAT, 3);
        v.add(1, Double.doubleToRawLongBits(Double.NaN), null);
        v.add(2, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), null);
        v.add(3, Double.doubleToRawLongBits(1.5), null);

        w.values("m", "f", v);

        assertThat(text()).isEqualTo("m f=1.5 3\n");
        assertThat(w.nonFinite()).isEqualTo(2);
        assertThat(w.lines()).isEqualTo(1);
    }

    @Test
    void writesUnsignedBooleanAndStringValues() throws IOException {
        Values u = new Values(FieldType.UNSIGNED, 2);
        u.add(1, -1L, null);
        u.add(2, 7, null);
        Values b = new Values(FieldType.BOOLEAN, 2);
        b.add(1, 1, null);
        b.add(2, 0, null);
        Values s = new Values(FieldType.STRING, 1);
        s.add(-1, 0, "say \"hi\" \\ ü".getBytes(StandardCharsets.UTF_8));

        w.values("m", "u", u);
        w.values("m", "b", b);
        w.values("m", "s", s);

        assertThat(text()).isEqualTo("m u=18446744073709551615u 1\nm u=7u 2\nm b=true 1\nm b=false 2\n"
                + "m s=\"say \\\"hi\\\" \\\\ ü\" -1\n");
        assertThat(w.lineBreaks()).isZero();
    }

    @Test
    void countsStringsWithALineBreak() throws IOException {
        Values s = new Values(FieldType.STRING, 1);
        s.add(1, 0, "two\nlines".getBytes(StandardCharsets.UTF_8));

        w.values("m", "s", s);

        assertThat(text()).isEqualTo("m s=\"two\nlines\" 1\n");
        assertThat(w.lineBreaks()).isEqualTo(1);
    }

    @Test
    void aStringLongerThanTheBufferIsWrittenWhole() throws IOException {
        Values s = new Values(FieldType.STRING, 1);
        byte[] big = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        s.add(9, 0, big);

        w.values("m", "s", s);

        assertThat(text()).isEqualTo("m s=\"" + "x".repeat(200_000) + "\" 9\n");
    }

    private String text() throws IOException {
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }
}
