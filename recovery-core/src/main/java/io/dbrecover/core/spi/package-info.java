/**
 * <b>SPI:</b> what engine modules implement: {@link io.dbrecover.core.spi.Engine} (found through ServiceLoader),
 * its checks ({@code EngineCheck}, {@code ToolCheck}, {@code Capability}) and demo scenarios
 * ({@code DemoScenario}, {@code DemoContext}). <b>API:</b> callers find the loaded engines through
 * {@link io.dbrecover.core.spi.Engines} and use them only through these interfaces. Engines use core's API and SPI
 * packages only.
 */
package io.dbrecover.core.spi;
