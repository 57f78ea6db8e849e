package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.core.report.TextReportRenderer;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mysql recover} over a data directory a hostile hand prepared (issue 16 §2): a 2.5 GiB sparse file named
 * {@code .frm}, a FIFO named {@code .ibd}, a file name holding terminal escapes, a database directory that is a
 * symbolic link to another disk. The real table is recovered and verified, each of the others is named with why, the
 * report is written and its text carries no raw control byte, and the sources (the linked directory too) are
 * unchanged.
 */
@RequiresServer("mysql")
class HostileSourcesRecoverIT {
    static final Path IBD = Path.of("src/test/resources/ibd");

    @TempDir
    Path tmp;

    @Test
    void oneBadFileNeverStopsTheOthersAndNothingRawReachesTheReportText() throws Exception {
        Path datadir = Files.createDirectories(tmp.resolve("datadir"));
        Path shop = Files.createDirectories(datadir.resolve("shop"));
        Files.copy(IBD.resolve("small.frm"), shop.resolve("small.frm"));
        Files.copy(IBD.resolve("small.ibd"), shop.resolve("small.ibd"));
        try (RandomAccessFile f = new RandomAccessFile(shop.resolve("huge.frm").toFile(), "rw")) {
            f.setLength(2560L << 20);
        }
        Files.copy(IBD.resolve("small.frm"), shop.resolve("evil\u001b]2;owned\u0007.frm"));
        Process mkfifo = new ProcessBuilder("mkfifo", shop.resolve("pipe.ibd").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Path disk2 = Files.createDirectories(tmp.resolve("disk2/archive"));
        Files.copy(IBD.resolve("small.frm"), disk2.resolve("kept.frm"));
        Files.copy(IBD.resolve("small.ibd"), disk2.resolve("kept.ibd"));
        Files.createSymbolicLink(datadir.resolve("archive"), disk2);
        SourceSnapshot datadirBefore = SourceSnapshot.of(datadir);
        SourceSnapshot disk2Before = SourceSnapshot.of(disk2);

        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(datadir)
                .workDir(tmp.resolve("work")).build());

        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(report.items()).filteredOn(i -> i.status() == ItemStatus.VERIFIED).extracting(ItemResult::name)
                .containsExactlyInAnyOrder("shop.small", "archive.kept");
        assertThat(report.items()).filteredOn(i -> i.name().equals("shop.huge")).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("at most 4194304 bytes"));
        assertThat(report.items()).filteredOn(i -> i.name().equals("shop.pipe")).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains("a FIFO (named pipe): not opened"));
        assertThat(report.items()).filteredOn(i -> i.name().startsWith("shop.#mysql50#evil")).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(ItemStatus.FAILED));
        assertThat(report.findings()).extracting(Finding::code).contains("SYMLINK_FOLLOWED");
        // the linked directory is a source of its own: inventoried before and after like the data directory
        assertThat(report.sources()).extracting(RecoveryReport.SourceSummary::root)
                .contains(disk2.toRealPath().toString());
        assertThat(report.sourcesVerdict().unchanged()).isTrue();
        assertThat(tmp.resolve("work/report.json")).isRegularFile();

        String text = new TextReportRenderer().render(report);
        assertThat(TerminalText.hasControl(text, true)).as(text).isFalse();
        assertThat(text).contains("evil\\x1B]2;owned\\x07");

        assertThat(datadirBefore.compareNow().unchanged()).isTrue();
        assertThat(disk2Before.compareNow().unchanged()).isTrue();
    }
}
