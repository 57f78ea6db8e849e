package io.dbrecover.core.api;

/**
 * Every failure dbrecover reports, with the process exit code it maps to.
 *
 * <p>The exit codes are a contract with scripts: 0 done and verified, 1 internal error, 2 usage error,
 * 3 partial (some items failed, the rest verified), 4 verification failed or damage found,
 * 5 environment problem (a binary, a permission or a resource is missing).
 */
public enum ErrorCode {
    /** A bug in dbrecover itself. */
    INTERNAL(1),
    /** The command line or the API call is wrong. */
    USAGE(2),
    /** A named source does not exist or cannot be read. */
    SOURCE_NOT_FOUND(2),
    /**
     * An output path lies inside a source, or is a link or a file with other hard links through which a write could
     * reach one; dbrecover never writes into a source.
     */
    SOURCE_WRITE_REFUSED(2),
    /** The work dir belongs to another plan or to other sources, so it cannot be resumed. */
    JOURNAL_MISMATCH(2),
    /** Some items were recovered and verified, others failed. */
    PARTIAL(3),
    /** An input file is damaged or not what it claims to be. */
    CORRUPT_INPUT(4),
    /** An input file is valid but in a format dbrecover does not handle. */
    UNSUPPORTED_FORMAT(4),
    /** A recovery finished but its result did not pass verification. */
    VERIFICATION_FAILED(4),
    /** A source changed while dbrecover was working (its inventory before and after differ). */
    SOURCE_CHANGED(4),
    /** A required program was not found. */
    BINARY_NOT_FOUND(5),
    /** A permission is missing (file access, user switch). */
    PERMISSION_DENIED(5),
    /** Another dbrecover run holds the work dir. */
    WORKDIR_LOCKED(5),
    /** A child process failed. */
    PROCESS_FAILED(5),
    /** A child process did not finish in time. */
    PROCESS_TIMEOUT(5),
    /** A throwaway server did not start or did not become ready. */
    SERVER_START_FAILED(5),
    /** Reading or writing a file failed for a reason outside dbrecover's control (disk full, I/O error). */
    IO_ERROR(5);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this error. */
    public int exitCode() {
        return exitCode;
    }
}
