package io.dbrecover.influx.model;

import java.util.List;
import java.util.Objects;

/**
 * What {@code influx inspect} found in a data directory, read-only and without a server.
 *
 * @param layout the directories and files
 * @param shards per shard, its time range and sizes
 * @param counts per database and retention policy, its measurements, series, fields and points
 * @param damage damage met while reading (the values it concerns are not counted)
 */
public record Inspection(DataLayout layout, List<ShardSummary> shards, List<DatabaseCounts> counts,
                         List<Damage> damage) {
    public Inspection {
        Objects.requireNonNull(layout, "layout");
        shards = List.copyOf(shards);
        counts = List.copyOf(counts);
        damage = List.copyOf(damage);
    }
}
