package io.dbrecover.core.plan;

/** The work of one plan step. */
@FunctionalInterface
public interface StepAction {
    /**
     * Does the step's work. Results (items, verifications, findings) are recorded through the context so that
     * a resumed run can report them again; files the step makes go into the work dir.
     */
    void run(StepContext context) throws Exception;
}
