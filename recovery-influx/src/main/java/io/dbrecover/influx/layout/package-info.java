/**
 * Finding the parts of an InfluxDB data directory (internal): 1.x ({@code data/<db>/<rp>/<shard>},
 * {@code wal/...}, {@code meta/}) and 2.x ({@code engine/data/<bucket>/autogen/<shard>}, {@code engine/wal/...}),
 * each shard's files, its index, its owners; links and special files named, never followed.
 */
package io.dbrecover.influx.layout;
