package io.dbrecover.influx;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.layout.LayoutScanner;
import io.dbrecover.influx.model.Inspection;
import io.dbrecover.influx.shard.FileCounts;
import java.nio.file.Path;

/**
 * Shows what an InfluxDB data directory holds, read-only and without a server: databases, retention policies,
 * shards with their time ranges, index kind (tsi1, inmem, missing, damaged) and owners, shards found only in the
 * WAL, and per retention policy the measurements, series, field keys with their types and points, counted from the
 * TSM files and the WAL with tombstones and deletes applied. Every block is decoded, so this reads all the data.
 */
public final class InfluxInspect {
    private InfluxInspect() {
    }

    /**
     * Inspects a data directory.
     *
     * @param dataDir the data directory (see {@link InfluxExport.Request#dataDir()})
     * @param walDir  the WAL directory, or {@code null} to take the one beside the data directory
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when a directory is not there; damage in the files is
     *                           in the result, never thrown
     */
    public static Inspection inspect(Path dataDir, Path walDir) {
        return FileCounts.inspect(LayoutScanner.scan(dataDir, walDir));
    }
}
