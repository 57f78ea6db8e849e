package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.export.LineProtocolWriter;
import io.dbrecover.influx.layout.LayoutScanner;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.IndexKind;
import io.dbrecover.influx.model.Inspection;
import io.dbrecover.influx.model.ShardFiles;
import io.dbrecover.influx.model.ShardSummary;
import io.dbrecover.influx.shard.FileCounts;
import io.dbrecover.influx.shard.FileProof;
import io.dbrecover.influx.shard.FileValues;
import io.dbrecover.influx.shard.SeriesKeys;
import io.dbrecover.influx.shard.ShardReader;
import io.dbrecover.influx.shard.ValueDigest;
import io.dbrecover.influx.verify.InfluxProof;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link SourceData} from the module's own readers: the layout ({@link LayoutScanner}), one pass over every shard for
 * its time range, the counts ({@link FileCounts}) and the value digests of the proof ({@link FileValues}), and, for
 * the replay, each shard read again key by key ({@link ShardReader}) into line protocol
 * ({@link LineProtocolWriter}). Damage met while reading is an error
 * finding: the values it concerns are neither replayed nor counted, so a proof that passes would not show the loss.
 */
final class ReaderData implements SourceData {
    /** Layout findings of entries in the tree that are not read (links, special files). */
    private static final java.util.Set<String> NOT_READ = java.util.Set.of("SYMBOLIC_LINK", "SPECIAL_FILE");

    private final Inspection inspection;
    private final Map<Shard, ShardFiles> files = new LinkedHashMap<>();
    private final List<Shard> shards = new ArrayList<>();
    private final Map<FileValues.Key, ValueDigest> values = new HashMap<>();

    ReaderData(Path dataDir, Path walDir) {
        // the value digests of the proof are taken in the same reading as the counts: the files are read once here
        this.inspection = FileCounts.inspect(LayoutScanner.scan(dataDir, walDir),
                s -> FileValues.collector(s, values));
        for (ShardSummary s : inspection.shards()) {
            ShardFiles f = s.files();
            boolean empty = s.minTime() == Long.MAX_VALUE;
            Shard shard = new Shard(f.database(), f.retentionPolicy(), f.id(), f.dataDir(), f.walDir(),
                    empty ? null : s.minTime(), empty ? null : s.maxTime(), size(f.wal()), f.index() == IndexKind.TSI1);
            shards.add(shard);
            files.put(shard, f);
        }
    }

    @Override
    public List<Shard> shards() {
        return List.copyOf(shards);
    }

    @Override
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (Finding f : inspection.layout().findings()) {
            // influxd opens what a link in its tree points to; the readers do not: such points would be missing
            // from the rebuild and from the files' numbers alike, and the proof would pass without them
            out.add(NOT_READ.contains(f.code()) ? Finding.error(f.code(), f.message() + "; whatever it holds is "
                    + "neither rebuilt nor counted, so the proof cannot vouch for it", f.path()) : f);
        }
        for (Damage d : inspection.damage()) {
            out.add(Finding.error("DAMAGED_INPUT", "damage in the source, whose values cannot be rebuilt and are "
                    + "not counted: " + d.describe(), d.file().toString()));
        }
        for (Shard s : shards) {
            if (s.dir() == null) {
                out.add(Finding.info("WAL_ONLY_SHARD", "shard " + s.name() + " exists only in the WAL"));
            }
        }
        return out;
    }

    @Override
    public LeftOut replay(Shard shard, int batchLines, Batch sink) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        LineProtocolWriter w = new LineProtocolWriter(buffer);
        long[] sent = {0};
        long[] damaged = {0, 0};
        List<String> examples = new ArrayList<>();
        try (ShardReader r = ShardReader.open(files.get(shard))) {
            IOException[] failed = new IOException[1];
            r.read((key, values) -> {
                if (failed[0] != null) {
                    return;
                }
                int sep = SeriesKeys.separator(key);
                if (sep <= 0 || sep + SeriesKeys.FIELD_SEPARATOR.length() == key.length()) {
                    // no line can hold it, and influxd would refuse the whole batch: left out, and said so
                    damaged[0]++;
                    damaged[1] += values.size();
                    if (examples.size() < 5) {
                        examples.add(SeriesKeys.text(key));
                    }
                    return;
                }
                try {
                    w.values(SeriesKeys.series(key), SeriesKeys.field(key), values);
                    if (w.lines() - sent[0] >= batchLines) {
                        w.flush();
                        sink.send(buffer.toByteArray(), w.lines() - sent[0]);
                        sent[0] = w.lines();
                        buffer.reset();
                    }
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            w.flush();
            if (w.lines() > sent[0]) {
                sink.send(buffer.toByteArray(), w.lines() - sent[0]);
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.INTERNAL, "cannot render the points of shard " + shard.name()
                    + ": " + e.getMessage()).cause(e).build();
        }
        return new LeftOut(w.nonFinite(), damaged[0], damaged[1], examples);
    }

    @Override
    public Map<String, InfluxProof> expected() {
        Map<String, List<DatabaseCounts>> byDb = new TreeMap<>();
        for (Shard s : shards) {
            byDb.computeIfAbsent(s.database(), k -> new ArrayList<>());
        }
        for (DatabaseCounts c : inspection.counts()) {
            byDb.computeIfAbsent(c.database(), k -> new ArrayList<>()).add(c);
        }
        Map<String, InfluxProof> out = new LinkedHashMap<>();
        byDb.forEach((db, policies) -> out.put(db, FileProof.ofPolicies(db, policies)));
        return out;
    }

    @Override
    public List<DatabaseCounts> countsPerPolicy() {
        return inspection.counts();
    }

    @Override
    public Map<FileValues.Key, ValueDigest> values() {
        return Collections.unmodifiableMap(values);
    }

    private static long size(List<Path> wal) {
        long n = 0;
        for (Path p : wal) {
            try {
                n += Files.size(p);
            } catch (IOException e) {
                // a segment that cannot be read is the readers' damage; it adds nothing to the cache
            }
        }
        return n;
    }
}
