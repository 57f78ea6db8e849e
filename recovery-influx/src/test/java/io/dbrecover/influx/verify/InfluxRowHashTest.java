package io.dbrecover.influx.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.http.InfluxResponseReader;
import io.dbrecover.influx.http.SeriesHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxRowHashTest {
    private static final SeriesHeader A = new SeriesHeader("m", Map.of("host", "a"), List.of("time", "v", "w"));
    private static final SeriesHeader B = new SeriesHeader("m", Map.of("host", "b"), List.of("time", "v", "w"));

    @Test
    void doesNotDependOnHowTheServerChunkedTheResult() throws IOException {
        String oneChunk = """
                {"results":[{"statement_id":0,"series":[{"name":"m","tags":{"host":"a"},"columns":["time","v"],"values":[[1,1.5],[2,2.5]]},{"name":"m","tags":{"host":"b"},"columns":["time","v"],"values":[[1,"x"]]}]}]}
                """;
        String threeChunks = """
                {"results":[{"statement_id":0,"series":[{"name":"m","tags":{"host":"a"},"columns":["time","v"],"values":[[1,1.5]],"partial":true}],"partial":true}]}
                {"results":[{"statement_id":0,"series":[{"name":"m","tags":{"host":"a"},"columns":["time","v"],"values":[[2,2.5]]}],"partial":true}]}
                {"results":[{"statement_id":0,"series":[{"name":"m","tags":{"host":"b"},"columns":["time","v"],"values":[[1,"x"]]}]}]}
                """;

        InfluxRowHash h1 = hash(oneChunk);
        InfluxRowHash h3 = hash(threeChunks);

        assertThat(h1).isEqualTo(h3);
        assertThat(h1.rows()).isEqualTo(3);
        assertThat(h1.sha256()).hasSize(64);
    }

    @Test
    void isStableAcrossRuns() {
        InfluxRowHash.Hasher h = new InfluxRowHash.Hasher();
        h.row(0, A, Arrays.asList(1L, 1.5, "x"));

        assertThat(h.result().sha256()).isEqualTo(rows(A, Arrays.asList(1L, 1.5, "x")).sha256());
    }

    @Test
    void tellsApartValuesThatPrintAlike() {
        assertThat(rows(A, Arrays.asList(1L, "ab", "c"))).isNotEqualTo(rows(A, Arrays.asList(1L, "a", "bc")));
        assertThat(rows(A, Arrays.asList(1L, null, "c"))).isNotEqualTo(rows(A, Arrays.asList(1L, "", "c")));
        assertThat(rows(A, Arrays.asList(1L, 1L, "c"))).isNotEqualTo(rows(A, Arrays.asList(1L, 1.0000001, "c")));
        assertThat(rows(A, Arrays.asList(1L, "1", "c"))).isNotEqualTo(rows(A, Arrays.asList(1L, 1L, "c")));
        assertThat(rows(A, Arrays.asList(1L, true, "c"))).isNotEqualTo(rows(A, Arrays.asList(1L, "true", "c")));
    }

    @Test
    void coversTheSeriesAndTheOrderOfRows() {
        assertThat(rows(A, Arrays.asList(1L, 1L, "c"))).isNotEqualTo(rows(B, Arrays.asList(1L, 1L, "c")));

        InfluxRowHash.Hasher ab = new InfluxRowHash.Hasher();
        ab.row(0, A, Arrays.asList(1L, 1L, "c"));
        ab.row(0, A, Arrays.asList(2L, 2L, "c"));
        InfluxRowHash.Hasher ba = new InfluxRowHash.Hasher();
        ba.row(0, A, Arrays.asList(2L, 2L, "c"));
        ba.row(0, A, Arrays.asList(1L, 1L, "c"));
        assertThat(ab.result()).isNotEqualTo(ba.result());
    }

    @Test
    void hashesAnEmptyResultAsZeroRows() {
        InfluxRowHash empty = new InfluxRowHash.Hasher().result();

        assertThat(empty.rows()).isZero();
        // SHA-256 of no bytes
        assertThat(empty.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void ordersEveryPointOfAMeasurementBySeriesThenTime() {
        assertThat(InfluxRowHash.orderedQuery("cpu")).isEqualTo("SELECT * FROM \"cpu\" GROUP BY * ORDER BY time ASC");
    }

    private static InfluxRowHash rows(SeriesHeader header, List<Object> values) {
        InfluxRowHash.Hasher h = new InfluxRowHash.Hasher();
        h.row(0, header, values);
        return h.result();
    }

    private static InfluxRowHash hash(String json) throws IOException {
        InfluxRowHash.Hasher h = new InfluxRowHash.Hasher();
        InfluxResponseReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), h);
        return h.result();
    }
}
