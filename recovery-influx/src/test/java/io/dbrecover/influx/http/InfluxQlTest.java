package io.dbrecover.influx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfluxQlTest {
    @Test
    void quotesIdentifiersSoThatQuotesCannotEndThem() {
        assertThat(InfluxQl.identifier("cpu")).isEqualTo("\"cpu\"");
        assertThat(InfluxQl.identifier("a\"; DROP DATABASE x")).isEqualTo("\"a\\\"; DROP DATABASE x\"");
        assertThat(InfluxQl.identifier("back\\slash")).isEqualTo("\"back\\\\slash\"");
    }

    @Test
    void escapesLineProtocolKeysAndMeasurements() {
        assertThat(InfluxQl.lineKey("us east,1=2")).isEqualTo("us\\ east\\,1\\=2");
        assertThat(InfluxQl.lineMeasurement("disk io,x=y")).isEqualTo("disk\\ io\\,x=y");
        assertThat(InfluxQl.lineString("swapping, \"heavy\"")).isEqualTo("\"swapping, \\\"heavy\\\"\"");
    }

    @Test
    void refusesLineBreaksInLineProtocolNames() {
        assertThatThrownBy(() -> InfluxQl.lineKey("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }
}
