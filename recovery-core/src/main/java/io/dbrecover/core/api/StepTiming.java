package io.dbrecover.core.api;

import java.util.Objects;

/**
 * How a plan step went.
 *
 * @param step     the step's name
 * @param status   {@code done}, {@code resumed} (completed by an earlier run), {@code failed} or {@code planned}
 * @param millis   wall time spent in this run
 */
public record StepTiming(String step, String status, long millis) {
    public StepTiming {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
    }
}
