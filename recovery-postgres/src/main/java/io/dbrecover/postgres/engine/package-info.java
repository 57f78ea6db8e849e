/**
 * The PostgreSQL {@link io.dbrecover.core.spi.Engine}, registered in {@code META-INF/services}: what the engine
 * can do, its {@code doctor} checks, its servers and demos.
 *
 * <p>Internal: found through {@code core.spi.Engines}, never called by name.
 */
package io.dbrecover.postgres.engine;
