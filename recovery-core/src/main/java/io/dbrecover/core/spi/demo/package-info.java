/**
 * <b>SPI:</b> the demo templates engines fill in ({@link io.dbrecover.core.spi.demo.StagedDemo}: stage, prove, make the
 * disaster, recover; {@link io.dbrecover.core.spi.demo.ColdCopyDemo}: the recovery from a copy of a stopped
 * server's data directory). Not for callers: they run demos through {@link io.dbrecover.core.spi.DemoScenario}.
 */
package io.dbrecover.core.spi.demo;
