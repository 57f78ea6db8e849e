/**
 * <b>API:</b> throwaway servers as callers see them: {@link io.dbrecover.core.server.ServerProvider} (an engine's,
 * from {@code Engine.servers()}), {@link io.dbrecover.core.server.ManagedServer}, its
 * {@link io.dbrecover.core.server.ServerOptions}, {@link io.dbrecover.core.server.ServerInfo},
 * {@link io.dbrecover.core.server.Endpoint}, {@link io.dbrecover.core.server.BinaryOrigin} and
 * {@link io.dbrecover.core.server.BinaryDiscovery}, the copy-then-serve workflow
 * {@link io.dbrecover.core.server.ServerSession} with its {@link io.dbrecover.core.server.ClientAccess} file, and
 * {@link io.dbrecover.core.server.TempDirs}. <b>SPI helpers</b> engines use to build servers (callers need not):
 * {@code ServerSlot}, {@code Readiness}, {@code FreePorts}, {@code Secrets}, {@code BinaryLocator},
 * {@code EmbeddedBinaries}; the base class engines extend is in {@link io.dbrecover.core.spi.server}.
 */
package io.dbrecover.core.server;
