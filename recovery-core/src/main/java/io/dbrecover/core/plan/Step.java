package io.dbrecover.core.plan;

import java.util.Objects;

/**
 * One named step of a plan. Steps hand results to later steps through files in the work dir, so that a resumed run
 * finds them; a step that only sets up something in memory (a started server) is marked {@code rerunOnResume}, so a
 * resumed run does it again instead of skipping it.
 *
 * @param name          unique within its plan, stable across runs (the journal refers to it)
 * @param description   one line for {@code --dry-run}
 * @param action        the work
 * @param rerunOnResume run the step again on resume even when an earlier run completed it
 * @param concurrent    the step may run at the same time as the concurrent steps next to it in the plan (a run with
 *                      more than one job runs each such group on a pool); it must then be independent of them
 */
public record Step(String name, String description, StepAction action, boolean rerunOnResume, boolean concurrent) {
    public Step(String name, String description, StepAction action) {
        this(name, description, action, false, false);
    }

    public Step(String name, String description, StepAction action, boolean rerunOnResume) {
        this(name, description, action, rerunOnResume, false);
    }

    /**
     * A step that may run in parallel with its concurrent neighbours, such as one table among many. It is journaled
     * on its own, so a resumed run skips exactly the ones that completed.
     */
    public static Step concurrent(String name, String description, StepAction action) {
        return new Step(name, description, action, false, true);
    }

    /** A step that sets up in-memory state for later steps (e.g. starts a server) and so runs again on resume. */
    public static Step rerunOnResume(String name, String description, StepAction action) {
        return new Step(name, description, action, true);
    }

    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(action, "action");
        if (name.isBlank() || name.contains("\n")) {
            throw new IllegalArgumentException("bad step name: '" + name + "'");
        }
    }
}
