package io.dbrecover.influx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxResponseReaderTest {
    /** Two chunks of one series, as influxd 1.6 writes them with chunked=true and chunk_size=1. */
    static final String CHUNKED = """
            {"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"region":"eu","host":"a"},"columns":["time","usage_system","usage_user"],"values":[[1700000000000000001,2,1.5]],"partial":true}],"partial":true}]}
            {"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a","region":"eu"},"columns":["time","usage_system","usage_user"],"values":[[1700000010000000000,3,null]]}]}]}
            {"results":[{"statement_id":1,"series":[{"columns":["key"],"values":[["cpu,host=a,region=eu"]]}]}]}
            """;

    @Test
    void streamsRowsWithExactNanosecondTimestampsAndTypedValues() throws IOException {
        List<Seen> seen = new ArrayList<>();
        InfluxResponseReader.read(in(CHUNKED), (stmt, header, values) -> seen.add(new Seen(stmt, header, values)));

        assertThat(seen).hasSize(3);
        SeriesHeader cpu = seen.get(0).header();
        assertThat(cpu.name()).isEqualTo("cpu");
        assertThat(cpu.tags()).containsExactly(Map.entry("host", "a"), Map.entry("region", "eu"));
        assertThat(cpu.columns()).containsExactly("time", "usage_system", "usage_user");
        assertThat(seen.get(0).values()).containsExactly(1700000000000000001L, 2L, 1.5);
        assertThat(seen.get(1).values()).containsExactly(1700000010000000000L, 3L, null);
        assertThat(seen.get(1).header()).isEqualTo(cpu);
        assertThat(seen.get(2).statement()).isEqualTo(1);
        assertThat(seen.get(2).header().name()).isNull();
    }

    @Test
    void joinsTheChunksOfASeriesWhenReadWhole() throws IOException {
        List<Series> all = InfluxResponseReader.readAll(in(CHUNKED));

        assertThat(all).hasSize(2);
        assertThat(all.get(0).values()).hasSize(2);
        assertThat(all.get(0).column("usage_user")).isEqualTo(2);
        assertThat(all.get(1).statementId()).isEqualTo(1);
        assertThat(all.get(1).values().get(0)).containsExactly("cpu,host=a,region=eu");
    }

    @Test
    void keepsStringsBooleansAndHugeIntegers() throws IOException {
        String json = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"a\",\"b\",\"c\"],"
                + "\"values\":[[\"x, \\\"y\\\"\",true,18446744073709551615]]}]}]}";

        List<Series> all = InfluxResponseReader.readAll(in(json));

        assertThat(all.get(0).values().get(0)).containsExactly("x, \"y\"", true, new BigInteger("18446744073709551615"));
    }

    @Test
    void readsAStatementWithoutSeriesAsNoRows() throws IOException {
        assertThat(InfluxResponseReader.readAll(in("{\"results\":[{\"statement_id\":0}]}"))).isEmpty();
    }

    @Test
    void reportsAnErrorOfTheWholeRequest() {
        assertThatThrownBy(() -> InfluxResponseReader.readAll(in("{\"error\":\"error parsing query: found SELEC\"}")))
                .isInstanceOf(InfluxResponseReader.ServerError.class).hasMessage("error parsing query: found SELEC");
    }

    @Test
    void reportsAnErrorOfOneStatement() {
        assertThatThrownBy(() -> InfluxResponseReader.readAll(
                in("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: nodb\"}]}")))
                .isInstanceOf(InfluxResponseReader.ServerError.class)
                .hasMessage("statement 0: database not found: nodb");
    }

    @Test
    void refusesTextThatIsNotAQueryResponse() {
        assertThatThrownBy(() -> InfluxResponseReader.readAll(in("<html>502 Bad Gateway</html>")))
                .isInstanceOf(IOException.class).hasMessageContaining("not an InfluxDB query response");
        assertThatThrownBy(() -> InfluxResponseReader.readAll(in("[1,2]")))
                .isInstanceOf(IOException.class).hasMessageContaining("expected START_OBJECT");
        assertThatThrownBy(() -> InfluxResponseReader.readAll(in(
                "{\"results\":[{\"series\":[{\"values\":[[1]],\"columns\":[\"a\"]}]}]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("values before columns");
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws IOException {
        String json = "{\"results\":[{\"statement_id\":0,\"messages\":[{\"level\":\"warning\",\"text\":\"x\"}],"
                + "\"series\":[{\"name\":\"m\",\"columns\":[\"a\"],\"values\":[[1]],\"future\":{\"x\":[1]}}]}]}";

        assertThat(InfluxResponseReader.readAll(in(json)).get(0).values()).containsExactly(Arrays.asList(1L));
    }

    record Seen(int statement, SeriesHeader header, List<Object> values) {
    }

    static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
