package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.Finding;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.shard.FileValues;
import io.dbrecover.influx.shard.ValueDigest;
import io.dbrecover.influx.verify.InfluxProof;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the rebuild needs from the data files, as the readers ({@code layout}, {@code shard}) give it: the shards,
 * each shard's points (TSM files, WAL and tombstones merged) as line protocol, and each database's numbers computed
 * from the files, for the proof. Kept behind this interface so that the steps read as what they do.
 */
interface SourceData {
    /** Opens the data of a data directory and its WAL directory (or {@code null}). */
    @FunctionalInterface
    interface Factory {
        SourceData open(Path dataDir, Path walDir);
    }

    /**
     * One shard.
     *
     * @param database        its database
     * @param retentionPolicy its retention policy
     * @param id              its id (the directory name)
     * @param dir             its directory under the data directory, or {@code null} when it is only in the WAL
     * @param walDir          its WAL directory, or {@code null}
     * @param minNanos        its first point's time, or {@code null} when it holds none
     * @param maxNanos        its last point's time, or {@code null}
     * @param walBytes        the size of its WAL segment files
     * @param hasIndex        whether it has an {@code index/} directory (a TSI index)
     */
    record Shard(String database, String retentionPolicy, long id, Path dir, Path walDir, Long minNanos,
                 Long maxNanos, long walBytes, boolean hasIndex) {
        public Shard {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(retentionPolicy, "retentionPolicy");
        }

        String name() {
            return database + "/" + retentionPolicy + "/" + id;
        }
    }

    /** Every shard of the data directory, by database, retention policy and id. */
    List<Shard> shards();

    /** What the readers noticed while listing (damage, WAL-only shards...), as findings. */
    List<Finding> findings();

    /** Receives a batch of line protocol. */
    @FunctionalInterface
    interface Batch {
        /**
         * @param body  UTF-8 line protocol, nanosecond timestamps
         * @param lines the number of lines in it
         */
        void send(byte[] body, long lines);
    }

    /**
     * What a replay left out because line protocol cannot carry it.
     *
     * @param nonFinite     float values that are NaN or infinite
     * @param damagedKeys   keys without a series or a field (damage: influxd never writes one)
     * @param damagedValues the values of those keys
     * @param examples      the first few of those keys, as text
     */
    record LeftOut(long nonFinite, long damagedKeys, long damagedValues, List<String> examples) {
        public LeftOut {
            examples = List.copyOf(examples);
        }
    }

    /**
     * Streams a shard's points as line protocol (one line per field value, series-key then time order) in batches of
     * about {@code batchLines} lines.
     *
     * @return what line protocol cannot hold and was left out
     */
    LeftOut replay(Shard shard, int batchLines, Batch sink);

    /**
     * Each database's numbers from the files, comparable with what a server answers ({@link InfluxProof#collect}):
     * measurements, series, field types, points and values per field (the values themselves: {@link #values()}).
     */
    Map<String, InfluxProof> expected();

    /**
     * Each retention policy's numbers from the files (per measurement its values per field), for the proof's check
     * that every point is in its own policy: {@link #expected()} sums the policies of a database, as the server's
     * proof does.
     */
    List<DatabaseCounts> countsPerPolicy();

    /**
     * Every value of the files per database, retention policy, series and field, as a count and a digest of the
     * timestamps and exact values ({@link FileValues}), for the proof's value check.
     */
    Map<FileValues.Key, ValueDigest> values();
}
