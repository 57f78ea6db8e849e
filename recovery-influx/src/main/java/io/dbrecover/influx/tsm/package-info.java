/**
 * TSM files of InfluxDB 1.x/2.x read in pure Java: the header, the index (streamed entry by entry, never held whole),
 * blocks by offset with their CRC, every value encoding, and tombstone files. Memory stays flat whatever the size of
 * the file: one read window per cursor and reusable decode arrays.
 *
 * <p>The API other packages use: {@link io.dbrecover.influx.tsm.TsmFile} (open, {@code index()},
 * {@code checkBlock}, {@code readBlock}), {@link io.dbrecover.influx.tsm.TsmIndex} (the cursor over the index in key
 * order), {@link io.dbrecover.influx.tsm.IndexEntry} and {@link io.dbrecover.influx.tsm.BlockRef} (what the index
 * says), {@link io.dbrecover.influx.tsm.BlockValues} (one decoded block in primitive arrays, reused) and
 * {@link io.dbrecover.influx.tsm.TsmTombstones} (deletions recorded beside a TSM file). Damage is reported as
 * {@link io.dbrecover.influx.model.Damage}; a file that cannot be read at all raises a
 * {@link io.dbrecover.core.api.RecoveryException} with {@code CORRUPT_INPUT}, its path and the offset.
 */
package io.dbrecover.influx.tsm;
