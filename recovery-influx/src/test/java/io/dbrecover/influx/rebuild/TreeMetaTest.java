package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeMetaTest {
    private static TreeMeta.Shard shard(long id, String from, String to) {
        return new TreeMeta.Shard(id, Instant.parse(from).toEpochMilli() * 1_000_000L,
                Instant.parse(to).toEpochMilli() * 1_000_000L);
    }

    @Test
    void takesSevenDaysWhenEveryShardFitsInOneWeekGroupStartingOnMonday() {
        // influxd 1.6 made these groups: SHOW SHARDS gave 2023-11-13 (a Monday) to 2023-11-20 for a 168h policy
        List<TreeMeta.Shard> shards = List.of(shard(1, "2023-11-13T00:00:00Z", "2023-11-19T23:00:00Z"),
                shard(2, "2023-11-20T00:00:00Z", "2023-11-26T23:00:00Z"));

        assertThat(TreeMeta.shardDuration(shards)).isEqualTo(Duration.ofDays(7));
        // the same span from Thursday to Wednesday crosses a Monday: two week groups, so not 7 days
        assertThat(TreeMeta.consistent(List.of(shard(1, "2023-11-16T00:00:00Z", "2023-11-22T23:00:00Z")),
                Duration.ofDays(7))).isFalse();
    }

    @Test
    void takesOneHourWhenTwoShardsShareADay() {
        List<TreeMeta.Shard> shards = List.of(shard(7, "2024-06-03T00:00:00Z", "2024-06-03T00:59:00Z"),
                shard(8, "2024-06-03T01:00:00Z", "2024-06-03T01:59:00Z"),
                shard(9, "2024-06-03T02:00:00Z", "2024-06-03T02:30:00Z"));

        assertThat(TreeMeta.shardDuration(shards)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void takesOneDayWhenShardsSpanHoursOfDistinctDays() {
        List<TreeMeta.Shard> shards = List.of(shard(1, "2024-06-03T00:00:00Z", "2024-06-03T23:00:00Z"),
                shard(2, "2024-06-04T00:00:00Z", "2024-06-04T20:00:00Z"));

        assertThat(TreeMeta.shardDuration(shards)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void fallsBackToTheShortestConsistentNumberOfHours() {
        // two shards of a 2-hour group: neither 1 h (a shard spans two hours) nor 1 d (both in one day) fits
        List<TreeMeta.Shard> shards = List.of(shard(1, "2024-06-03T00:10:00Z", "2024-06-03T01:50:00Z"),
                shard(2, "2024-06-03T02:10:00Z", "2024-06-03T03:50:00Z"));

        assertThat(TreeMeta.shardDuration(shards)).isEqualTo(Duration.ofHours(2));
        assertThat(TreeMeta.consistent(shards, Duration.ofHours(1))).isFalse();
    }

    @Test
    void anEmptyShardTellsNothingAndTheDefaultIsAWeek() {
        assertThat(TreeMeta.shardDuration(List.of(new TreeMeta.Shard(1, null, null)))).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void namesEveryAssumptionAndMakesAutogenTheDefault() {
        Map<String, Map<String, List<TreeMeta.Shard>>> tree = new LinkedHashMap<>();
        tree.put("factory", new LinkedHashMap<>(Map.of("short", List.of(shard(7, "2024-06-03T00:00:00Z",
                "2024-06-03T00:59:00Z"), shard(8, "2024-06-03T01:00:00Z", "2024-06-03T01:59:00Z")), "autogen",
                List.of(shard(6, "2024-06-03T00:00:00Z", "2024-06-05T00:00:00Z")))));
        tree.put("solo", new LinkedHashMap<>(Map.of("weekly", List.of(shard(3, "2024-06-03T00:00:00Z",
                "2024-06-05T00:00:00Z")))));

        TreeMeta.Result r = TreeMeta.infer(tree);

        assertThat(r.policies()).containsExactly(
                new TreeMeta.Policy("factory", "autogen", Duration.ofDays(7), true),
                new TreeMeta.Policy("factory", "short", Duration.ofHours(1), false),
                new TreeMeta.Policy("solo", "weekly", Duration.ofDays(7), true));
        assertThat(r.policies().get(1).create()).isEqualTo("CREATE RETENTION POLICY \"short\" ON \"factory\" "
                + "DURATION INF REPLICATION 1 SHARD DURATION 1h");
        assertThat(r.findings()).extracting(Finding::code).containsExactly("META_RECREATED",
                "ASSUMED_DEFAULT_POLICY", "ASSUMED_RETENTION", "ASSUMED_RETENTION", "ASSUMED_DEFAULT_POLICY",
                "ASSUMED_RETENTION");
        assertThat(r.findings().get(3).message()).contains("factory/short", "1h", "2 shard(s)");
        assertThat(r.findings().get(4).message()).contains("solo", "weekly", "no autogen");
    }
}
