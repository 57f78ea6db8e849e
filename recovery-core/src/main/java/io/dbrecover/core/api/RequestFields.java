package io.dbrecover.core.api;

/**
 * How library messages name what the caller set: by the request's field, written {@code Type.field} (for example
 * "start over with a new RecoveryRun.workDir"), never by a command-line flag, since a library does not know how it
 * was called. A front end that offers those fields as its own options names them its way: the CLI maps each name
 * to its flag ({@code RecoveryRun.workDir} becomes {@code --workdir}) before it prints an error.
 */
public final class RequestFields {
    /** {@code RecoveryRun.Builder.workDir}: where a recovery works (the CLI's {@code --workdir}). */
    public static final String WORK_DIR = "RecoveryRun.workDir";
    /** {@code RecoveryRun.Builder.jobs}: how many steps may run at once (the CLI's {@code --jobs}). */
    public static final String JOBS = "RecoveryRun.jobs";

    private RequestFields() {
    }
}
