/** InfluxDB 1.x support: the {@link io.dbrecover.influx.InfluxEngine} registered with ServiceLoader. */
package io.dbrecover.influx;
