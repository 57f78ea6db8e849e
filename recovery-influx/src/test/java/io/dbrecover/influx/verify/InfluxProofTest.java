package io.dbrecover.influx.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Verification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxProofTest {
    private static final InfluxProof.MeasurementProof CPU = new InfluxProof.MeasurementProof("cpu", 10, 2,
            Map.of("usage_user", 10L, "procs", 9L), "procs:integer,usage_user:float", new InfluxRowHash(10, "aa"));
    private static final InfluxProof EXPECTED = new InfluxProof("telegraf", true, List.of("cpu"), 2, List.of(CPU));

    @Test
    void passesEveryCheckWhenTheSameDataCameBack() {
        Map<String, List<Verification>> checks = InfluxProof.compare(EXPECTED, EXPECTED);

        assertThat(checks).containsOnlyKeys("telegraf", "telegraf.cpu");
        assertThat(checks.get("telegraf.cpu")).extracting(Verification::check).containsExactly("point-count",
                "series-count", "field-types", "count(procs)", "count(usage_user)", "ordered-row-hash");
        assertThat(checks.values().stream().flatMap(List::stream)).allMatch(Verification::passed);
    }

    @Test
    void failsTheChecksOfAMeasurementThatCameBackEmpty() {
        // the trap of a server that opened no shard: it answers, with nothing
        InfluxProof empty = new InfluxProof("telegraf", true, List.of(), 0, List.of());

        Map<String, List<Verification>> checks = InfluxProof.compare(EXPECTED, empty);

        assertThat(checks.get("telegraf.cpu")).noneMatch(Verification::passed);
        assertThat(checks.get("telegraf")).filteredOn(v -> v.check().equals("series-count"))
                .singleElement().matches(v -> !v.passed() && v.expected().equals("2") && v.actual().equals("0"));
    }

    @Test
    void failsTheOrderedHashWhenOneValueDiffers() {
        InfluxProof.MeasurementProof changed = new InfluxProof.MeasurementProof("cpu", 10, 2,
                Map.of("usage_user", 10L, "procs", 9L), "procs:integer,usage_user:float", new InfluxRowHash(10, "ab"));

        Map<String, List<Verification>> checks = InfluxProof.compare(EXPECTED,
                new InfluxProof("telegraf", true, List.of("cpu"), 2, List.of(changed)));

        assertThat(checks.get("telegraf.cpu")).filteredOn(v -> !v.passed()).extracting(Verification::check)
                .containsExactly("ordered-row-hash");
    }

    @Test
    void failsWhenTheDatabaseIsGone() {
        InfluxProof gone = new InfluxProof("telegraf", false, List.of(), 0, List.of());

        assertThat(InfluxProof.compare(EXPECTED, gone).get("telegraf")).filteredOn(v -> !v.passed())
                .extracting(Verification::check).containsExactly("database-exists", "measurements", "series-count");
    }
}
