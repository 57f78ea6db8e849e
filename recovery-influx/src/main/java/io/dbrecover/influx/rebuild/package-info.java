/**
 * Rebuilding a lost TSI index, series files or meta store of an InfluxDB 1.x data directory into a new server
 * directory: the strategies ({@code buildtsi} with the engine's own tool, {@code replay} through a fresh influxd),
 * the meta store recreated from the directory tree, the restore of an old server directory, and the proof after
 * every rebuild (every shard opened with tsi1, the numbers of the files answered by the server). Internal.
 */
package io.dbrecover.influx.rebuild;
