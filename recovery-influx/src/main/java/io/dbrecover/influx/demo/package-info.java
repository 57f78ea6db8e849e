/** The InfluxDB demo scenario: a server stopped with its points in the WAL, recovered from a copy of its directory. */
package io.dbrecover.influx.demo;
