package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The disaster of issue 5, built from scratch by {@link Disaster}: 30 tables in two databases (every row format,
 * every column type family, partitions, generated columns, FULLTEXT, foreign keys, instant ADD/DROP COLUMN,
 * deleted rows…), the server ended, only {@code .frm}/{@code .ibd}/{@code .par} files left. {@code mysql recover}
 * must bring every table back with the ordered row hash it had before, and leave the sources byte-identical.
 */
@RequiresServer("mysql")
class TransplantDisasterIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Disaster.Format.class)
    void recoversEveryTableOfACleanlyStoppedServerWithIdenticalRows(Disaster.Format format) {
        Disaster.Staged staged = Disaster.stage(tmp.resolve("stage"), format, Disaster.Ending.CLEAN_SHUTDOWN);
        SourceSnapshot before = SourceSnapshot.of(staged.orphanDir());

        RecoveryReport report = recover(staged.orphanDir(), staged.expected(), "work");

        assertThat(report.items()).as(MySqlRecoverIT.describe(report)).extracting(ItemResult::name)
                .containsExactlyInAnyOrderElementsOf(staged.expected().keySet());
        assertThat(report.items()).as(MySqlRecoverIT.describe(report))
                .allSatisfy(i -> assertThat(i.status()).as(i.name() + ": " + i.detail()).isEqualTo(ItemStatus.VERIFIED));
        assertThat(hashChecks(report)).hasSize(staged.expected().size()).allMatch(Verification::passed);
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("check-table"))
                .hasSize(staged.expected().size());
        assertThat(report.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(before.compareNow().unchanged()).isTrue();
        System.out.printf("%s: %d tables recovered and verified in %s; definitions checked against the files: %d%n",
                format, report.items().size(), report.timings(), report.verifications().stream()
                        .filter(v -> v.check().equals("definition-fits-file-records")).count());
    }

    @Test
    void afterAKillNineEveryFlushedTableComesBackAndNoTableIsPassedOffWithWrongRows() {
        Disaster.Staged staged = Disaster.stage(tmp.resolve("stage"), Disaster.Format.CURRENT,
                Disaster.Ending.KILL_9);
        SourceSnapshot before = SourceSnapshot.of(staged.orphanDir());

        RecoveryReport report = recover(staged.orphanDir(), staged.expected(), "work");

        Map<String, ItemResult> items = report.items().stream()
                .collect(Collectors.toMap(ItemResult::name, i -> i));
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(staged.expected().keySet());
        for (Map.Entry<String, ItemResult> e : items.entrySet()) {
            if (staged.writtenLast().contains(e.getKey())) {
                // its last commits may be lost: whatever happened is said, but never VERIFIED with other rows
                assertThat(e.getValue().status()).isIn(ItemStatus.VERIFIED, ItemStatus.VERIFICATION_FAILED,
                        ItemStatus.FAILED);
                assertThat(e.getValue().detail()).isNotBlank();
            } else {
                assertThat(e.getValue().status()).as(e.getKey() + ": " + e.getValue().detail())
                        .isEqualTo(ItemStatus.VERIFIED);
            }
        }
        assertThat(hashChecks(report)).filteredOn(v -> !staged.writtenLast().contains(v.item()))
                .allMatch(Verification::passed);
        assertThat(before.compareNow().unchanged()).isTrue();
        System.out.println("after kill -9: " + items.get(Disaster.LAST_MINUTE));
    }

    private RecoveryReport recover(Path orphan, Map<String, RowHash> expected, String work) {
        return MySqlRecover.recover(RecoverRequest.builder().from(orphan).workDir(tmp.resolve(work)).jobs(2)
                .expected(expected).server(ServerOptions.builder().baseDir(tmp).build()).build(),
                new MariaDbServerProvider());
    }

    static List<Verification> hashChecks(RecoveryReport report) {
        return report.verifications().stream().filter(v -> v.check().equals("ordered-row-hash-equals-expected"))
                .toList();
    }
}
