package io.dbrecover.core.plan;

import java.util.Objects;

/**
 * One named step of a plan.
 *
 * @param name        unique within its plan, stable across runs (the journal refers to it)
 * @param description one line for {@code --dry-run}
 * @param action      the work
 */
public record Step(String name, String description, StepAction action) {
    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(action, "action");
        if (name.isBlank() || name.contains("\n")) {
            throw new IllegalArgumentException("bad step name: '" + name + "'");
        }
    }
}
