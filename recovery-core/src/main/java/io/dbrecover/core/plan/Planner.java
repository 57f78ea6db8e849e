package io.dbrecover.core.plan;

import java.util.Objects;

/**
 * The first step of a run whose plan depends on what the sources hold: it reads them (scans, parses, connects)
 * under the work-dir lock, after the "before" inventory, and returns the plan of the steps that follow. It runs in
 * every run, a resumed one included (the plan is rebuilt and its fingerprint checked against the journal); what it
 * records reaches the report like a step's results, and when it throws, the run stops with a report as after a
 * failed step.
 *
 * @param name        the step's name in the report and the journal, stable across runs; no step of the plan it
 *                    returns may have it
 * @param description one line for {@code --dry-run}
 * @param action      reads the sources and returns the plan
 */
public record Planner(String name, String description, Action action) {
    /** What the planning step does. */
    @FunctionalInterface
    public interface Action {
        /**
         * Reads what the plan depends on and returns it. In a dry run the context has no workspace
         * ({@link StepContext#workspace()} is {@code null}) and what it records is not reported: nothing is written.
         */
        Plan plan(StepContext context) throws Exception;
    }

    public Planner {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(action, "action");
        if (name.isBlank() || name.contains("\n")) {
            throw new IllegalArgumentException("bad step name: '" + name + "'");
        }
    }
}
