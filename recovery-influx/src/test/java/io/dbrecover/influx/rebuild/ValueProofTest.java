package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Verification;
import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.shard.FileValues;
import io.dbrecover.influx.shard.ValueDigest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueProofTest {
    private static FileValues.Key key(String measurement, String series, String field) {
        return new FileValues.Key("db", "autogen", measurement, series, field);
    }

    private static ValueDigest floats(double... values) {
        ValueDigest d = new ValueDigest();
        for (int i = 0; i < values.length; i++) {
            d.add(i, FieldType.FLOAT, Double.doubleToRawLongBits(values[i]), null);
        }
        return d;
    }

    @Test
    void equalSidesGiveOnePassedCheckPerMeasurementWithItsNumbers() {
        Map<FileValues.Key, ValueDigest> files = Map.of(key("cpu", "cpu,host=a", "v"), floats(1, 2),
                key("cpu", "cpu,host=b", "v"), floats(3), key("mem", "mem", "used"), floats(4));
        Map<FileValues.Key, ValueDigest> server = Map.of(key("cpu", "cpu,host=a", "v"), floats(1, 2),
                key("cpu", "cpu,host=b", "v"), floats(3), key("mem", "mem", "used"), floats(4));

        ValueProof.Result r = ValueProof.compare(files, server);

        assertThat(r.verifications()).extracting(v -> v.item() + " " + v.check() + " " + v.passed() + " "
                + v.actual()).containsExactly("db/autogen/cpu values-exact true 3 values in 2 series fields",
                "db/autogen/mem values-exact true 1 values in 1 series fields");
        assertThat(r.items()).extracting(ItemResult::status).containsOnly(ItemStatus.VERIFIED);
    }

    @Test
    void oneChangedValueFailsNamingItsSeriesAndFieldWhileTheCountsAgree() {
        Map<FileValues.Key, ValueDigest> files = Map.of(key("cpu", "cpu,host=a", "v"), floats(1, 2));
        Map<FileValues.Key, ValueDigest> server = Map.of(key("cpu", "cpu,host=a", "v"), floats(1, Math.nextUp(2.0)));

        ValueProof.Result r = ValueProof.compare(files, server);

        assertThat(r.verifications()).singleElement().satisfies(v -> {
            assertThat(v.passed()).isFalse();
            assertThat(v.item()).isEqualTo("db/autogen/cpu");
            assertThat(v.check()).isEqualTo("values-exact cpu,host=a v");
            assertThat(v.expected()).startsWith("2 values, digest ");
            assertThat(v.actual()).startsWith("2 values, digest ").isNotEqualTo(v.expected());
        });
        assertThat(r.items()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(ItemStatus.VERIFICATION_FAILED);
            assertThat(i.detail()).contains("1 of 1 series fields differ", "cpu,host=a v");
        });
    }

    @Test
    void aSeriesFieldOnOneSideOnlyFailsEitherWay() {
        Map<FileValues.Key, ValueDigest> files = Map.of(key("cpu", "cpu,host=a", "v"), floats(1));
        Map<FileValues.Key, ValueDigest> server = Map.of(key("cpu", "cpu,host=b", "v"), floats(1),
                key("cpu", "cpu,host=c", "v"), new ValueDigest());

        ValueProof.Result r = ValueProof.compare(files, server);

        // the server's series field without values (all null in its rows) is no difference
        assertThat(r.verifications()).extracting(Verification::check, Verification::expected, Verification::actual)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("values-exact cpu,host=a v",
                        "1 values, digest " + floats(1).hex().substring(0, 16), "no values"),
                        org.assertj.core.groups.Tuple.tuple("values-exact cpu,host=b v", "no values",
                                "1 values, digest " + floats(1).hex().substring(0, 16)));
    }

    @Test
    void listsTwentyDifferencesPerMeasurementAndCountsTheRest() {
        Map<FileValues.Key, ValueDigest> files = new HashMap<>();
        Map<FileValues.Key, ValueDigest> server = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            files.put(key("cpu", String.format("cpu,host=h%02d", i), "v"), floats(i));
            server.put(key("cpu", String.format("cpu,host=h%02d", i), "v"), floats(i + 0.5));
        }

        ValueProof.Result r = ValueProof.compare(files, server);

        assertThat(r.verifications()).hasSize(ValueProof.SHOWN + 1).noneMatch(Verification::passed);
        assertThat(r.verifications().get(0).check()).isEqualTo("values-exact cpu,host=h00 v");
        assertThat(r.verifications().get(ValueProof.SHOWN).actual()).isEqualTo("5 more series fields differ");
        assertThat(r.items()).singleElement().satisfies(i -> assertThat(i.detail()).startsWith(
                "25 of 25 series fields differ"));
    }
}
