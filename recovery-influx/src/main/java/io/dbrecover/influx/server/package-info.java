/**
 * Throwaway InfluxDB 1.x servers: binary discovery ({@code influxd}, {@code influx}, {@code influx_inspect}),
 * version parsing, the generated configuration file and the managed {@code influxd} process.
 */
package io.dbrecover.influx.server;
