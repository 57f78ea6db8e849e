package io.dbrecover.influx.model;

import io.dbrecover.core.api.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An InfluxDB data directory as found on disk.
 *
 * @param version    {@code 1.x} ({@code data/<db>/<rp>/<shard>}) or {@code 2.x}
 *                   ({@code engine/data/<bucket>/autogen/<shard>})
 * @param dataDir    the directory holding the databases (1.x {@code data}, 2.x {@code engine/data})
 * @param walDir     the directory holding their WAL, or {@code null} when none was given or found
 * @param metaDir    1.x {@code meta} (holding {@code meta.db}) when found, else {@code null}
 * @param shards     every shard, by database, retention policy and id
 * @param seriesDirs per database, its {@code _series} directory (absent when it has none)
 * @param owners     per database directory, its {@code user:group}
 * @param findings   what was noticed and left alone: symbolic links (never followed), special files, stray
 *                   files and directories, assumptions made (e.g. the WAL directory found beside the data)
 */
public record DataLayout(String version, Path dataDir, Path walDir, Path metaDir, List<ShardFiles> shards,
                         Map<String, Path> seriesDirs, Map<String, String> owners, List<Finding> findings) {
    public DataLayout {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(dataDir, "dataDir");
        shards = List.copyOf(shards);
        seriesDirs = java.util.Collections.unmodifiableMap(new TreeMap<>(seriesDirs));
        owners = java.util.Collections.unmodifiableMap(new TreeMap<>(owners));
        findings = List.copyOf(findings);
    }

    /** The database names (1.x) or bucket ids (2.x), sorted: every database directory and every shard's. */
    public List<String> databases() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(owners.keySet());
        shards.forEach(s -> names.add(s.database()));
        return List.copyOf(names);
    }
}
