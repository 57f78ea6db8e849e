package io.dbrecover.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.StepTiming;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {
    private RecoveryReport partialReport() {
        RunRecorder r = new RunRecorder("mysql", "recover").workDir("/srv/work");
        r.source(new RecoveryReport.SourceSummary("/mnt/disk/mysql", 12, 3 << 20, "inventory/sources-before.json"));
        r.item(new ItemResult("shop.orders", ItemStatus.VERIFIED, "1000 rows"));
        r.item(new ItemResult("shop.broken", ItemStatus.FAILED, "page 0 zeroed; restore it from another copy"));
        r.verification(Verification.equality("shop.orders", "row-count", 1000, 1000));
        r.finding(Finding.error("PAGE_ZERO_DAMAGED", "page 0 of shop/broken.ibd is zeroed", "shop/broken.ibd"));
        r.timing(new StepTiming("import", "done", 42));
        r.tool(new ToolVersion("mariadbd", "10.11.6-MariaDB", "/usr/sbin/mariadbd", "system"));
        r.sourcesVerdict(new InventoryVerdict(true, 12, 3 << 20, List.of(), List.of(), List.of()));
        return r.finish("0.1.0");
    }

    @Test
    void recorderDecidesPartialWhenSomeItemsFailed() {
        RecoveryReport report = partialReport();
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(report.exitCode()).isEqualTo(3);
    }

    @Test
    void textSaysTheVerdictTheSourcesAndEveryCheck() {
        String text = new TextReportRenderer().render(partialReport());
        assertThat(text).contains("PARTIAL (exit 3)", "sources unchanged: yes", "shop.broken", "FAILED",
                "verifications: 1 passed, 0 failed", "PAGE_ZERO_DAMAGED", "mariadbd 10.11.6-MariaDB", "3.0 MiB");
    }

    @Test
    void jsonRoundTripsToAnEqualReport() throws Exception {
        RecoveryReport report = partialReport();
        String json = Json.pretty(report);
        assertThat(json).contains("\"outcome\" : \"PARTIAL\"", "\"exitCode\" : 3", "\"unchanged\" : true");
        RecoveryReport back = Json.read(json, RecoveryReport.class);
        assertThat(back).isEqualTo(report);
    }

    @Test
    void bytesAreShownForPeople() {
        assertThat(TextReportRenderer.bytes(512)).isEqualTo("512 B");
        assertThat(TextReportRenderer.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(TextReportRenderer.bytes(5L << 30)).isEqualTo("5.0 GiB");
    }
}
