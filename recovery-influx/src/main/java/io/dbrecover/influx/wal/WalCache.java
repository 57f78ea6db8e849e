package io.dbrecover.influx.wal;

import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.FieldType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shard's WAL loaded as influxd loads it into its cache on start: the segments in the order of their numbers,
 * each entry applied in turn (a write adds values, a delete removes the values of its keys written before it), then
 * per key the values sorted by time with the latest write winning on equal timestamps.
 *
 * <p>Memory: the WAL's values are held in memory, as influxd holds them in its cache, so this is bounded by the
 * WAL's size (influxd snapshots its cache to TSM at {@code cache-snapshot-memory-size}, 25 MB by default, and refuses
 * writes beyond {@code cache-max-memory-size}, 1 GiB by default); about 16 bytes per numeric value plus each key.
 */
public final class WalCache {
    private static final Pattern SEGMENT = Pattern.compile("_(\\d+)\\.wal");

    private final Map<String, Values> byKey;
    private final List<String> sortedKeys;
    private final List<WalSegmentResult> segments;
    private final List<Damage> damage;

    private WalCache(Map<String, Values> byKey, List<WalSegmentResult> segments, List<Damage> damage) {
        this.byKey = byKey;
        List<String> keys = new ArrayList<>(byKey.keySet());
        Collections.sort(keys);
        this.sortedKeys = Collections.unmodifiableList(keys);
        this.segments = List.copyOf(segments);
        this.damage = List.copyOf(damage);
    }

    /** An empty cache (a shard without WAL). */
    public static WalCache empty() {
        return new WalCache(Map.of(), List.of(), List.of());
    }

    /**
     * Loads segments; they are applied in the order of the number in their names ({@code _00001.wal} first).
     * Damage in a segment ends that segment and is kept in {@link #damage()}; the next segments are still read.
     */
    public static WalCache load(List<Path> segmentFiles) {
        List<Path> ordered = new ArrayList<>(segmentFiles);
        ordered.sort((a, b) -> Long.compare(number(a), number(b)));
        Loader loader = new Loader();
        List<WalSegmentResult> results = new ArrayList<>();
        WalSegmentReader reader = new WalSegmentReader();
        for (Path p : ordered) {
            loader.file = p;
            WalSegmentResult r = reader.read(p, loader);
            results.add(r);
            loader.damage.addAll(r.damage());
        }
        for (Values v : loader.byKey.values()) {
            v.sortAndDeduplicate();
        }
        loader.byKey.values().removeIf(v -> v.size() == 0);
        return new WalCache(loader.byKey, results, loader.damage);
    }

    /** The segment number of a {@code _NNNNN.wal} name, or {@link Long#MAX_VALUE} for another name. */
    public static long number(Path segment) {
        Matcher m = SEGMENT.matcher(segment.getFileName().toString());
        if (!m.matches() || m.group(1).length() > 18) {
            return Long.MAX_VALUE;
        }
        return Long.parseLong(m.group(1));
    }

    /** Whether a file name is a WAL segment's ({@code _NNNNN.wal}). */
    public static boolean isSegmentName(String name) {
        return SEGMENT.matcher(name).matches();
    }

    /** The keys holding values, in TSM key order (raw keys, see {@link WalVisitor}). */
    public List<String> keys() {
        return sortedKeys;
    }

    /** The values of a key, sorted by time, or {@code null}. */
    public Values values(String key) {
        return byKey.get(key);
    }

    /** The total number of values held. */
    public long valueCount() {
        long n = 0;
        for (Values v : byKey.values()) {
            n += v.size();
        }
        return n;
    }

    /** Each segment read. */
    public List<WalSegmentResult> segments() {
        return segments;
    }

    /** Damage found (torn or damaged entries, values whose type conflicts with earlier ones of their key). */
    public List<Damage> damage() {
        return damage;
    }

    private static final class Loader implements WalVisitor {
        final Map<String, Values> byKey = new HashMap<>();
        final List<Damage> damage = new ArrayList<>();
        Path file;

        @Override
        public void write(String key, FieldType type, int count, long[] times, long[] values, byte[][] strings) {
            Values v = byKey.get(key);
            if (v == null) {
                v = new Values(type, count);
                byKey.put(key, v);
            } else if (v.type() != type) {
                // influxd's cache refuses such a write (field type conflict); so do we, and say so
                damage.add(new Damage(file, -1, new String(key.getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8), count + " " + type + " values of a key whose earlier values are "
                        + v.type() + " were left out, as influxd's cache refuses them (field type conflict)"));
                return;
            }
            v.addAll(count, times, values, strings);
        }

        @Override
        public void delete(List<String> keys) {
            for (String k : keys) {
                byKey.remove(k);
            }
        }

        @Override
        public void deleteRange(List<String> keys, long min, long max) {
            for (String k : keys) {
                Values v = byKey.get(k);
                if (v != null) {
                    v.removeRange(min, max);
                }
            }
        }
    }
}
