package io.dbrecover.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose plan is made by its first step, under the lock and after the inventory. */
class PlannerTest {
    @TempDir
    Path tmp;
    Path source;
    Path work;
    final List<String> ran = new ArrayList<>();

    @BeforeEach
    void stageSource() throws Exception {
        source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.ibd"), "data");
        work = tmp.resolve("work");
    }

    private RecoveryRun run(boolean dryRun) {
        return RecoveryRun.builder("test", "recover").source(source).workDir(work).dryRun(dryRun).build();
    }

    private Step step(String name) {
        return new Step(name, "does " + name, ctx -> {
            ran.add(name);
            ctx.item(new ItemResult(name, ItemStatus.VERIFIED, "ok"));
            ctx.verification(Verification.equality(name, "row-count", 3, 3));
        });
    }

    /** A planner that reads the source, as a scan would, and plans one step per file it finds. */
    private Planner scanning(String fingerprint) {
        return new Planner("scan", "read the sources", ctx -> {
            ran.add("scan");
            ctx.finding(Finding.info("SCANNED", "found a.ibd"));
            List<Step> steps = new ArrayList<>();
            try (var files = Files.list(source)) {
                files.map(f -> f.getFileName().toString()).sorted().forEach(n -> steps.add(step("table:" + n)));
            }
            return new Plan("p", fingerprint, steps);
        });
    }

    @Test
    void thePlannerRunsUnderTheLockAfterTheInventoryAndItsPlanFollows() {
        AtomicReference<String> seen = new AtomicReference<>();
        Planner planner = new Planner("scan", "read the sources", ctx -> {
            // the "before" inventory is on disk and the lock is held when the sources are first read
            seen.set(Files.exists(work.resolve("inventory/sources-before.json")) + " "
                    + Files.exists(work.resolve(".dbrecover.lock")) + " " + ctx.workDir().equals(work.toRealPath()));
            return scanning("f").action().plan(ctx);
        });
        RecoveryReport r = run(false).execute(planner);
        assertThat(seen.get()).startsWith("true ").endsWith(" true");
        assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(r.timings()).extracting(t -> t.step() + ":" + t.status()).containsExactly("scan:done",
                "table:a.ibd:done");
        assertThat(r.findings()).extracting(Finding::code).contains("SCANNED");
        assertThat(work.resolve(Journal.FILE_NAME)).content(StandardCharsets.UTF_8).contains("\"step\":\"scan\"");
    }

    @Test
    void aFailingPlannerStopsTheRunWithAReportThatNamesItsFailure() {
        Planner planner = new Planner("scan", "read the sources", ctx -> {
            ctx.finding(Finding.info("SCANNED", "found a.ibd"));
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "a.ibd: page 0 is damaged").hint("keep it").build();
        });
        RecoveryRun.RecoveryAbortedException e = catchThrowableOfType(RecoveryRun.RecoveryAbortedException.class,
                () -> run(false).execute(planner));
        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
        RecoveryReport r = e.report();
        assertThat(r.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(r.timings()).extracting(t -> t.step() + ":" + t.status()).containsExactly("scan:failed");
        assertThat(r.findings()).extracting(Finding::code).containsExactly("SCANNED", "CORRUPT_INPUT");
        assertThat(r.sourcesVerdict().unchanged()).isTrue();
        assertThat(work.resolve(RecoveryRun.REPORT_FILE)).content().contains("page 0 is damaged");
        // no plan, no journal: a later run with a plan starts afresh
        assertThat(work.resolve(Journal.FILE_NAME)).doesNotExist();
    }

    @Test
    void anUnexpectedExceptionInThePlannerIsAnInternalErrorWithAReport() {
        Planner planner = new Planner("scan", "read the sources", ctx -> {
            throw new IllegalStateException("bug");
        });
        RecoveryRun.RecoveryAbortedException e = catchThrowableOfType(RecoveryRun.RecoveryAbortedException.class,
                () -> run(false).execute(planner));
        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(e.getMessage()).contains("step scan failed unexpectedly").contains("bug");
        assertThat(work.resolve(RecoveryRun.REPORT_FILE)).exists();
    }

    @Test
    void onResumeThePlannerRunsAgainAndTheStepsItsPlanCompletedAreSkipped() {
        run(false).execute(scanning("f"));
        ran.clear();
        RecoveryReport r = run(false).execute(scanning("f"));
        assertThat(ran).containsExactly("scan");
        assertThat(r.timings()).extracting(t -> t.step() + ":" + t.status()).containsExactly("scan:done",
                "table:a.ibd:resumed");
        assertThat(r.items()).extracting(ItemResult::name).containsExactly("table:a.ibd");
        assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
    }

    @Test
    void aResumeWhosePlannerMakesAnotherPlanIsRefusedAndTheEarlierReportStays() throws Exception {
        run(false).execute(scanning("options-a"));
        byte[] report = Files.readAllBytes(work.resolve(RecoveryRun.REPORT_FILE));
        RecoveryException e = catchThrowableOfType(RecoveryException.class,
                () -> run(false).execute(scanning("options-b")));
        assertThat(e.code()).isEqualTo(ErrorCode.JOURNAL_MISMATCH);
        assertThat(work.resolve(RecoveryRun.REPORT_FILE)).hasBinaryContent(report);
    }

    @Test
    void aDryRunPlansWithoutAWorkspaceAndWritesNothing() {
        AtomicReference<Object> workspace = new AtomicReference<>("unset");
        Planner planner = new Planner("scan", "read the sources", ctx -> {
            workspace.set(ctx.workspace());
            return scanning("f").action().plan(ctx);
        });
        RecoveryReport r = run(true).execute(planner);
        assertThat(workspace.get()).isNull();
        assertThat(r.outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(r.timings()).extracting(t -> t.step() + ":" + t.status()).containsExactly("scan:planned",
                "table:a.ibd:planned");
        assertThat(ran).containsExactly("scan");
        assertThat(work).doesNotExist();
    }

    @Test
    void aDryRunWhosePlannerFailsThrowsTheFailureAsItIs() {
        Planner planner = new Planner("scan", "read the sources", ctx -> {
            throw RecoveryException.of(ErrorCode.USAGE, "--tables names t, which is not among the 1 tables found")
                    .build();
        });
        RecoveryException e = catchThrowableOfType(RecoveryException.class, () -> run(true).execute(planner));
        assertThat(e).isNotInstanceOf(RecoveryRun.RecoveryAbortedException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(work).doesNotExist();
    }

    @Test
    void aPlanWithAStepNamedLikeItsPlannerIsABug() {
        Planner planner = new Planner("scan", "read the sources", ctx -> new Plan("p", "", List.of(step("scan"))));
        RecoveryRun.RecoveryAbortedException e = catchThrowableOfType(RecoveryRun.RecoveryAbortedException.class,
                () -> run(false).execute(planner));
        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(e.getMessage()).contains("named like its planning step");
    }
}
