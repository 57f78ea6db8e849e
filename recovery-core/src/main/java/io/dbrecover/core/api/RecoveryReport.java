package io.dbrecover.core.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run did and proved. Written to {@code <workdir>/report.json} and rendered as text or JSON.
 *
 * @param tool            always {@code dbrecover}
 * @param toolVersion     the dbrecover version
 * @param engine          e.g. {@code mysql}, or {@code core} for engine-independent runs
 * @param operation       e.g. {@code recover}, {@code ddl}, {@code demo}
 * @param outcome         the verdict
 * @param exitCode        the process exit code that goes with it
 * @param startedAt       start of the run
 * @param finishedAt      end of the run
 * @param workDir         the work dir, or {@code null} for runs without one
 * @param sources         the inventories taken before the run (one per source)
 * @param sourcesVerdict  the before/after comparison, or {@code null} when the run had no sources
 * @param items           per-item results
 * @param findings        everything noticed
 * @param verifications   every check made
 * @param timings         the plan's steps with their times
 * @param tools           programs and servers used
 */
public record RecoveryReport(String tool, String toolVersion, String engine, String operation, Outcome outcome,
                             int exitCode, Instant startedAt, Instant finishedAt, String workDir,
                             List<SourceSummary> sources, InventoryVerdict sourcesVerdict, List<ItemResult> items,
                             List<Finding> findings, List<Verification> verifications, List<StepTiming> timings,
                             List<ToolVersion> tools) {
    public RecoveryReport {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        sources = List.copyOf(sources);
        items = List.copyOf(items);
        findings = List.copyOf(findings);
        verifications = List.copyOf(verifications);
        timings = List.copyOf(timings);
        tools = List.copyOf(tools);
        if (outcome == Outcome.ABORTED ? exitCode == 0 : exitCode != outcome.exitCode()) {
            throw new IllegalArgumentException("exit code " + exitCode + " does not match outcome " + outcome);
        }
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /**
     * A source as summarised in the report (the full inventory is written next to the report).
     *
     * @param root   the source path
     * @param files  number of files
     * @param bytes  total bytes
     * @param inventoryFile where the full inventory was written, relative to the work dir
     */
    public record SourceSummary(String root, int files, long bytes, String inventoryFile) {
        public SourceSummary {
            Objects.requireNonNull(root, "root");
        }
    }

    /** The counts {@link Outcome#decide(Facts)} looks at. */
    public record Facts(boolean dryRun, boolean sourcesUnchanged, long itemsVerified, long itemsFailed,
                        long passedVerifications, long failedVerifications, long errorFindings,
                        ErrorCode abortedWith) {
    }
}
