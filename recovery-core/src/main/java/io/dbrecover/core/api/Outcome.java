package io.dbrecover.core.api;

/** The verdict of a whole run; each maps to an exit code. */
public enum Outcome {
    /** Everything was done and verified. Only a run with at least one passed verification and none failed. */
    VERIFIED(0),
    /** Some items failed; the others were verified. */
    PARTIAL(3),
    /** A verification failed, damage was found, a source changed, or nothing could be verified. */
    NOT_VERIFIED(4),
    /** The plan was printed and nothing was done ({@code --dry-run}). */
    PLANNED(0),
    /** A step failed and the run stopped; the exit code is that of the {@link ErrorCode} that stopped it. */
    ABORTED(1);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code of this outcome; for {@link #ABORTED} the report carries the error's own exit code. */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Decides the outcome from the facts of a run. A run that verified nothing is never {@link #VERIFIED}.
     */
    public static Outcome decide(RecoveryReport.Facts facts) {
        if (facts.dryRun()) {
            return PLANNED;
        }
        if (!facts.sourcesUnchanged()) {
            return NOT_VERIFIED;
        }
        if (facts.abortedWith() != null) {
            return ABORTED;
        }
        if (facts.failedVerifications() > 0 || (facts.errorFindings() > 0 && facts.itemsFailed() == 0)) {
            return NOT_VERIFIED;
        }
        if (facts.passedVerifications() == 0) {
            return NOT_VERIFIED;
        }
        if (facts.itemsFailed() > 0) {
            return facts.itemsVerified() > 0 ? PARTIAL : NOT_VERIFIED;
        }
        return VERIFIED;
    }
}
