/**
 * Line protocol export (internal): a data directory's shards, merged with their WAL and tombstones, written as
 * InfluxDB line protocol with the header {@code influx -import} reads.
 */
package io.dbrecover.influx.export;
