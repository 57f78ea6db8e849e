/**
 * <b>API:</b> reports as JSON ({@link io.dbrecover.core.report.Json}) and as text for a terminal
 * ({@link io.dbrecover.core.report.TextReportRenderer}). <b>Internal:</b> {@link io.dbrecover.core.report.RunRecorder},
 * which {@code RecoveryRun} and plan steps fill and which alone decides a run's outcome (public because the plan
 * executor lives in another package).
 */
package io.dbrecover.core.report;
