package io.dbrecover.postgres.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
class PostgresPitrDemoIT {
    private Path base;

    @BeforeEach
    void createBase() {
        base = TempDirs.create(null, "postgres-pitr-demo-it");
    }

    @AfterEach
    void removeBase() {
        TempDirs.deleteQuietly(base);
    }

    @Test
    void restoresTheLastBackupToTheMomentBeforeTheDeleteWithEveryRow() {
        DemoScenario demo = Engines.byId("postgres").demos().stream().filter(d -> d.name().equals("postgres-pitr"))
                .findFirst().orElseThrow();

        RecoveryReport report = demo.run(new DemoContext(base, ServerOptions.defaults(), ProgressListener.NONE));

        assertThat(report.outcome()).as(report.toString()).isEqualTo(Outcome.VERIFIED);
        assertThat(report.sourcesVerdict().unchanged()).isTrue();
        // 1600 orders in the backup, 250 more only in the archived WAL, all of them back; the DELETE is not
        assertThat(report.items()).filteredOn(i -> i.name().equals("public.orders")).singleElement()
                .satisfies(i -> {
                    assertThat(i.status()).isEqualTo(ItemStatus.VERIFIED);
                    assertThat(i.detail()).startsWith("1850 rows, identical");
                });
        assertThat(report.items()).filteredOn(i -> i.name().equals("public.customers")).singleElement()
                .satisfies(i -> assertThat(i.detail()).startsWith("400 rows, identical"));
        assertThat(report.verifications()).allMatch(Verification::passed);
        assertThat(report.verifications()).anyMatch(v -> v.check().equals("recovery-target") && v.passed()
                && v.actual().contains("recovery stopping before commit"));
        assertThat(Leftovers.runningChildren()).isEmpty();
    }
}
