package io.dbrecover.cli;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RequestFields;
import java.util.Map;

/**
 * The CLI's flags for the request fields library messages name ({@link RequestFields}): an error about
 * {@code RecoveryRun.workDir} is printed as one about {@code --workdir}, so the user reads the option they typed.
 */
final class CliFlags {
    private static final Map<String, String> FLAGS = Map.of(RequestFields.WORK_DIR, "--workdir",
            RequestFields.JOBS, "--jobs");

    private CliFlags() {
    }

    /** The error with every request field in its message and hint named by its flag; itself when none is named. */
    static RecoveryException named(RecoveryException e) {
        String message = flags(e.getMessage());
        String hint = e.hint().map(CliFlags::flags).orElse(null);
        if (message.equals(e.getMessage()) && (hint == null || hint.equals(e.hint().orElse(null)))) {
            return e;
        }
        return new RecoveryException(e.code(), message, e.path().orElse(null), e.offset().orElse(-1), hint,
                e.outputTail(), e);
    }

    static String flags(String text) {
        String out = text;
        for (Map.Entry<String, String> f : FLAGS.entrySet()) {
            out = out.replace(f.getKey(), f.getValue());
        }
        return out;
    }
}
