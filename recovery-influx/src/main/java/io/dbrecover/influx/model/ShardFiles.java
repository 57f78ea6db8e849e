package io.dbrecover.influx.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The files of one shard as found on disk.
 *
 * @param database        the database (1.x) or bucket id (2.x)
 * @param retentionPolicy the retention policy ({@code autogen} in 2.x)
 * @param id              the shard id (its directory name)
 * @param dataDir         {@code data/<db>/<rp>/<id>}, or {@code null} when the shard exists only in the WAL
 * @param walDir          {@code wal/<db>/<rp>/<id>}, or {@code null} when there is none
 * @param tsm             the {@code *.tsm} files, in the order influxd reads them (generation, then sequence)
 * @param tombstones      the {@code *.tombstone} files
 * @param wal             the WAL segments ({@code _NNNNN.wal}), by number
 * @param fieldsIndex     {@code fields.idx}, or {@code null}
 * @param index           the series index found
 * @param indexNote       what was seen of {@code index/}, for a person
 * @param owners          the distinct {@code user:group} owners of the shard's directories and files, sorted
 */
public record ShardFiles(String database, String retentionPolicy, long id, Path dataDir, Path walDir, List<Path> tsm,
                         List<Path> tombstones, List<Path> wal, Path fieldsIndex, IndexKind index, String indexNote,
                         List<String> owners) {
    public ShardFiles {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(retentionPolicy, "retentionPolicy");
        tsm = List.copyOf(tsm);
        tombstones = List.copyOf(tombstones);
        wal = List.copyOf(wal);
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(indexNote, "indexNote");
        owners = List.copyOf(owners);
    }

    /** Whether the shard's data exists only in the WAL (no shard directory under the data directory). */
    public boolean walOnly() {
        return dataDir == null;
    }
}
