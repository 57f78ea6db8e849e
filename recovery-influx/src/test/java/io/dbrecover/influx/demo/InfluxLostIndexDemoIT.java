package io.dbrecover.influx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.RequiresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresServer("influx")
class InfluxLostIndexDemoIT {
    @TempDir
    Path tmp;

    @Test
    void rebuildsTheLostIndexAndMetaStoreAndProvesEveryPointAsBefore() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        DemoScenario demo = Engines.byId("influx").demos().stream()
                .filter(d -> d.name().equals("influx-lost-index")).findFirst().orElseThrow();

        RecoveryReport report = demo.run(new DemoContext(tmp, ServerOptions.builder().baseDir(tmp).build(),
                ProgressListener.NONE));

        assertThat(report.outcome()).as(report.items().toString()).isEqualTo(Outcome.VERIFIED);
        assertThat(report.sourcesVerdict().unchanged()).isTrue();
        assertThat(report.items()).extracting(ItemResult::status).containsOnly(ItemStatus.VERIFIED);
        assertThat(report.items()).extracting(ItemResult::name).contains("telegraf.cpu", "telegraf.mem",
                "telegraf.cpu (as before the disaster)", "telegraf.mem (as before the disaster)")
                .anyMatch(n -> n.startsWith("shard telegraf/autogen/"));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash")).hasSize(2)
                .allMatch(Verification::passed);
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("values-exact"))
                .extracting(Verification::item).contains("telegraf/autogen/cpu", "telegraf/autogen/mem");
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("opened-with-index"))
                .hasSizeGreaterThanOrEqualTo(2).allMatch(v -> v.actual().equals("tsi1"));
        assertThat(report.findings()).extracting(Finding::code).contains("META_RECREATED", "REPLAYED");
        // the points span two of influxd's week groups (Monday to Monday): 7 days is what the tree shows
        assertThat(report.findings()).filteredOn(f -> f.code().equals("ASSUMED_RETENTION")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("shard-group duration 7d inferred"));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("influxd"))).isEmpty();
    }
}
