/**
 * <b>SPI:</b> the base engines build their throwaway servers on. {@link io.dbrecover.core.spi.server.ServerBase}
 * holds the lifecycle every server shares (final, idempotent start/stop/close, the temp dir, the run-as user by a
 * {@link io.dbrecover.core.spi.server.RunAs} policy, port retries, the readiness loop, start failures naming the
 * data directory with the server's last output, child cleanup by the watchdog); the engine adds its command line,
 * its readiness query and what is its own. {@link io.dbrecover.core.spi.server.BinaryProvider}, configured by an
 * engine's {@link io.dbrecover.core.spi.server.BinarySpec}, finds the engine's programs (option, environment
 * variable, PATH, well-known directories, an embedded jar). Not for callers: they start servers through
 * {@code Engine.servers()}.
 */
package io.dbrecover.core.spi.server;
