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
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.RowHashes;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.testkit.Leftovers;
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
        // our own page reader agrees with the server on every value of every row of every table (each partition
        // file on its own), and checked the definitions first
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("rows-equal-file"))
                .allMatch(Verification::passed).extracting(Verification::item).containsAll(staged.expected().keySet());
        assertThat(report.findings()).noneMatch(f -> f.code().equals("VALUES_NOT_COMPARED"));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("definition-fits-file-records"))
                .hasSizeGreaterThanOrEqualTo(20);
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

    @Test
    void aRunKilledWithSigkillMidwayIsResumedWithoutRedoingTheTablesItFinished() throws Exception {
        Disaster.Staged staged = Disaster.stage(tmp.resolve("stage"), Disaster.Format.CURRENT,
                Disaster.Ending.CLEAN_SHUTDOWN);
        Path work = tmp.resolve("work");
        Path journal = work.resolve("journal.jsonl");
        Path expected = java.nio.file.Files.writeString(tmp.resolve("expected.tsv"),
                RowHashes.format(staged.expected()));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + java.nio.file.Files.createDirectories(tmp.resolve("jvm-tmp")), "-cp",
                System.getProperty("java.class.path"), RecoverMain.class.getName(), staged.orphanDir().toString(),
                work.toString(), tmp.toString(), expected.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        try {
            while (tablesDone(journal) < 5) {
                assertThat(child.isAlive()).as("the child run ended before it could be killed; its log: "
                        + readQuietly(tmp.resolve("child.log"))).isTrue();
                assertThat(System.nanoTime()).as("5 tables done within 3 minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            // its watchdog would stop the server at once (RecoverKilledJvmIT): kill it first, as if it had died
            // too, so that the resumed run must find the leftover server and stop it itself
            Leftovers.watchdogOf(child.pid()).flatMap(ProcessHandle::of).ifPresent(w -> {
                w.destroyForcibly();
                w.onExit().join();
            });
            child.destroyForcibly().waitFor();
        }
        long doneBeforeKill = tablesDone(journal);
        assertThat(doneBeforeKill).isLessThan(staged.expected().size());
        // as a run killed while its server started would leave it, its watchdog dead too
        Path staleInit;
        try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(work.resolve("server"))) {
            staleInit = dirs.filter(d -> d.resolve("private").toFile().isDirectory()).findFirst().orElseThrow()
                    .resolve("private").resolve("init.sql");
        }
        java.nio.file.Files.writeString(staleInit, "CREATE OR REPLACE USER x IDENTIFIED BY 'stale';\n");

        RecoveryReport report = recover(staged.orphanDir(), staged.expected(), "work");

        assertThat(report.items()).as(MySqlRecoverIT.describe(report))
                .allSatisfy(i -> assertThat(i.status()).as(i.name() + ": " + i.detail()).isEqualTo(ItemStatus.VERIFIED));
        assertThat(report.items()).hasSize(staged.expected().size());
        assertThat(hashChecks(report)).hasSize(staged.expected().size()).allMatch(Verification::passed);
        assertThat(report.timings()).filteredOn(t -> t.step().startsWith("table:") && t.status().equals("resumed"))
                .hasSizeGreaterThanOrEqualTo((int) doneBeforeKill);
        assertThat(report.findings()).extracting(f -> f.code()).contains("RESUMED", "LEFTOVER_SERVER_STOPPED");
        assertThat(staleInit).doesNotExist();
        assertThat(Leftovers.secretFiles(List.of(work))).isEmpty();
        assertThat(report.outcome()).isEqualTo(Outcome.VERIFIED);
    }

    private static long tablesDone(Path journal) throws java.io.IOException {
        if (!java.nio.file.Files.exists(journal)) {
            return 0;
        }
        return java.nio.file.Files.readAllLines(journal).stream().filter(l -> l.contains("\"step\":\"table:")
                || l.contains("\"step\" : \"table:")).count();
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
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
