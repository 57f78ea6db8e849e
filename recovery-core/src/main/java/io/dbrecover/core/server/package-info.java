/**
 * Throwaway servers: the {@link io.dbrecover.core.server.ManagedServer} SPI, binary discovery (explicit option,
 * environment variable, PATH, well-known dirs, then embedded jars), free ports and readiness checks.
 */
package io.dbrecover.core.server;
