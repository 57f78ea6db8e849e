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
    void controlCharactersFromFilesAreEscapedInTheTextAndKeptExactInJson() throws Exception {
        String retitle = "v\u001B]2;owned\u0007";
        String clear = "t\u001B[2J\u009B1m\u202Eevil";
        RunRecorder r = new RunRecorder("mysql", "recover").workDir("/srv/work");
        r.item(new ItemResult("shop." + retitle, ItemStatus.FAILED, "definer " + clear + "\nhint: next line"));
        r.finding(Finding.warning("VIEW_NOT_RECREATED", "view " + clear, "shop/" + retitle + ".frm"));
        r.verification(Verification.equality("shop." + retitle, "row-count", 1, 1));
        RecoveryReport report = r.finish("0.1.0");

        String text = new TextReportRenderer().render(report);
        assertThat(text).doesNotContain("\u001B", "\u0007", "\u009B", "\u202E")
                .contains("shop.v\\x1B]2;owned\\x07", "t\\x1B[2J\\x9B1m\\u202Eevil",
                        "[shop/v\\x1B]2;owned\\x07.frm]")
                // a message keeps its line breaks; a name never spans lines
                .contains("\nhint: next line");
        assertThat(text.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r').count()).isZero();
        RecoveryReport back = Json.read(Json.pretty(report), RecoveryReport.class);
        assertThat(back.items().get(0).name()).isEqualTo("shop." + retitle);
        assertThat(back.findings().get(0).message()).isEqualTo("view " + clear);
    }

    @Test
    void terminalTextEscapesEveryControlCharacterAndLeavesOtherTextAlone() {
        assertThat(TerminalText.escape("caf\u00e9 \u65e5\u672c \t tab\nline")).isEqualTo("caf\u00e9 \u65e5\u672c \t tab\nline");
        assertThat(TerminalText.escape("a\u0000b\u001Bc\u007Fd\u0085e\u2066f\r"))
                .isEqualTo("a\\x00b\\x1Bc\\x7Fd\\x85e\\u2066f\\r");
        assertThat(TerminalText.escapeLine("a\nb\tc")).isEqualTo("a\\nb\\tc");
        assertThat(TerminalText.hasControl("plain", false)).isFalse();
        assertThat(TerminalText.hasControl("a\nb", true)).isFalse();
        assertThat(TerminalText.hasControl("a\nb", false)).isTrue();
    }

    @Test
    void bytesAreShownForPeople() {
        assertThat(TextReportRenderer.bytes(512)).isEqualTo("512 B");
        assertThat(TextReportRenderer.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(TextReportRenderer.bytes(5L << 30)).isEqualTo("5.0 GiB");
    }
}
