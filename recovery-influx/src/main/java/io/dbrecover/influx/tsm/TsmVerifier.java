package io.dbrecover.influx.tsm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.model.VerifiedFile;
import io.dbrecover.influx.model.VerifyReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks one TSM file without writing anything: the header and footer, the index (keys strictly ascending, a known
 * type, at least one block, blocks with min &le; max, in time order and not overlapping, inside the block region),
 * every block's CRC32, with {@code deep} every block decoded (of the index's type, timestamps ascending inside the
 * entry's range), and the tombstone file beside it. Memory is flat: one index entry and one block at a time.
 */
public final class TsmVerifier {
    private final boolean deep;
    private final BlockValues values = new BlockValues();

    /**
     * @param deep decode every block as well as checking its CRC
     */
    public TsmVerifier(boolean deep) {
        this.deep = deep;
    }

    /**
     * Verifies a file.
     *
     * @param damage receives the damage found (at most {@link VerifyReport#MAX_LISTED_PER_FILE}, then one line saying
     *               how many more there are)
     * @return what was checked
     * @throws RecoveryException {@code IO_ERROR} when the file cannot be read for a reason other than its content
     */
    public VerifiedFile verify(Path file, Consumer<Damage> damage) {
        Counter found = new Counter(damage);
        Totals totals = new Totals();
        try {
            check(file, found, totals);
        } catch (RecoveryException e) {
            if (e.code() != ErrorCode.CORRUPT_INPUT) {
                throw e;
            }
            // e.g. the file got shorter while it was read: what was checked stands, the rest is this damage
            found.add(new Damage(file, e.offset().orElse(-1), null, e.getMessage()));
        }
        long tombstones = checkTombstones(file, found);
        found.summarise(file);
        return new VerifiedFile(file, Math.max(0, totals.size), totals.keys, totals.blocks, totals.values,
                tombstones, found.total);
    }

    /** What {@link #check} counted, kept when it stops early. */
    private final class Totals {
        long size = -1;
        long keys;
        long blocks;
        long values = deep ? 0 : -1;
    }

    private void check(Path file, Counter found, Totals totals) {
        try (TsmFile tsm = open(file, found)) {
            if (tsm != null) {
                totals.size = tsm.size();
                TsmIndex index = tsm.index();
                byte[] previous = null;
                for (IndexEntry e = index.next(); e != null; e = index.next()) {
                    totals.keys++;
                    String key = e.keyString();
                    if (previous != null && Arrays.compareUnsigned(previous, e.key()) >= 0) {
                        found.add(new Damage(file, e.offset(), key, "index key not after the previous key "
                                + new String(previous, StandardCharsets.UTF_8)
                                + " (the index must be sorted)"));
                    }
                    previous = e.key();
                    FieldType type = e.type();
                    if (type == null) {
                        found.add(new Damage(file, e.offset(), key, "index entry with unknown type " + e.typeCode()));
                    }
                    if (e.blocks().isEmpty()) {
                        found.add(new Damage(file, e.offset(), key, "index entry without blocks"));
                    }
                    BlockRef before = null;
                    for (int i = 0; i < e.blocks().size(); i++) {
                        BlockRef b = e.blocks().get(i);
                        totals.blocks++;
                        checkRange(file, key, before, b, e.refOffset(i), found);
                        before = b;
                        Damage placed = tsm.placement(key, b, e.refOffset(i));
                        if (placed != null) {
                            found.add(placed);
                        } else if (deep) {
                            totals.values += readDeep(tsm, key, type, b, found);
                        } else {
                            tsm.checkBlock(key, b).ifPresent(found::add);
                        }
                    }
                }
                index.damage().ifPresent(found::add);
            } else {
                totals.size = sizeOf(file);
            }
        }
    }

    private static TsmFile open(Path file, Counter found) {
        try {
            return TsmFile.open(file);
        } catch (RecoveryException e) {
            if (e.code() == ErrorCode.IO_ERROR) {
                throw e;
            }
            found.add(new Damage(file, e.offset().orElse(-1), null, e.getMessage()));
            return null;
        }
    }

    private static void checkRange(Path file, String key, BlockRef before, BlockRef b, long at, Counter found) {
        if (b.minTime() > b.maxTime()) {
            found.add(new Damage(file, at, key, "block with min time " + b.minTime() + " after its max time "
                    + b.maxTime()));
        }
        if (before != null && b.minTime() <= before.maxTime()) {
            found.add(new Damage(file, at, key, "block from " + b.minTime()
                    + " overlaps or precedes the key's previous block, which ends at " + before.maxTime()));
        }
    }

    /** Decodes a block and checks its values against the index; returns how many values it holds. */
    private long readDeep(TsmFile tsm, String key, FieldType type, BlockRef b, Counter found) {
        Optional<Damage> d = tsm.readBlock(key, b, type, values);
        if (d.isPresent()) {
            found.add(d.get());
            return 0;
        }
        int n = values.count();
        long[] t = values.times();
        if (n == 0) {
            found.add(new Damage(tsm.path(), b.offset(), key, "block holds no values"));
            return 0;
        }
        if (t[0] < b.minTime() || t[n - 1] > b.maxTime()) {
            found.add(new Damage(tsm.path(), b.offset(), key, "block's timestamps " + t[0] + ".." + t[n - 1]
                    + " lie outside the index's range " + b.minTime() + ".." + b.maxTime()));
        }
        for (int i = 1; i < n; i++) {
            if (t[i] <= t[i - 1]) {
                found.add(new Damage(tsm.path(), b.offset(), key, "block's timestamps not ascending at value " + i
                        + " (" + t[i - 1] + " then " + t[i] + ")"));
                break;
            }
        }
        return n;
    }

    private static long checkTombstones(Path file, Counter found) {
        Path stone = TsmTombstones.pathFor(file);
        if (!Files.exists(stone)) {
            return 0;
        }
        long[] n = {0};
        List<Damage> damage = TsmTombstones.read(stone, t -> n[0]++);
        damage.forEach(found::add);
        return n[0];
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Passes damage on up to the listing limit and counts all of it. */
    private static final class Counter {
        private final Consumer<Damage> sink;
        private long total;

        Counter(Consumer<Damage> sink) {
            this.sink = sink;
        }

        void add(Damage d) {
            if (++total <= VerifyReport.MAX_LISTED_PER_FILE) {
                sink.accept(d);
            }
        }

        void summarise(Path file) {
            if (total > VerifyReport.MAX_LISTED_PER_FILE) {
                sink.accept(new Damage(file, -1, null, (total - VerifyReport.MAX_LISTED_PER_FILE)
                        + " more damages in this file are not listed (" + total + " in all)"));
            }
        }
    }
}
