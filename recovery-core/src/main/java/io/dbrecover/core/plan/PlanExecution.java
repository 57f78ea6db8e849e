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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the steps of a plan in order, skipping those the journal says are done. */
public final class PlanExecution {
    private static final Logger LOG = LoggerFactory.getLogger(PlanExecution.class);

    private PlanExecution() {
    }

    /**
     * Runs the plan; returns the exception that stopped it, or {@code null} when every step completed.
     */
    public static RecoveryException run(Plan plan, EvidenceWorkspace ws, Journal journal, RunRecorder recorder,
                                        ProgressListener progress) {
        boolean stopped = false;
        RecoveryException failure = null;
        for (Step step : plan.steps()) {
            if (stopped) {
                recorder.timing(new StepTiming(step.name(), "skipped", 0));
                continue;
            }
            Optional<Journal.Entry> done = journal.completed(step.name());
            if (done.isPresent() && !step.rerunOnResume()) {
                replay(done.get().results(), recorder);
                recorder.timing(new StepTiming(step.name(), "resumed", 0));
                LOG.info("step {}: completed by an earlier run", step.name());
                continue;
            }
            LOG.info("step {}: {}", step.name(), step.description());
            StepContext ctx = new StepContext(ws, progress);
            long t0 = System.nanoTime();
            try {
                step.action().run(ctx);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                StepResults results = ctx.results();
                if (done.isEmpty()) {
                    journal.complete(step.name(), ms, results);
                }
                replay(results, recorder);
                recorder.timing(new StepTiming(step.name(), "done", ms));
            } catch (RecoveryException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new RecoveryException(ErrorCode.INTERNAL, "interrupted in step " + step.name(), e);
            } catch (Exception e) {
                failure = new RecoveryException(ErrorCode.INTERNAL, "step " + step.name() + " failed unexpectedly: " + e, e);
            }
            if (failure != null) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                // What the failed step recorded before it failed still belongs in the report.
                replay(ctx.results(), recorder);
                recorder.timing(new StepTiming(step.name(), "failed", ms));
                stopped = true;
            }
        }
        return failure;
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
