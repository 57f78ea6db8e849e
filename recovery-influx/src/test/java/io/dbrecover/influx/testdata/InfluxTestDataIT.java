package io.dbrecover.influx.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.verify.InfluxProof;
import io.dbrecover.testkit.RequiresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged directory has what the readers' and the rebuild's ITs rely on. */
@RequiresServer("influx")
class InfluxTestDataIT {
    @TempDir
    Path tmp;

    @Test
    void stagesShardsInTsmAndInTheWalOnlyWithTombstonesAndABaseline() throws IOException {
        InfluxTestData.Staged staged = InfluxTestData.stage(new InfluxServerProvider(), tmp);

        List<Path> files = files(staged.serverDir());
        assertThat(files).anyMatch(f -> f.toString().endsWith(".tsm"));
        assertThat(files).anyMatch(f -> f.toString().endsWith(".tombstone"));
        assertThat(files).anyMatch(f -> f.toString().endsWith(".wal") && size(f) > 0);
        assertThat(staged.metaDir().resolve("meta.db")).isRegularFile();
        assertThat(staged.dataDir().resolve("factory/short")).isDirectory();
        // a shard of 2025 has no TSM file: its points are only in the WAL
        assertThat(shards(staged.dataDir())).anyMatch(s -> files(s).stream().noneMatch(f -> f.toString()
                .endsWith(".tsm")));
        assertThat(shards(staged.dataDir()).size()).isGreaterThanOrEqualTo(8);

        InfluxProof telemetry = staged.baseline().get(InfluxTestData.TELEMETRY);
        InfluxProof factory = staged.baseline().get(InfluxTestData.FACTORY);
        assertThat(telemetry.measurements()).containsExactly("cpu", "disk");
        assertThat(factory.measurements()).containsExactly("alerts", "events", "sensor");
        assertThat(factory.measurement("alerts").points()).isEqualTo(120);
        // 6 hosts x 2 cores, one host dropped
        assertThat(telemetry.measurement("cpu").series()).isEqualTo(10);
        assertThat(telemetry.measurement("cpu").fieldTypes()).contains("procs:integer", "throttled:boolean",
                "note:string", "usage_user:float");
        assertThat(factory.measurement("sensor").series()).isEqualTo(9);
        assertThat(telemetry.points()).isPositive();
        assertThat(factory.points()).isPositive();
    }

    private static List<Path> shards(Path data) {
        try (Stream<Path> s = Files.find(data, 3, (p, a) -> a.isDirectory() && data.relativize(p).getNameCount() == 3
                && !data.relativize(p).getName(1).toString().startsWith("_"))) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
