/**
 * <b>SPI:</b> the one way dbrecover starts a child process ({@link io.dbrecover.core.process.ProcessRunner} with a
 * {@link io.dbrecover.core.process.ProcessSpec}: timeout, log tail, run-as user; {@code ArchitectureTest} refuses
 * {@code ProcessBuilder} elsewhere) and whether the OS user a server runs as can reach a path
 * ({@code Reachability}). Engines use it; callers do not. <b>Internal:</b> the per-JVM
 * {@link io.dbrecover.core.process.Watchdog} that kills children and removes secret files when the JVM dies (core
 * registers with it; engines never call it), the process registry and output pumps.
 */
package io.dbrecover.core.process;
