package io.dbrecover.core.report;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Severity;
import io.dbrecover.core.api.StepTiming;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects what a run finds, checks and recovers, from any thread, and builds the {@link RecoveryReport} at the
 * end with an outcome decided by {@link Outcome#decide}: the recorder never lets a caller claim success.
 */
public final class RunRecorder {
    private final String engine;
    private final String operation;
    private final Instant startedAt;
    private final List<ItemResult> items = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Verification> verifications = new ArrayList<>();
    private final List<StepTiming> timings = new ArrayList<>();
    private final List<ToolVersion> tools = new ArrayList<>();
    private final List<RecoveryReport.SourceSummary> sources = new ArrayList<>();
    private InventoryVerdict verdict;
    private String workDir;
    private boolean dryRun;
    private ErrorCode abortedWith;

    public RunRecorder(String engine, String operation) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.startedAt = Instant.now();
    }

    public synchronized RunRecorder item(ItemResult item) {
        items.add(item);
        return this;
    }

    public synchronized RunRecorder finding(Finding finding) {
        findings.add(finding);
        return this;
    }

    public synchronized RunRecorder verification(Verification v) {
        verifications.add(v);
        return this;
    }

    public synchronized RunRecorder timing(StepTiming t) {
        timings.add(t);
        return this;
    }

    public synchronized RunRecorder tool(ToolVersion t) {
        if (!tools.contains(t)) {
            tools.add(t);
        }
        return this;
    }

    public synchronized RunRecorder source(RecoveryReport.SourceSummary s) {
        sources.add(s);
        return this;
    }

    public synchronized RunRecorder sourcesVerdict(InventoryVerdict v) {
        this.verdict = v;
        return this;
    }

    public synchronized RunRecorder workDir(String value) {
        this.workDir = value;
        return this;
    }

    public synchronized RunRecorder dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    /** The run stopped early because of this error. */
    public synchronized RunRecorder aborted(ErrorCode code) {
        this.abortedWith = code;
        return this;
    }

    public synchronized List<Verification> verifications() {
        return List.copyOf(verifications);
    }

    public synchronized List<ItemResult> items() {
        return List.copyOf(items);
    }

    /** Builds the report; the outcome and exit code follow from what was recorded. */
    public synchronized RecoveryReport finish(String toolVersion) {
        long verified = items.stream().filter(i -> i.status() == ItemStatus.VERIFIED).count();
        long failed = items.stream()
                .filter(i -> i.status() == ItemStatus.FAILED || i.status() == ItemStatus.VERIFICATION_FAILED
                        || i.status() == ItemStatus.NOT_PROVEN).count();
        long passed = verifications.stream().filter(Verification::passed).count();
        long notPassed = verifications.size() - passed;
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        boolean unchanged = verdict == null || verdict.unchanged();
        Outcome outcome = Outcome.decide(new RecoveryReport.Facts(dryRun, unchanged, verified, failed, passed,
                notPassed, errors, abortedWith));
        int exit = outcome == Outcome.ABORTED ? abortedWith.exitCode() : outcome.exitCode();
        return new RecoveryReport("dbrecover", toolVersion, engine, operation, outcome, exit, startedAt,
                Instant.now(), workDir, sources, verdict, items, findings, verifications, timings, tools);
    }
}
