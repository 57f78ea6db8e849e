package io.dbrecover.core.plan;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a step sees: the workspace, progress, and where to record its results. Thread-safe. */
public final class StepContext {
    private final EvidenceWorkspace workspace;
    private final ProgressListener progress;
    private final List<ItemResult> items = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Verification> verifications = new ArrayList<>();
    private final List<ToolVersion> tools = new ArrayList<>();
    private boolean retryOnResume;

    StepContext(EvidenceWorkspace workspace, ProgressListener progress) {
        this.workspace = workspace;
        this.progress = progress;
    }

    public EvidenceWorkspace workspace() {
        return workspace;
    }

    public Path workDir() {
        return workspace.workDir();
    }

    public ProgressListener progress() {
        return progress;
    }

    public synchronized void item(ItemResult item) {
        items.add(item);
    }

    public synchronized void finding(Finding finding) {
        findings.add(finding);
    }

    public synchronized void verification(Verification v) {
        verifications.add(v);
    }

    public synchronized void tool(ToolVersion t) {
        tools.add(t);
    }

    /**
     * Says that this step, although it returns normally (its failure is recorded as an item), should run again in
     * a resumed run instead of being replayed from the journal: e.g. a table that failed for a reason that may be
     * gone next time.
     */
    public synchronized void retryOnResume() {
        retryOnResume = true;
    }

    synchronized boolean shouldRetryOnResume() {
        return retryOnResume;
    }

    synchronized StepResults results() {
        return new StepResults(items, findings, verifications, tools);
    }
}
