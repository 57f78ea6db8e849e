package io.dbrecover.core.api;

/** The state of one item (a table, a shard, a file) at the end of a run. */
public enum ItemStatus {
    /** Recovered and every verification of it passed. */
    VERIFIED,
    /**
     * Recovered and no verification failed, but some of its values could not be compared exactly (the report names
     * which and why): imported, not proven. Never counted as verified.
     */
    NOT_PROVEN,
    /** Recovered, but a verification failed. */
    VERIFICATION_FAILED,
    /** Could not be recovered. */
    FAILED,
    /** Deliberately left out (filtered by the user, or nothing to do). */
    SKIPPED
}
