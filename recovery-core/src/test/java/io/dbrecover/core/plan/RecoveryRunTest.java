package io.dbrecover.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryRunTest {
    @TempDir
    Path tmp;
    Path source;
    final List<String> ran = new ArrayList<>();

    @BeforeEach
    void stageSource() throws Exception {
        source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.ibd"), "data");
    }

    private Step step(String name, boolean verifies) {
        return new Step(name, "does " + name, ctx -> {
            ran.add(name);
            if (verifies) {
                ctx.item(new ItemResult(name, ItemStatus.VERIFIED, "ok"));
                ctx.verification(Verification.equality(name, "row-count", 3, 3));
            }
        });
    }

    private RecoveryRun run(boolean dryRun) {
        return RecoveryRun.builder("test", "recover").source(source).workDir(tmp.resolve("work")).dryRun(dryRun).build();
    }

    @Test
    void dryRunListsThePlanAndWritesNothing() {
        Plan plan = new Plan("p", "", List.of(step("one", true), step("two", true)));
        RecoveryReport r = run(true).execute(plan);
        assertThat(r.outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(r.timings()).extracting(t -> t.step() + ":" + t.status()).containsExactly("one:planned", "two:planned");
        assertThat(ran).isEmpty();
        assertThat(tmp.resolve("work")).doesNotExist();
    }

    @Test
    void completedRunIsVerifiedAndWritesItsReport() {
        RecoveryReport r = run(false).execute(new Plan("p", "", List.of(step("one", true), step("two", true))));
        assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.sourcesVerdict().unchanged()).isTrue();
        assertThat(r.sources()).singleElement().satisfies(s -> assertThat(s.files()).isEqualTo(1));
        assertThat(tmp.resolve("work/report.json")).content().contains("\"outcome\" : \"VERIFIED\"");
    }

    @Test
    void runWithoutAnyVerificationIsNeverVerified() {
        RecoveryReport r = run(false).execute(new Plan("p", "", List.of(step("one", false))));
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(r.exitCode()).isEqualTo(4);
    }

    @Test
    void failedStepStopsTheRunWritesTheReportAndResumeFinishesTheRest() {
        AtomicBoolean fail = new AtomicBoolean(true);
        Step flaky = new Step("two", "sometimes fails", ctx -> {
            ran.add("two");
            if (fail.get()) {
                throw RecoveryException.of(ErrorCode.PROCESS_FAILED, "tool crashed").hint("try again").build();
            }
            ctx.verification(Verification.equality("two", "hash", "x", "x"));
        });
        Plan plan = new Plan("p", "opts", List.of(step("one", true), flaky, step("three", true)));

        RecoveryRun.RecoveryAbortedException e = catchThrowableOfType(RecoveryRun.RecoveryAbortedException.class,
                () -> run(false).execute(plan));
        assertThat(e.exitCode()).isEqualTo(5);
        assertThat(e.report().outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(e.report().timings()).extracting(t -> t.step() + ":" + t.status())
                .containsExactly("one:done", "two:failed", "three:skipped");
        assertThat(e.report().findings()).anySatisfy(f -> assertThat(f.message()).contains("tool crashed", "try again"));
        assertThat(ran).containsExactly("one", "two");

        fail.set(false);
        ran.clear();
        RecoveryReport r = run(false).execute(plan);
        assertThat(ran).containsExactly("two", "three");
        assertThat(r.timings()).extracting(t -> t.step() + ":" + t.status())
                .containsExactly("one:resumed", "two:done", "three:done");
        // what step one recorded in the first run is reported again
        assertThat(r.items()).extracting(ItemResult::name).containsExactly("one", "three");
        assertThat(r.verifications()).hasSize(3);
        assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
    }

    @Test
    void resumeWithAnotherPlanOrOtherOptionsIsRefused() {
        run(false).execute(new Plan("p", "opts-a", List.of(step("one", true))));
        RecoveryException e = catchThrowableOfType(RecoveryException.class,
                () -> run(false).execute(new Plan("p", "opts-b", List.of(step("one", true)))));
        assertThat(e.code()).isEqualTo(ErrorCode.JOURNAL_MISMATCH);
        assertThat(e.exitCode()).isEqualTo(2);
    }

    @Test
    void tornLastJournalLineIsIgnoredOnResume() throws Exception {
        run(false).execute(new Plan("p", "", List.of(step("one", true), step("two", true))));
        Path journal = tmp.resolve("work/journal.jsonl");
        List<String> lines = Files.readAllLines(journal);
        // the run was killed while writing step two's line
        String torn = lines.get(2).substring(0, lines.get(2).length() / 2);
        Files.write(journal, List.of(lines.get(0), lines.get(1), torn));
        ran.clear();
        RecoveryReport r = run(false).execute(new Plan("p", "", List.of(step("one", true), step("two", true))));
        assertThat(ran).containsExactly("two");
        assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
    }

    @Test
    void changedSourceMakesTheRunNotVerified() {
        Step vandal = new Step("vandal", "writes into the source behind our back", ctx -> {
            Files.writeString(source.resolve("a.ibd"), "overwritten");
            ctx.verification(Verification.equality("x", "y", 1, 1));
        });
        RecoveryReport r = run(false).execute(new Plan("p", "", List.of(vandal)));
        assertThat(r.sourcesVerdict().unchanged()).isFalse();
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(r.exitCode()).isEqualTo(4);
    }

    @Test
    void aRefusedResumeLeavesTheEarlierReportAsItWas() throws Exception {
        run(false).execute(new Plan("p", "opts-a", List.of(step("one", true))));
        String report = Files.readString(tmp.resolve("work/report.json"));
        catchThrowableOfType(RecoveryException.class,
                () -> run(false).execute(new Plan("other", "", List.of(step("one", true)))));
        assertThat(tmp.resolve("work/report.json")).hasContent(report.strip());
    }

    @Test
    void aSymbolicLinkPlantedInTheWorkDirCannotRedirectTheJournalIntoTheSource() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.createSymbolicLink(work.resolve("journal.jsonl"), source.resolve("journal.jsonl"));
        RecoveryException e = catchThrowableOfType(RecoveryException.class,
                () -> run(false).execute(new Plan("p", "", List.of(step("one", true)))));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(source.resolve("journal.jsonl")).doesNotExist();
        assertThat(ran).isEmpty();
    }

    @Test
    void aSourceThatVanishesDuringTheRunIsReportedAsMissingNotAsAUsageError() {
        Step vanish = new Step("vanish", "the disk is unplugged", ctx -> {
            Files.delete(source.resolve("a.ibd"));
            Files.delete(source);
            ctx.verification(Verification.equality("x", "y", 1, 1));
        });
        RecoveryReport r = run(false).execute(new Plan("p", "", List.of(vanish)));
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(r.sourcesVerdict().missing()).singleElement().asString().endsWith("a.ibd");
        assertThat(tmp.resolve("work/report.json")).exists();
    }

    @Test
    void aJournalWithOnlyATornFirstLineStartsAfresh() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("journal.jsonl"), "{\"event\":\"pl");
        RecoveryReport r = run(false).execute(new Plan("p", "", List.of(step("one", true))));
        assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(ran).containsExactly("one");
    }

    @Test
    void aStepMarkedRerunOnResumeRunsAgainSoLaterStepsFindWhatItSetUp() {
        AtomicBoolean fail = new AtomicBoolean(true);
        List<String> server = new ArrayList<>();
        Step start = Step.rerunOnResume("start-server", "starts an in-memory thing", ctx -> {
            ran.add("start-server");
            server.add("up");
        });
        Step verify = new Step("verify", "needs the server", ctx -> {
            ran.add("verify");
            if (server.isEmpty()) {
                throw new IllegalStateException("server not started in this run");
            }
            if (fail.get()) {
                throw RecoveryException.of(ErrorCode.PROCESS_FAILED, "flaky").build();
            }
            ctx.verification(Verification.equality("t", "rows", 1, 1));
        });
        Plan plan = new Plan("p", "", List.of(start, verify));
        catchThrowableOfType(RecoveryException.class, () -> run(false).execute(plan));
        fail.set(false);
        server.clear();
        ran.clear();
        RecoveryReport r = run(false).execute(plan);
        assertThat(ran).containsExactly("start-server", "verify");
        assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
    }

    @Test
    void concurrentStepsRunAtTheSameTimeAndReachTheReportInPlanOrder() throws Exception {
        java.util.concurrent.CountDownLatch bothStarted = new java.util.concurrent.CountDownLatch(2);
        List<Step> steps = new ArrayList<>();
        for (String name : List.of("t1", "t2")) {
            steps.add(Step.concurrent(name, "table " + name, ctx -> {
                bothStarted.countDown();
                // each waits for the other: only a run that really runs them side by side gets past this
                assertThat(bothStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                if (name.equals("t1")) {
                    Thread.sleep(50); // finishes last, is still reported first
                }
                ctx.item(new ItemResult(name, ItemStatus.VERIFIED, "ok"));
                ctx.verification(Verification.equality(name, "rows", 1, 1));
            }));
        }
        steps.add(step("after", true));
        RecoveryReport r = RecoveryRun.builder("test", "recover").source(source).workDir(tmp.resolve("work"))
                .jobs(2).build().execute(new Plan("p", "", steps));
        assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(r.items()).extracting(ItemResult::name).containsExactly("t1", "t2", "after");
        assertThat(r.timings()).extracting(t -> t.step() + ":" + t.status()).containsExactly("t1:done", "t2:done",
                "after:done");
    }

    @Test
    void aStepThatAsksToBeRetriedIsNotJournaledAndRunsAgainOnResume() {
        AtomicBoolean transientProblem = new AtomicBoolean(true);
        Step table = Step.concurrent("table", "a table that may fail", ctx -> {
            ran.add("table");
            if (transientProblem.get()) {
                ctx.item(new ItemResult("table", ItemStatus.FAILED, "lock wait timeout"));
                ctx.retryOnResume();
                return;
            }
            ctx.item(new ItemResult("table", ItemStatus.VERIFIED, "ok"));
            ctx.verification(Verification.equality("table", "rows", 1, 1));
        });
        Plan plan = new Plan("p", "", List.of(step("one", true), table));
        RecoveryReport first = run(false).execute(plan);
        assertThat(first.outcome()).isEqualTo(Outcome.PARTIAL);
        transientProblem.set(false);
        ran.clear();
        RecoveryReport second = run(false).execute(plan);
        assertThat(ran).containsExactly("table");
        assertThat(second.items()).extracting(i -> i.name() + ":" + i.status()).containsExactly("one:VERIFIED",
                "table:VERIFIED");
        assertThat(second.outcome()).isEqualTo(Outcome.VERIFIED);
    }
}
