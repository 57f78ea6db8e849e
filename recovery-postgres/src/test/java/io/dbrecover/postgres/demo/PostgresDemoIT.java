package io.dbrecover.postgres.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.Leftovers;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RequiresServer("postgres")
class PostgresDemoIT {
    private Path base;

    @BeforeEach
    void createBase() {
        base = TempDirs.create(null, "postgres-demo-it");
    }

    @AfterEach
    void removeBase() {
        TempDirs.deleteQuietly(base);
    }

    @Test
    void recoversEveryRowFromTheColdCopyAndLeavesTheSourceUnchanged() {
        DemoScenario demo = Engines.byId("postgres").demos().get(0);
        assertThat(demo.name()).isEqualTo("postgres-cold-copy");

        RecoveryReport report = demo.run(new DemoContext(base, ServerOptions.defaults(), ProgressListener.NONE));

        assertThat(report.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(report.exitCode()).isZero();
        assertThat(report.engine()).isEqualTo("postgres");
        assertThat(report.sourcesVerdict().unchanged()).isTrue();
        assertThat(report.sourcesVerdict().filesChecked()).isGreaterThan(500);
        assertThat(report.items()).extracting(ItemResult::name).containsExactly("public.customers", "public.orders");
        assertThat(report.items()).allMatch(i -> i.status() == ItemStatus.VERIFIED);
        assertThat(report.items().get(0).detail()).startsWith("400 rows");
        assertThat(report.items().get(1).detail()).startsWith("1600 rows");
        assertThat(report.verifications()).hasSize(4).allMatch(Verification::passed);
        assertThat(report.verifications()).extracting(Verification::check)
                .containsExactly("row-count", "ordered-row-hash", "row-count", "ordered-row-hash");
        assertThat(report.tools()).anyMatch(t -> t.name().equals("postgres"));
        assertThat(report.timings()).allMatch(t -> t.status().equals("done"));
        assertThat(base.resolve("work").resolve(RecoveryRun.REPORT_FILE)).exists();
        assertThat(Leftovers.runningChildren()).isEmpty();
    }
}
