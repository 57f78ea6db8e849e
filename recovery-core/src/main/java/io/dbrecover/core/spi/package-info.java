/**
 * What engine modules implement: {@link io.dbrecover.core.spi.Engine} (found through ServiceLoader), its checks and
 * demo scenarios. Engines use core's public packages only.
 */
package io.dbrecover.core.spi;
