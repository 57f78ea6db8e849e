package io.dbrecover.influx.shard;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.model.ShardFiles;
import io.dbrecover.influx.tsm.BlockRef;
import io.dbrecover.influx.tsm.BlockValues;
import io.dbrecover.influx.tsm.IndexEntry;
import io.dbrecover.influx.tsm.TsmFile;
import io.dbrecover.influx.tsm.TsmIndex;
import io.dbrecover.influx.tsm.TsmTombstones;
import io.dbrecover.influx.wal.Values;
import io.dbrecover.influx.wal.WalCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A shard's values as influxd would answer them: every key ({@code series#!~#field}) of all its TSM files and its
 * WAL, in key order, each key's values in time order with the tombstones of each TSM file applied to that file's
 * values, the WAL's deletes applied to the WAL's earlier writes, and duplicates resolved as influxd resolves them: on
 * equal timestamps a later TSM file (generation, then sequence) wins over an earlier one, and the WAL over every file.
 *
 * <p>Streaming: the TSM files are merged by a k-way merge over their indexes (each sorted by key), so only one key's
 * values are in memory at a time (all its blocks in this shard, decoded), whatever the size of the files. The WAL is
 * held in memory as influxd holds it in its cache ({@link WalCache}: bounded by the WAL's size, which influxd keeps
 * below {@code cache-max-memory-size}), and tombstones per file (one range per deleted key).
 *
 * <p>Damage never escapes: a TSM file that cannot be opened, an index that stops early or goes out of key order (the
 * rest of that file's index is not read), a block whose CRC or encoding is broken (its values are left out), a
 * damaged tombstone file or WAL segment: each is a {@link Damage} in {@link #damage()}, and the rest is read.
 */
public final class ShardReader implements AutoCloseable {
    private final ShardFiles shard;
    private final List<TsmFile> files = new ArrayList<>();
    private final List<Map<String, List<long[]>>> tombstones = new ArrayList<>();
    private final WalCache wal;
    private final List<Damage> damage = new ArrayList<>();

    private ShardReader(ShardFiles shard) {
        this.shard = shard;
        for (Path p : shard.tsm()) {
            try {
                files.add(TsmFile.open(p));
                tombstones.add(readTombstones(p));
            } catch (RecoveryException e) {
                damage.add(new Damage(p, e.offset().orElse(-1), null, "TSM file not read: " + e.getMessage()));
            }
        }
        this.wal = WalCache.load(shard.wal());
        damage.addAll(wal.damage());
    }

    /** Opens a shard's files (the WAL is loaded now; TSM files are read by {@link #read}). */
    public static ShardReader open(ShardFiles shard) {
        return new ShardReader(shard);
    }

    /** The shard. */
    public ShardFiles shard() {
        return shard;
    }

    /** The WAL as loaded. */
    public WalCache wal() {
        return wal;
    }

    /** Damage met so far (opening, and every {@link #read} up to now). */
    public List<Damage> damage() {
        return List.copyOf(damage);
    }

    /** Visits every key with values, in key order. */
    public void read(KeyVisitor visitor) {
        read(Long.MIN_VALUE, Long.MAX_VALUE, visitor);
    }

    /**
     * Visits every key with values in {@code [start, end]}, in key order; blocks entirely outside the range are not
     * read.
     */
    public void read(long start, long end, KeyVisitor visitor) {
        PriorityQueue<Cursor> heap = new PriorityQueue<>();
        for (int i = 0; i < files.size(); i++) {
            Cursor c = new Cursor(i, files.get(i).path(), files.get(i).index());
            if (c.advance(damage)) {
                heap.add(c);
            }
        }
        List<String> walKeys = wal.keys();
        int wi = 0;
        Map<FieldType, Values> buffers = new EnumMap<>(FieldType.class);
        BlockValues block = new BlockValues();
        List<Cursor> same = new ArrayList<>();
        while (!heap.isEmpty() || wi < walKeys.size()) {
            String key = heap.isEmpty() ? walKeys.get(wi) : heap.peek().key;
            if (wi < walKeys.size() && walKeys.get(wi).compareTo(key) < 0) {
                key = walKeys.get(wi);
            }
            same.clear();
            while (!heap.isEmpty() && heap.peek().key.equals(key)) {
                same.add(heap.poll());
            }
            Values out = null;
            for (Cursor c : same) {
                // same holds the files in the order they were polled: by key, then file order (oldest first)
                out = append(c, key, start, end, buffers, out, block);
                if (c.advance(damage)) {
                    heap.add(c);
                }
            }
            if (wi < walKeys.size() && walKeys.get(wi).equals(key)) {
                Values w = wal.values(key);
                out = appendWal(key, w, start, end, buffers, out);
                wi++;
            }
            if (out != null && out.size() > 0) {
                out.sortAndDeduplicate();
                visitor.key(key, out);
            }
        }
    }

    private Values append(Cursor c, String key, long start, long end, Map<FieldType, Values> buffers, Values out,
                          BlockValues block) {
        IndexEntry e = c.entry;
        FieldType type = e.type();
        TsmFile f = files.get(c.file);
        if (type == null) {
            damage.add(new Damage(f.path(), e.offset(), printable(key), "index entry names unknown block type "
                    + e.typeCode() + ": its blocks are left out"));
            return out;
        }
        Values target = out;
        if (target == null) {
            target = buffers.computeIfAbsent(type, t -> new Values(t, 1024));
            target.clear();
        } else if (target.type() != type) {
            damage.add(new Damage(f.path(), e.offset(), printable(key), "holds " + type + " values where an earlier "
                    + "file holds " + target.type() + ": left out, as influxd reads one type per key and shard"));
            return target;
        }
        List<long[]> deleted = tombstones.get(c.file).get(key);
        String named = null;
        for (BlockRef ref : e.blocks()) {
            if (ref.maxTime() < start || ref.minTime() > end) {
                continue;
            }
            if (named == null) {
                named = printable(key);
            }
            var problem = f.readBlock(named, ref, type, block);
            if (problem.isPresent()) {
                damage.add(problem.get());
                continue;
            }
            copy(block, target, start, end, deleted);
        }
        return target;
    }

    private Values appendWal(String key, Values w, long start, long end, Map<FieldType, Values> buffers,
                             Values out) {
        Values target = out;
        if (target == null) {
            target = buffers.computeIfAbsent(w.type(), t -> new Values(t, 1024));
            target.clear();
        } else if (target.type() != w.type()) {
            damage.add(new Damage(shard.wal().isEmpty() ? Path.of("wal") : shard.wal().get(0), -1, printable(key),
                    "the WAL holds " + w.type() + " values where the TSM files hold " + target.type()
                            + ": the WAL's are left out"));
            return target;
        }
        for (int i = 0; i < w.size(); i++) {
            long t = w.time(i);
            if (t >= start && t <= end) {
                target.addFrom(w, i);
            }
        }
        return target;
    }

    private static void copy(BlockValues b, Values into, long start, long end, List<long[]> deleted) {
        long[] times = b.times();
        int n = b.count();
        for (int i = 0; i < n; i++) {
            long t = times[i];
            if (t < start || t > end || isDeleted(deleted, t)) {
                continue;
            }
            switch (b.type()) {
                case FLOAT -> into.add(t, Double.doubleToRawLongBits(b.floats()[i]), null);
                case INTEGER, UNSIGNED -> into.add(t, b.longs()[i], null);
                case BOOLEAN -> into.add(t, b.booleans()[i] ? 1 : 0, null);
                case STRING -> {
                    int[] off = b.stringOffsets();
                    byte[] s = new byte[off[i + 1] - off[i]];
                    System.arraycopy(b.stringBytes(), off[i], s, 0, s.length);
                    into.add(t, 0, s);
                }
            }
        }
    }

    private static boolean isDeleted(List<long[]> ranges, long t) {
        if (ranges == null) {
            return false;
        }
        for (long[] r : ranges) {
            if (t >= r[0] && t <= r[1]) {
                return true;
            }
        }
        return false;
    }

    private Map<String, List<long[]>> readTombstones(Path tsm) {
        Path t = TsmTombstones.pathFor(tsm);
        Map<String, List<long[]>> out = new HashMap<>();
        if (!Files.isRegularFile(t)) {
            return out;
        }
        try {
            damage.addAll(TsmTombstones.read(t, ts -> out.computeIfAbsent(
                    new String(ts.key(), StandardCharsets.ISO_8859_1), k -> new ArrayList<>())
                    .add(new long[] {ts.min(), ts.max()})));
        } catch (RecoveryException e) {
            damage.add(new Damage(t, -1, null, "tombstone file not read (its deletions are not applied): "
                    + e.getMessage()));
        }
        return out;
    }

    /** A raw key (one char per byte) as text, for messages. */
    static String printable(String rawKey) {
        return new String(rawKey.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        files.forEach(TsmFile::close);
    }

    /** One TSM file's index, positioned at an entry. */
    private static final class Cursor implements Comparable<Cursor> {
        final int file;
        final Path path;
        final TsmIndex index;
        IndexEntry entry;
        String key;

        Cursor(int file, Path path, TsmIndex index) {
            this.file = file;
            this.path = path;
            this.index = index;
        }

        /** Moves to the next entry; false at the end, at damage, or when the index goes out of key order. */
        boolean advance(List<Damage> damage) {
            String previous = key;
            entry = index.next();
            if (entry == null) {
                index.damage().ifPresent(damage::add);
                return false;
            }
            key = new String(entry.key(), StandardCharsets.ISO_8859_1);
            if (previous != null && key.compareTo(previous) <= 0) {
                damage.add(new Damage(path, entry.offset(), printable(key), "index entry out of key order "
                        + "(after " + printable(previous) + "): the rest of this file's index is not read"));
                return false;
            }
            return true;
        }

        @Override
        public int compareTo(Cursor o) {
            int c = key.compareTo(o.key);
            return c != 0 ? c : Integer.compare(file, o.file);
        }
    }
}
