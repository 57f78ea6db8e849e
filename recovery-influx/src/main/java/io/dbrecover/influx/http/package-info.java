/**
 * InfluxDB 1.x's HTTP API as dbrecover uses it: ping, line-protocol writes and streamed, chunked query results with
 * exact nanosecond timestamps.
 */
package io.dbrecover.influx.http;
