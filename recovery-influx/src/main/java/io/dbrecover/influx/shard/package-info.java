/**
 * A shard's merged values (internal): all TSM files, tombstones and the WAL of a shard, key by key in time order,
 * as influxd answers them; and the counts computed from them (measurements, series, fields, points).
 */
package io.dbrecover.influx.shard;
