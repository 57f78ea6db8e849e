/**
 * InfluxDB's write-ahead log (internal): {@code _NNNNN.wal} segments read entry by entry (writes, deletes, range
 * deletes), with damage reported where it starts instead of thrown.
 */
package io.dbrecover.influx.wal;
