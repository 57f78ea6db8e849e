package io.dbrecover.influx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoDataTest {
    @Test
    void writesAFewThousandPointsTheSameWayEveryRun() {
        assertThat(DemoData.cpuLines()).hasSize(360 * 8).isEqualTo(DemoData.cpuLines());
        assertThat(DemoData.memLines()).hasSize(360 * 4).isEqualTo(DemoData.memLines());
    }

    @Test
    void writesCpuWithSecondAndMemWithNanosecondTimestamps() {
        String cpu = DemoData.cpuLines().get(0);
        String mem = DemoData.memLines().get(0);

        assertThat(cpu).startsWith("cpu,cpu=cpu0,host=web-01,region=eu-west usage_user=")
                .endsWith(" " + DemoData.START.getEpochSecond());
        assertThat(mem).startsWith("mem,host=web-01,region=eu-west used=")
                .endsWith(" " + (DemoData.START.getEpochSecond() * 1_000_000_000L + 123_456_789L));
    }

    @Test
    void usesEveryFieldTypeAndTagValuesThatNeedEscaping() {
        List<String> mem = DemoData.memLines();

        assertThat(mem).anyMatch(l -> l.contains("region=us\\ east"));
        assertThat(mem).anyMatch(l -> l.contains("status=\"swapping, \\\"heavy\\\"\""));
        assertThat(mem).anyMatch(l -> l.contains("swap_ok=false"));
        assertThat(mem.get(0)).containsPattern("used=[0-9]+i,").containsPattern("used_percent=[0-9.]+,");
    }

    @Test
    void keepsEveryTimestampUniqueWithinASeries() {
        Set<String> keys = new HashSet<>();
        for (String line : DemoData.cpuLines()) {
            String[] parts = line.split(" ");
            keys.add(parts[0] + " " + parts[parts.length - 1]);
        }
        assertThat(keys).hasSize(DemoData.cpuLines().size());
    }

    @Test
    void spansTwoWeeklyShardGroups() {
        long spanSeconds = (DemoData.STEPS - 1) * DemoData.STEP_SECONDS;

        assertThat(spanSeconds).isGreaterThan(7 * 24 * 3600L);
    }

    @Test
    void neverWritesFloatsInExponentNotation() {
        assertThat(DemoData.cpuLines()).noneMatch(l -> l.matches(".*=[0-9.]+E-?[0-9]+.*"));
    }
}
