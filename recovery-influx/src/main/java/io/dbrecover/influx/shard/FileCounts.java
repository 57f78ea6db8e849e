package io.dbrecover.influx.shard;

import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.DataLayout;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.Inspection;
import io.dbrecover.influx.model.ShardFiles;
import io.dbrecover.influx.model.ShardSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads every shard of a data directory once and counts what it holds (for inspect and for proofs). */
public final class FileCounts {
    private FileCounts() {
    }

    /** Reads every shard: its time range and sizes, and the counts per database and retention policy. */
    public static Inspection inspect(DataLayout layout) {
        return inspect(layout, s -> null);
    }

    /**
     * The same, and each shard's keys also to the visitor {@code also} gives for it (when not {@code null}), in the
     * same reading: a rebuild's value digests ({@link FileValues#collector}) cost no second reading of the files.
     */
    public static Inspection inspect(DataLayout layout, Function<ShardFiles, KeyVisitor> also) {
        Map<String, CountCollector> collectors = new LinkedHashMap<>();
        List<ShardSummary> shards = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        for (ShardFiles s : layout.shards()) {
            CountCollector c = collectors.computeIfAbsent(s.database() + "\u0000" + s.retentionPolicy(),
                    k -> new CountCollector(s.database(), s.retentionPolicy()));
            long[] stats = {Long.MAX_VALUE, Long.MIN_VALUE, 0, 0};
            KeyVisitor more = also.apply(s);
            try (ShardReader r = ShardReader.open(s)) {
                r.read((key, values) -> {
                    c.key(key, values);
                    if (more != null) {
                        more.key(key, values);
                    }
                    stats[0] = Math.min(stats[0], values.time(0));
                    stats[1] = Math.max(stats[1], values.time(values.size() - 1));
                    stats[2]++;
                    stats[3] += values.size();
                });
                c.endShard();
                shards.add(new ShardSummary(s, stats[0], stats[1], stats[2], stats[3], r.wal().valueCount()));
                damage.addAll(r.damage());
            }
        }
        List<DatabaseCounts> counts = new ArrayList<>();
        collectors.values().forEach(c -> counts.add(c.counts()));
        return new Inspection(layout, shards, counts, damage);
    }
}
