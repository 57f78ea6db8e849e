/**
 * <b>SPI:</b> how an engine describes a recovery: a {@link io.dbrecover.core.plan.Plan} of named
 * {@link io.dbrecover.core.plan.Step}s, each recording items, findings and verifications through its
 * {@link io.dbrecover.core.plan.StepContext}. Callers run plans through {@code RecoveryRun} only.
 * <b>Internal:</b> {@link io.dbrecover.core.plan.PlanExecution} and {@link io.dbrecover.core.plan.Journal}, which
 * {@code RecoveryRun} drives (the journal is what makes a second run resume).
 */
package io.dbrecover.core.plan;
