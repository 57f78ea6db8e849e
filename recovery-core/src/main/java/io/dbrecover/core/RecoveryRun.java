package io.dbrecover.core;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.RequestFields;
import io.dbrecover.core.api.SourceInventory;
import io.dbrecover.core.api.StepTiming;
import io.dbrecover.core.plan.Journal;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.PlanExecution;
import io.dbrecover.core.plan.Planner;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.report.RunRecorder;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Plan} the way every dbrecover recovery runs: sources inventoried and never written, steps journaled
 * so a second run resumes, the sources compared again at the end, and a report written to
 * {@code <workdir>/report.json} whatever happened.
 *
 * <pre>{@code
 * RecoveryReport report = RecoveryRun.builder("mysql", "recover")
 *         .source(Path.of("/mnt/old-disk/var/lib/mysql/shop"))
 *         .workDir(Path.of("/srv/recovery/shop"))
 *         .build()
 *         .execute(plan);
 * }</pre>
 */
public final class RecoveryRun {
    /** The file every run writes its report to, in the work dir. */
    public static final String REPORT_FILE = "report.json";
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryRun.class);

    private final String engine;
    private final String operation;
    private final List<Path> sources;
    private final Path workDir;
    private final boolean dryRun;
    private final ProgressListener progress;
    private final int jobs;

    private RecoveryRun(Builder b) {
        this.engine = b.engine;
        this.operation = b.operation;
        this.sources = List.copyOf(b.sources);
        this.workDir = b.workDir;
        this.dryRun = b.dryRun;
        this.progress = b.progress;
        this.jobs = b.jobs;
    }

    public static Builder builder(String engine, String operation) {
        return new Builder(engine, operation);
    }

    /**
     * Runs the plan and returns the report. A step that throws stops the run; the report (outcome
     * {@code ABORTED}, with the error as a finding) is still written, and then the exception is rethrown so
     * that callers see exactly what failed.
     */
    public RecoveryReport execute(Plan plan) {
        return run(null, plan);
    }

    /**
     * Runs a plan that depends on what the sources hold: the planner is the run's first step, under the work-dir
     * lock and after the "before" inventory, journaled like a step (and run again on resume, where the plan it
     * returns must have the fingerprint of the journal's). When it fails, the run stops as after a failed step:
     * the report is written, then the exception is rethrown. In a dry run it runs without a workspace, and its
     * failure is thrown as it is.
     */
    public RecoveryReport execute(Planner planner) {
        return run(Objects.requireNonNull(planner, "planner"), null);
    }

    private RecoveryReport run(Planner planner, Plan fixed) {
        RunRecorder recorder = new RunRecorder(engine, operation);
        if (dryRun) {
            Plan plan = fixed;
            if (planner != null) {
                PlanExecution.Planned planned = PlanExecution.plan(planner, null, progress);
                if (planned.failure() != null) {
                    throw planned.failure();
                }
                plan = planned.plan();
                recorder.timing(new StepTiming(planner.name(), "planned", 0));
            }
            recorder.dryRun(true);
            for (Step s : plan.steps()) {
                recorder.timing(new StepTiming(s.name(), "planned", 0));
            }
            return recorder.finish(Version.current());
        }
        RecoveryException failure = null;
        RecoveryReport report;
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(sources, workDir, progress)) {
            recorder.workDir(ws.workDir().toString());
            for (SourceInventory inv : ws.inventoryBefore()) {
                recorder.source(new RecoveryReport.SourceSummary(inv.root(), inv.files().size(), inv.totalBytes(),
                        EvidenceWorkspace.beforeInventoryFile()));
            }
            if (ws.resumed()) {
                recorder.finding(Finding.info("RESUMED", "resumed in an existing work dir; steps completed by an "
                        + "earlier run were not repeated"));
            }
            PlanExecution.Planned planned = planner == null ? null : PlanExecution.plan(planner, ws, progress);
            if (planned != null && planned.failure() != null) {
                PlanExecution.record(planned, recorder);
                failure = planned.failure();
            } else {
                // A work dir of another plan is refused before anything is written, so the earlier run's report
                // and inventories stay as they were.
                Plan plan = planned == null ? fixed : planned.plan();
                try (Journal journal = Journal.open(ws.files(), ws.workDir(), plan)) {
                    if (planned != null) {
                        PlanExecution.record(planned, recorder);
                    }
                    try {
                        failure = planned == null ? PlanExecution.run(plan, ws, journal, recorder, progress, jobs)
                                : PlanExecution.run(planned, ws, journal, recorder, progress, jobs);
                    } catch (RecoveryException e) {
                        failure = e;
                    }
                }
            }
            if (failure != null) {
                recorder.aborted(failure.code());
                recorder.finding(Finding.error(failure.code().name(), failure.getMessage()
                        + failure.hint().map(h -> " (hint: " + h + ")").orElse(""),
                        failure.path().map(Path::toString).orElse(null)));
            }
            recorder.sourcesVerdict(ws.verifySources(progress));
            report = recorder.finish(Version.current());
            ws.files().write(ws.workDir().resolve(REPORT_FILE), Json.bytes(report));
        }
        if (failure != null) {
            LOG.debug("run aborted", failure);
            throw new RecoveryAbortedException(failure, report);
        }
        return report;
    }

    /** A run stopped by a failed step; carries the report that was written anyway. */
    public static final class RecoveryAbortedException extends RecoveryException {
        private static final long serialVersionUID = 1L;
        private final transient RecoveryReport report;

        RecoveryAbortedException(RecoveryException cause, RecoveryReport report) {
            super(cause.code(), cause.getMessage(), cause.path().orElse(null), cause.hint().orElse(null),
                    cause.outputTail(), cause);
            this.report = report;
        }

        public RecoveryReport report() {
            return report;
        }
    }

    /** Builder for {@link RecoveryRun}. */
    public static final class Builder {
        private final String engine;
        private final String operation;
        private final List<Path> sources = new ArrayList<>();
        private Path workDir;
        private boolean dryRun;
        private ProgressListener progress = ProgressListener.NONE;
        private int jobs = 1;

        private Builder(String engine, String operation) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.operation = Objects.requireNonNull(operation, "operation");
        }

        public Builder source(Path source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        public Builder sources(List<Path> values) {
            values.forEach(this::source);
            return this;
        }

        public Builder workDir(Path value) {
            this.workDir = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder progress(ProgressListener value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** How many {@link io.dbrecover.core.plan.Step#concurrent() concurrent} steps may run at once. */
        public Builder jobs(int value) {
            if (value < 1) {
                throw RecoveryException.of(ErrorCode.USAGE, RequestFields.JOBS + " must be at least 1, not " + value)
                        .build();
            }
            this.jobs = value;
            return this;
        }

        public RecoveryRun build() {
            if (!dryRun && workDir == null) {
                throw RecoveryException.of(ErrorCode.USAGE, "a recovery needs a work dir")
                        .hint("pass " + RequestFields.WORK_DIR + " DIR").build();
            }
            if (sources.isEmpty()) {
                throw RecoveryException.of(ErrorCode.USAGE, "a recovery needs at least one source").build();
            }
            return new RecoveryRun(this);
        }
    }
}
