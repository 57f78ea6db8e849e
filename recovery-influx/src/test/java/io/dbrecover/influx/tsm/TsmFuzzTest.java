package io.dbrecover.influx.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.InfluxVerify;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.VerifyReport;
import io.dbrecover.testkit.Mutator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded damaged copies ({@link Mutator}) of a TSM file holding every type and encoding (two mutants of three) and
 * of a small file influxd wrote, and of tombstone files:
 * whatever the damage, the reader ends in a report (with damage named by file and an offset inside the file) or a
 * {@code CORRUPT_INPUT} error, never another exception. {@code -Ddbrecover.fuzz.count=N} runs more, and
 * {@code -Ddbrecover.fuzz.seed=S} another seed; a failure names the mutant so that anyone can make it again.
 */
class TsmFuzzTest {
    static final int COUNT = 3000;
    static final long SEED = 20261206L;

    @TempDir
    Path tmp;

    /** A file of 12 keys with every type and encoding, three blocks for some keys. */
    static byte[] seedFile() {
        Map<String, List<TsmFixture.Block>> keys = new LinkedHashMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        Random r = new Random(3);
        for (int s = 0; s < 3; s++) {
            String series = "m" + s + ",host=h" + s + ",region=ü\\ x";
            List<TsmFixture.Block> f = new ArrayList<>();
            List<TsmFixture.Block> i = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                long base = 1_600_000_000_000_000_000L + b * 1_000_000_000_000L;
                long[] t = LongStream.range(0, 50).map(k -> base + k * 10_000_000_000L + (k % 7 == 0 ? k : 0))
                        .toArray();
                double[] fv = r.doubles(50).map(x -> x * 100).toArray();
                f.add(new TsmFixture.Block(t[0], t[49], TsmFixture.block(0, TsmFixture.timesPacked(0, t),
                        TsmFixture.floats(fv))));
                long[] iv = r.longs(50, -1000, 1000).toArray();
                i.add(new TsmFixture.Block(base, base + 49 * 10_000_000_000L, TsmFixture.block(1,
                        TsmFixture.timesRle(10, base, 1, 50), b == 0 ? TsmFixture.intsPacked(iv)
                                : b == 1 ? TsmFixture.intsRaw(iv) : TsmFixture.intsRle(5, 3, 50))));
            }
            keys.put(series + "#!~#f", f);
            types.put(series + "#!~#f", 0);
            keys.put(series + "#!~#i", i);
            types.put(series + "#!~#i", 1);
            keys.put(series + "#!~#b", List.of(new TsmFixture.Block(5, 8, TsmFixture.block(2,
                    TsmFixture.timesRaw(5, 6, 8), TsmFixture.bools(true, false, true)))));
            types.put(series + "#!~#b", 2);
            keys.put(series + "#!~#s", List.of(new TsmFixture.Block(5, 6, TsmFixture.block(3,
                    TsmFixture.timesRaw(5, 6), TsmFixture.strings("a \"q\"\nb", "ünï")))));
            types.put(series + "#!~#s", 3);
        }
        keys.put("u#!~#u", List.of(new TsmFixture.Block(1, 3, TsmFixture.block(4, TsmFixture.timesRaw(1, 2, 3),
                TsmFixture.intsRaw(-1L, 0, Long.MIN_VALUE)))));
        types.put("u#!~#u", 4);
        return TsmFixture.file(keys, types);
    }

    /** Where the index's length and count fields, block sizes, the footer and the keys are. */
    static Mutator.Layout layout(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int index = (int) b.getLong(file.length - 8);
        List<Mutator.Field> fields = new ArrayList<>();
        List<Mutator.Span> texts = new ArrayList<>();
        fields.add(new Mutator.Field(file.length - 4, 4, true, "index offset (low half)"));
        int p = index;
        while (p < file.length - 8) {
            int keyLen = b.getShort(p) & 0xFFFF;
            fields.add(new Mutator.Field(p, 2, true, "key length"));
            texts.add(new Mutator.Span(p + 2, keyLen, "key"));
            int count = b.getShort(p + 3 + keyLen) & 0xFFFF;
            fields.add(new Mutator.Field(p + 3 + keyLen, 2, true, "block count"));
            int refs = p + 5 + keyLen;
            for (int i = 0; i < count; i++) {
                fields.add(new Mutator.Field(refs + i * 28 + 20, 4, true, "block offset (low half)"));
                fields.add(new Mutator.Field(refs + i * 28 + 24, 4, true, "block size"));
            }
            p = refs + count * 28;
        }
        return new Mutator.Layout(fields, texts);
    }

    static int count() {
        return Integer.getInteger("dbrecover.fuzz.count", COUNT);
    }

    static long seed() {
        return Long.getLong("dbrecover.fuzz.seed", SEED);
    }

    @Test
    void damagedTsmFilesEndInFindingsOrCorruptInputNeverAnotherException() throws IOException {
        byte[] original = seedFile();
        VerifyReport clean = InfluxVerify.verify(write("clean.tsm", original), true);
        assertThat(clean.damage()).isEmpty();
        assertThat(clean.values()).isEqualTo(3 * (3 * 50 * 2 + 3 + 2) + 3);
        // and a file influxd wrote (one key, uncompressed timestamps, RLE integers)
        byte[] real = Files.readAllBytes(TsmFileTest.REAL);
        List<byte[]> seeds = List.of(original, real);
        List<Mutator.Layout> layouts = List.of(layout(original), layout(real));
        List<String> violations = new ArrayList<>();
        int reports = 0;
        int withDamage = 0;
        int corrupt = 0;
        for (int i = 0; i < count(); i++) {
            Mutator.Mutant m = new Mutator(seed() * 31 + i).next(seeds.get(i % 3 / 2), layouts.get(i % 3 / 2));
            Path p = write("m.tsm", m.data());
            try {
                VerifyReport r = InfluxVerify.verify(p, i % 2 == 0);
                reports++;
                withDamage += r.damage().isEmpty() ? 0 : 1;
                for (Damage d : r.damage()) {
                    if (!d.file().equals(p) || d.offset() >= Math.max(1, m.data().length)) {
                        violations.add(i + " (" + m.description() + "): damage outside the file: " + d.describe());
                    }
                }
                // the shard reader's path too: every block of every entry, decoded
                readAll(p);
            } catch (RecoveryException e) {
                corrupt++;
                if (e.code() != ErrorCode.CORRUPT_INPUT || e.path().isEmpty() || e.offset().isEmpty()) {
                    violations.add(i + " (" + m.description() + "): " + e.code() + " " + e.describe());
                }
            } catch (RuntimeException | Error e) {
                violations.add(i + " (" + m.description() + "): " + e);
            }
        }
        System.out.println("tsm fuzz: " + count() + " mutants, " + reports + " reports (" + withDamage
                + " with damage), " + corrupt + " unreadable");
        assertThat(violations).as(String.join("\n", violations)).isEmpty();
        assertThat(withDamage).isPositive();
        assertThat(corrupt).isPositive();
        assertThat(reports - withDamage).as("mutants found clean (e.g. a flip in unused bits)").isPositive();
    }

    @Test
    void damagedTombstoneFilesEndInEntriesAndFindingsNeverAnException() throws IOException {
        byte[] original = TsmTombstonesTest.concat(TsmTombstonesTest.header(0x1504),
                TsmTombstonesTest.gzip(TsmTombstonesTest.entry("cpu,host=a#!~#v", 1, 2),
                        TsmTombstonesTest.entry("ünï#!~#x", Long.MIN_VALUE, Long.MAX_VALUE)),
                TsmTombstonesTest.gzip(TsmTombstonesTest.entry("mem#!~#free", 7, 9)));
        byte[] v2 = TsmTombstonesTest.concat(TsmTombstonesTest.header(0x1502),
                TsmTombstonesTest.entry("cpu,host=a#!~#v", 1, 2), TsmTombstonesTest.entry("x#!~#y", 3, 4));
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < count() / 3; i++) {
            byte[] seed = i % 2 == 0 ? original : v2;
            Mutator.Mutant m = new Mutator(seed() * 17 + i).next(seed, Mutator.Layout.none());
            Path p = write("m.tombstone", m.data());
            try {
                List<Damage> d = TsmTombstones.read(p, t -> t.keyString().getBytes(StandardCharsets.UTF_8));
                int n = i;
                d.stream().filter(x -> !x.file().equals(p)).forEach(x -> violations.add(n + ": " + x.describe()));
            } catch (RuntimeException | Error e) {
                violations.add(i + " (" + m.description() + "): " + e);
            }
        }
        assertThat(violations).as(String.join("\n", violations)).isEmpty();
    }

    private static void readAll(Path p) {
        BlockValues v = new BlockValues();
        try (TsmFile f = TsmFile.open(p)) {
            TsmIndex index = f.index();
            for (IndexEntry e = index.next(); e != null; e = index.next()) {
                for (BlockRef b : e.blocks()) {
                    f.readBlock(e.keyString(), b, e.type(), v);
                }
            }
        }
    }

    private Path write(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }
}
