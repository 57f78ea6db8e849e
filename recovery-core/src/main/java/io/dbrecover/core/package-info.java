/**
 * <b>API.</b> {@link io.dbrecover.core.RecoveryRun}, the one way a recovery runs (sources inventoried and never
 * written, steps journalled, the sources compared again, a report written whatever happens), and
 * {@link io.dbrecover.core.Version}. Callers and engines use them alike.
 *
 * <p>How core's packages divide: <b>API</b> (for callers such as the CLI or another Java tool, and for engines):
 * this package, {@code api}, {@code report}, {@code server}, {@code workspace} and the engine lookup of {@code spi}
 * ({@code Engines}, {@code Engine}, {@code DemoScenario}); <b>SPI</b> (what engine modules implement or build on;
 * callers do not use it): {@code spi}, {@code spi.server}, {@code spi.demo}, {@code plan}, {@code verify},
 * {@code process}; <b>internal</b>: the package-private classes of every package and the classes each
 * package-info names as core's own. {@code ArchitectureTest} keeps the CLI on the API.
 */
package io.dbrecover.core;
