package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardOpeningsTest {
    /** Lines as influxd 1.6.7 logs them (logfmt). */
    private static final List<String> LOG = List.of(
            "ts=2026-12-06T21:16:56.943816Z lvl=info msg=\"Opened shard\" log_id=16~JJpgl000 service=store "
                    + "trace_id=16~JJpm0000 op_name=tsdb_open index_version=tsi1 path=/srv/new/data/f/s/1 "
                    + "duration=31.424ms",
            "ts=2026-12-06T21:16:56.948840Z lvl=info msg=\"Opened shard\" log_id=16~JJpgl000 service=store "
                    + "trace_id=16~JJpm0000 op_name=tsdb_open index_version=inmem path=/srv/new/data/f/autogen/2 "
                    + "duration=42.829ms",
            "ts=2026-12-06T21:16:56.95Z lvl=info msg=\"Failed to open shard\" log_id=16~JJpgl000 service=store "
                    + "trace_id=16~JJpm0000 op_name=tsdb_open db_shard_id=3 path=/srv/new/data/f/autogen/3 "
                    + "error=\"open /srv/new/data/f/autogen/3/000000001-000000001.tsm: permission denied\"");

    @Test
    void tellsTsiFromInmemFromNotOpenedFromNotMentioned() {
        List<ShardOpenings.Opening> o = ShardOpenings.of(List.of(Path.of("/srv/new/data/f/s/1"),
                Path.of("/srv/new/data/f/autogen/2"), Path.of("/srv/new/data/f/autogen/3"),
                Path.of("/srv/new/data/f/autogen/4")), LOG);

        assertThat(o).extracting(ShardOpenings.Opening::ok).containsExactly(true, false, false, false);
        assertThat(o.get(0).indexVersion()).isEqualTo("tsi1");
        assertThat(o.get(1).describe()).isEqualTo("opened with the inmem index, not tsi1");
        assertThat(o.get(2).describe()).startsWith("influxd could not open it: ").contains("permission denied");
        assertThat(o.get(3).describe()).isEqualTo("influxd did not log that it opened it");
    }

    @Test
    void readsQuotedPaths() {
        List<ShardOpenings.Opening> o = ShardOpenings.of(List.of(Path.of("/srv/my data/d/rp/9")), List.of(
                "lvl=info msg=\"Opened shard\" index_version=tsi1 path=\"/srv/my data/d/rp/9\" duration=1ms"));

        assertThat(o).singleElement().matches(ShardOpenings.Opening::ok);
    }
}
