package io.dbrecover.core.process;

import java.time.Duration;
import java.util.List;

/**
 * A finished process.
 *
 * @param exitCode its exit code
 * @param output   everything it printed (stdout and stderr merged), bounded by {@link ProcessRunner}'s capture limit
 * @param tail     the last lines it printed
 * @param duration how long it ran
 */
public record ProcessResult(int exitCode, String output, List<String> tail, Duration duration) {
    public ProcessResult {
        tail = List.copyOf(tail);
    }
}
