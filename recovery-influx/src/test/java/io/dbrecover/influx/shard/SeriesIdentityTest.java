package io.dbrecover.influx.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesIdentityTest {
    /** A key as {@link KeyVisitor} gives it: one char per byte. */
    private static String raw(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aFileKeyAndTheServersTagsOfTheSameSeriesGiveTheSameIdentity() {
        String fromFile = SeriesIdentity.ofKey(raw("cpu,host=a\\ b,region=eu\\,west"));
        String fromServer = SeriesIdentity.of("cpu", Map.of("region", "eu,west", "host", "a b"));

        assertThat(fromFile).isEqualTo(fromServer).isEqualTo("cpu,host=a\\ b,region=eu\\,west");
    }

    @Test
    void unescapesTheMeasurementAndTagsAsInfluxdDoes() {
        // measurement: only \, and \  ; tag keys and values also \=
        String id = SeriesIdentity.ofKey(raw("we\\,ird\\ m,k\\=1=v\\=2\\,3"));

        assertThat(id).isEqualTo(SeriesIdentity.of("we,ird m", Map.of("k=1", "v=2,3")));
        assertThat(SeriesIdentity.ofKey(raw("m\\=x"))).isEqualTo(SeriesIdentity.of("m\\=x", Map.of()));
    }

    @Test
    void aBackslashBeforeAnOrdinaryCharacterIsPartOfTheName() {
        assertThat(SeriesIdentity.ofKey(raw("disk,path=C:\\dir")))
                .isEqualTo(SeriesIdentity.of("disk", Map.of("path", "C:\\dir")))
                .isEqualTo("disk,path=C:\\\\dir");
    }

    @Test
    void readsTheKeysBytesAsUtf8() {
        assertThat(SeriesIdentity.ofKey(raw("température,lieu=forêt")))
                .isEqualTo(SeriesIdentity.of("température", Map.of("lieu", "forêt")));
    }

    @Test
    void sortsTagsByKeyWhateverTheOrderTheyCameIn() {
        assertThat(SeriesIdentity.ofKey(raw("m,z=1,a=2"))).isEqualTo("m,a=2,z=1");
    }

    @Test
    void differentSeriesNeverShareAnIdentity() {
        assertThat(SeriesIdentity.of("a,b", Map.of())).isNotEqualTo(SeriesIdentity.of("a", Map.of("b", "")));
        assertThat(SeriesIdentity.of("m", Map.of("k", "a,b=c"))).isNotEqualTo(SeriesIdentity.of("m",
                Map.of("k", "a", "b", "c")));
        assertThat(SeriesIdentity.of("m", Map.of("k", "x\\"))).isNotEqualTo(SeriesIdentity.of("m", Map.of("k",
                "x\\\\")));
    }
}
