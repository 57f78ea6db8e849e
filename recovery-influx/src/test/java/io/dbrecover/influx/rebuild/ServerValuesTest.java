package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.http.InfluxResponseReader;
import io.dbrecover.influx.http.Series;
import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.shard.ValueDigest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerValuesTest {
    /** One row as influxd 1.6 writes it: floats shortest round-trip, integral floats without a fraction. */
    private static List<Object> row(String valuesJson) throws IOException {
        String json = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"v\"],"
                + "\"values\":[[7," + valuesJson + "]]}]}]}";
        List<Series> all = InfluxResponseReader.readAll(new ByteArrayInputStream(json.getBytes(
                StandardCharsets.UTF_8)));
        return all.get(0).values().get(0);
    }

    private static ValueDigest server(FieldType type, String json) throws IOException {
        List<Object> r = row(json);
        ValueDigest d = new ValueDigest();
        ServerValues.add(d, type, (Long) r.get(0), r.get(1));
        return d;
    }

    private static ValueDigest file(FieldType type, long bits) {
        ValueDigest d = new ValueDigest();
        d.add(7, type, bits, null);
        return d;
    }

    @Test
    void floatsKeepAll64BitsWhetherWrittenWithAFractionOrNot() throws IOException {
        assertThat(server(FieldType.FLOAT, "0.30000000000000004").sameValues(file(FieldType.FLOAT,
                Double.doubleToRawLongBits(0.1 + 0.2)))).isTrue();
        assertThat(server(FieldType.FLOAT, "5").sameValues(file(FieldType.FLOAT,
                Double.doubleToRawLongBits(5.0)))).isTrue();
        assertThat(server(FieldType.FLOAT, "100000000000000000000").sameValues(file(FieldType.FLOAT,
                Double.doubleToRawLongBits(1e20)))).isTrue();
        assertThat(server(FieldType.FLOAT, "4.9e-324").sameValues(file(FieldType.FLOAT, 1L))).isTrue();
        assertThat(server(FieldType.FLOAT, "-0").sameValues(file(FieldType.FLOAT,
                Double.doubleToRawLongBits(-0.0)))).isTrue();
        assertThat(server(FieldType.FLOAT, "5").sameValues(file(FieldType.FLOAT,
                Double.doubleToRawLongBits(Math.nextUp(5.0))))).isFalse();
    }

    @Test
    void integersStayExactAbove2To53AndUnsignedUpTo2To64() throws IOException {
        long big = (1L << 53) + 1;
        assertThat(server(FieldType.INTEGER, Long.toString(big)).sameValues(file(FieldType.INTEGER, big))).isTrue();
        assertThat(server(FieldType.INTEGER, Long.toString(big)).sameValues(file(FieldType.INTEGER, big - 1)))
                .isFalse();
        assertThat(server(FieldType.UNSIGNED, "18446744073709551615").sameValues(file(FieldType.UNSIGNED, -1L)))
                .isTrue();
        assertThat(server(FieldType.INTEGER, "5").sameValues(file(FieldType.FLOAT,
                Double.doubleToRawLongBits(5.0)))).isFalse();
    }

    @Test
    void stringsAndBooleansAsSent() throws IOException {
        ValueDigest s = server(FieldType.STRING, "\"a \\\"b\\\" é\"");
        ValueDigest f = new ValueDigest();
        f.add(7, FieldType.STRING, 0, "a \"b\" é".getBytes(StandardCharsets.UTF_8));
        assertThat(s.sameValues(f)).isTrue();
        assertThat(server(FieldType.BOOLEAN, "true").sameValues(file(FieldType.BOOLEAN, 1))).isTrue();
        assertThat(server(FieldType.BOOLEAN, "false").sameValues(file(FieldType.BOOLEAN, 1))).isFalse();
        // a value whose JSON kind does not fit the field's type differs instead of being forced into it
        assertThat(server(FieldType.INTEGER, "\"5\"").sameValues(file(FieldType.INTEGER, 5))).isFalse();
        assertThat(server(FieldType.INTEGER, "18446744073709551615").sameValues(file(FieldType.INTEGER, -1L)))
                .isFalse();
        assertThat(new BigInteger("18446744073709551615").longValue()).isEqualTo(-1L);
    }
}
