/**
 * <b>API:</b> the one way to write a file ({@link io.dbrecover.core.workspace.OutputFiles}: no links, no
 * hard-linked files, nothing inside a source; {@code ArchitectureTest} refuses other writes), the one way to open a
 * file for reading ({@link io.dbrecover.core.workspace.InputFiles}) and I/O errors explained
 * ({@link io.dbrecover.core.workspace.IoErrors}: a full disk named as such). <b>SPI</b> for plan steps:
 * {@link io.dbrecover.core.workspace.EvidenceWorkspace} (the run's work dir and sources),
 * {@link io.dbrecover.core.workspace.TreeCopy}, {@link io.dbrecover.core.workspace.FileReplacement}.
 * <b>Internal:</b> the work-dir lock ({@code WorkDirLock}) and the inventories ({@code Inventories}), which
 * {@code EvidenceWorkspace} drives, and the package-private helpers.
 */
package io.dbrecover.core.workspace;
