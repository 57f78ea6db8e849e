package io.dbrecover.influx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresServer("influx")
class InfluxDemoIT {
    @TempDir
    Path tmp;

    @Test
    void recoversTheStoppedServersDirectoryAndProvesEveryPoint() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        DemoScenario demo = Engines.byId("influx").demos().get(0);

        RecoveryReport report = demo.run(new DemoContext(tmp, ServerOptions.builder().baseDir(tmp).build(),
                ProgressListener.NONE));

        assertThat(demo.name()).isEqualTo("influx-cold-copy");
        assertThat(report.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(report.exitCode()).isZero();
        assertThat(report.sourcesVerdict().unchanged()).isTrue();
        assertThat(report.sourcesVerdict().filesChecked()).isPositive();
        assertThat(report.items()).extracting(ItemResult::name)
                .containsExactly("telegraf", "telegraf.cpu", "telegraf.mem");
        assertThat(report.items()).extracting(ItemResult::status).containsOnly(ItemStatus.VERIFIED);
        assertThat(report.items().get(1).detail()).startsWith("2880 points in 8 series");
        assertThat(report.items().get(2).detail()).startsWith("1440 points in 4 series");
        assertThat(report.verifications()).allMatch(Verification::passed);
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash")).hasSize(2)
                .allMatch(v -> v.actual().matches("[0-9a-f]{64}"));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("series-count")
                && v.item().equals("telegraf")).singleElement().matches(v -> v.actual().equals("12"));
        // SIGTERM left the points in the WAL only: the server on the copy had to replay it
        assertThat(report.findings()).extracting(Finding::code).contains("DATA_ONLY_IN_WAL")
                .doesNotContain("SHARD_NOT_OPENED");
        assertThat(report.tools()).extracting(ToolVersion::name).contains("influxd");
        assertThat(tmp.resolve("work").resolve(RecoveryRun.REPORT_FILE)).isRegularFile();

        // the staged disaster is still there, untouched since the recovery read it
        Path source = Path.of(report.sources().get(0).root());
        assertThat(source).startsWith(tmp.resolve("disaster").toRealPath());
        assertThat(SourceSnapshot.of(source).fileCount()).isEqualTo(report.sources().get(0).files());
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("influxd"))).isEmpty();
    }
}
