package io.dbrecover.core.spi;

/** What an engine module can do; the CLI and {@code doctor} list these instead of discovering failures. */
public enum Capability {
    /** Starts throwaway servers of the engine. */
    THROWAWAY_SERVER,
    /** Contributes a staged disaster to {@code dbrecover demo}. */
    DEMO,
    /** Regenerates table definitions from files without a server. */
    SCHEMA_FROM_FILES,
    /** Recovers data from orphaned files into a server. */
    DATA_RECOVERY,
    /** Verifies backups or data files without a server. */
    OFFLINE_VERIFY,
    /** Restores backups and replays logs. */
    RESTORE
}
