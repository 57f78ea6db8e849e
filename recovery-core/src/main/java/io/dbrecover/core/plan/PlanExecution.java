package io.dbrecover.core.plan;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.StepTiming;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.report.RunRecorder;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.core.workspace.IoErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the steps of a plan in order, skipping those the journal says are done. */
public final class PlanExecution {
    private static final Logger LOG = LoggerFactory.getLogger(PlanExecution.class);

    private PlanExecution() {
    }

    /**
     * Runs the plan one step at a time; returns the exception that stopped it, or {@code null} when every step
     * completed.
     */
    public static RecoveryException run(Plan plan, EvidenceWorkspace ws, Journal journal, RunRecorder recorder,
                                        ProgressListener progress) {
        return run(plan, ws, journal, recorder, progress, 1);
    }

    /**
     * Runs the plan; groups of neighbouring {@link Step#concurrent() concurrent} steps run on up to {@code jobs}
     * threads. Results reach the report in plan order whatever order the steps finish in. Returns the exception
     * that stopped the run, or {@code null} when every step completed.
     */
    public static RecoveryException run(Plan plan, EvidenceWorkspace ws, Journal journal, RunRecorder recorder,
                                        ProgressListener progress, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        }
        List<Step> steps = plan.steps();
        RecoveryException failure = null;
        int i = 0;
        while (i < steps.size()) {
            int end = i + 1;
            if (steps.get(i).concurrent() && jobs > 1) {
                while (end < steps.size() && steps.get(end).concurrent()) {
                    end++;
                }
            }
            List<Step> group = steps.subList(i, end);
            if (failure != null) {
                group.forEach(s -> recorder.timing(new StepTiming(s.name(), "skipped", 0)));
            } else if (group.size() == 1) {
                failure = finish(runOne(group.get(0), ws, journal, progress), recorder);
            } else {
                failure = runGroup(group, ws, journal, recorder, progress, jobs);
            }
            i = end;
        }
        return failure;
    }

    private static RecoveryException runGroup(List<Step> group, EvidenceWorkspace ws, Journal journal,
                                              RunRecorder recorder, ProgressListener progress, int jobs) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, group.size()), r -> {
            Thread t = new Thread(r, "step-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Step step : group) {
                futures.add(pool.submit(() -> runOne(step, ws, journal, progress)));
            }
            RecoveryException failure = null;
            for (int k = 0; k < group.size(); k++) {
                Outcome outcome;
                try {
                    outcome = futures.get(k).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    outcome = new Outcome(group.get(k), null, 0, new RecoveryException(ErrorCode.INTERNAL,
                            "interrupted in step " + group.get(k).name(), e), false);
                } catch (ExecutionException e) {
                    outcome = new Outcome(group.get(k), null, 0, new RecoveryException(ErrorCode.INTERNAL,
                            "step " + group.get(k).name() + " failed unexpectedly: " + e.getCause(), e.getCause()),
                            false);
                }
                RecoveryException f = finish(outcome, recorder);
                if (failure == null) {
                    failure = f;
                }
            }
            return failure;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What running one step gave: its results, or the exception that stopped it. */
    private record Outcome(Step step, StepResults results, long millis, RecoveryException failure,
                           boolean resumed) {
    }

    private static Outcome runOne(Step step, EvidenceWorkspace ws, Journal journal, ProgressListener progress) {
        Optional<Journal.Entry> done = journal.completed(step.name());
        if (done.isPresent() && !step.rerunOnResume()) {
            LOG.info("step {}: completed by an earlier run", step.name());
            return new Outcome(step, done.get().results(), 0, null, true);
        }
        LOG.info("step {}: {}", step.name(), step.description());
        StepContext ctx = new StepContext(ws, progress);
        long t0 = System.nanoTime();
        RecoveryException failure = null;
        try {
            step.action().run(ctx);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (done.isEmpty() && !ctx.shouldRetryOnResume()) {
                journal.complete(step.name(), ms, ctx.results());
            }
        } catch (Exception e) {
            failure = failure(step.name(), e, ws);
        }
        // What a failed step recorded before it failed still belongs in the report.
        return new Outcome(step, ctx.results(), (System.nanoTime() - t0) / 1_000_000, failure, false);
    }

    /** What an exception out of a step becomes: the run's failure, named for what it is. */
    private static RecoveryException failure(String step, Exception e, EvidenceWorkspace ws) {
        Path workDir = ws == null ? null : ws.workDir();
        if (e instanceof RecoveryException r) {
            // a full disk is named as such, whatever the code that met it made of it
            return workDir == null ? r : IoErrors.explained(r, workDir);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RecoveryException(ErrorCode.INTERNAL, "interrupted in step " + step, e);
        }
        if (e instanceof IOException io) {
            // the disk, not a bug: a full one says so
            return IoErrors.of("finish step " + step, null, io);
        }
        return IoErrors.noSpace(e) ? IoErrors.noSpace("finish step " + step, workDir, e)
                : new RecoveryException(ErrorCode.INTERNAL, "step " + step + " failed unexpectedly: " + e, e);
    }

    /**
     * What the planning step gave.
     *
     * @param planner the planning step
     * @param plan    the plan it returned, or {@code null} when it failed
     * @param failure what stopped it, or {@code null}
     * @param results what it recorded (also when it failed)
     * @param millis  the time it took
     */
    public record Planned(Planner planner, Plan plan, RecoveryException failure, StepResults results, long millis) {
    }

    /**
     * Runs the planning step (in a dry run {@code ws} is {@code null}). Its results are not yet in the report: see
     * {@link #record(Planned, RunRecorder)}.
     */
    public static Planned plan(Planner planner, EvidenceWorkspace ws, ProgressListener progress) {
        LOG.info("step {}: {}", planner.name(), planner.description());
        StepContext ctx = new StepContext(ws, progress);
        long t0 = System.nanoTime();
        Plan plan = null;
        RecoveryException failure = null;
        try {
            plan = planner.action().plan(ctx);
            if (plan == null) {
                throw new IllegalStateException("the planning step returned no plan");
            }
            if (plan.steps().stream().anyMatch(s -> s.name().equals(planner.name()))) {
                throw new IllegalStateException("the plan " + plan.id() + " has a step named like its planning "
                        + "step: " + planner.name());
            }
        } catch (Exception e) {
            plan = null;
            failure = failure(planner.name(), e, ws);
        }
        return new Planned(planner, plan, failure, ctx.results(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Puts what the planning step recorded, and its timing, into the report. */
    public static void record(Planned planned, RunRecorder recorder) {
        replay(planned.results(), recorder);
        recorder.timing(new StepTiming(planned.planner().name(), planned.failure() != null ? "failed" : "done",
                planned.millis()));
    }

    /**
     * Journals the planning step (once per work dir: it runs again in every run, and the journal keeps what the
     * first run found), then runs the plan it made as {@link #run(Plan, EvidenceWorkspace, Journal, RunRecorder,
     * ProgressListener, int)} does.
     */
    public static RecoveryException run(Planned planned, EvidenceWorkspace ws, Journal journal,
                                        RunRecorder recorder, ProgressListener progress, int jobs) {
        if (planned.plan() == null) {
            throw new IllegalArgumentException("no plan: the planning step failed");
        }
        if (journal.completed(planned.planner().name()).isEmpty()) {
            journal.complete(planned.planner().name(), planned.millis(), planned.results());
        }
        return run(planned.plan(), ws, journal, recorder, progress, jobs);
    }

    private static RecoveryException finish(Outcome o, RunRecorder recorder) {
        replay(o.results(), recorder);
        String status = o.resumed() ? "resumed" : o.failure() != null ? "failed" : "done";
        recorder.timing(new StepTiming(o.step().name(), status, o.millis()));
        return o.failure();
    }

    private static void replay(StepResults results, RunRecorder recorder) {
        if (results == null) {
            return;
        }
        for (ItemResult i : results.items()) {
            recorder.item(i);
        }
        for (Finding f : results.findings()) {
            recorder.finding(f);
        }
        for (Verification v : results.verifications()) {
            recorder.verification(v);
        }
        for (ToolVersion t : results.tools()) {
            recorder.tool(t);
        }
    }
}
