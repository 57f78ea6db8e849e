package io.dbrecover.mysql.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresServer("mysql")
class MariaDbDemoIT {
    @TempDir
    Path tmp;

    @Test
    void recoversTheColdCopyAndProvesEveryTableIdentical() throws Exception {
        RecoveryReport report = new MariaDbDemo(new MariaDbServerProvider()).run(new DemoContext(tmp,
                ServerOptions.builder().baseDir(tmp).build(), ProgressListener.NONE));

        assertThat(report.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(report.exitCode()).isZero();
        assertThat(report.engine()).isEqualTo("mysql");
        assertThat(report.sourcesVerdict().unchanged()).isTrue();
        assertThat(report.sourcesVerdict().filesChecked()).isGreaterThan(10);
        assertThat(report.sources()).singleElement().satisfies(s -> assertThat(s.root()).endsWith("/data"));
        assertThat(report.items()).extracting(i -> i.name() + " " + i.status()).containsExactly(
                "shop.customers VERIFIED", "shop.orders VERIFIED", "shop.receipts VERIFIED");
        assertThat(report.items()).allMatch(i -> i.status() == ItemStatus.VERIFIED);
        assertThat(report.verifications()).hasSize(9).allMatch(Verification::passed);
        // the .frm files alone give the server's own CREATE TABLE (foreign keys, which a .frm cannot hold, aside)
        assertThat(report.verifications()).filteredOn(v -> v.check().startsWith("ddl-from-frm-equals-show-create"))
                .extracting(Verification::item).containsExactly("shop.customers", "shop.orders", "shop.receipts");
        assertThat(report.findings()).filteredOn(f -> f.code().equals("FOREIGN_KEYS_NOT_IN_FRM")).hasSize(2);
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("row-count"))
                .extracting(Verification::actual)
                .containsExactly(Integer.toString(ShopData.CUSTOMERS), Integer.toString(ShopData.ORDERS),
                        Integer.toString(ShopData.RECEIPTS));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("ordered-row-hash"))
                .allMatch(v -> v.actual().matches("[0-9a-f]{64}"));
        assertThat(report.tools()).anySatisfy(t -> {
            assertThat(t.name()).isIn("mariadbd", "mysqld");
            assertThat(t.version()).contains("MariaDB");
        });
        assertThat(report.timings()).extracting(t -> t.step() + " " + t.status()).containsExactly(
                "regenerate-ddl done", "copy-data-dir done", "start-server done", "verify-tables done",
                "stop-server done");
        assertThat(Path.of(report.workDir()).resolve("ddl/shop.sql")).content().contains("CREATE TABLE `orders`");
        Path workDir = Path.of(report.workDir());
        assertThat(workDir.resolve(RecoveryRun.REPORT_FILE)).exists();
        assertThat(workDir.resolve("datadir/shop/orders.ibd")).exists();
        // no server is left running on the copy or the original
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().orElse("").contains("mariadbd"))).isEmpty();
    }
}
