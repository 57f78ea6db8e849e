package io.dbrecover.influx.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.FieldType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalSegmentReaderTest {
    @TempDir
    Path dir;

    @Test
    void decodesWritesOfEveryTypeWithTheirExactValues() throws IOException {
        byte[] seg = new WalBytes()
                .key(1, "cpu,host=a#!~#f", 2).value(10, Double.doubleToLongBits(1.5)).value(20, Double.doubleToLongBits(-0.0))
                .key(2, "cpu,host=a#!~#i", 1).value(10, Long.MIN_VALUE)
                .key(3, "cpu,host=a#!~#b", 2).bool(10, true).bool(20, false)
                .key(4, "cpu,host=a#!~#s", 2).string(10, "héllo \"x\"").string(20, "")
                .key(5, "cpu,host=a#!~#u", 1).value(10, -1L)
                .endWrite().bytes();

        Recorder r = read(seg);

        assertThat(r.result.whole()).isTrue();
        assertThat(r.result.entries()).isEqualTo(1);
        assertThat(r.events).containsExactly(
                "write cpu,host=a#!~#f FLOAT 10=" + Double.doubleToLongBits(1.5) + " 20="
                        + Double.doubleToLongBits(-0.0),
                "write cpu,host=a#!~#i INTEGER 10=" + Long.MIN_VALUE,
                "write cpu,host=a#!~#b BOOLEAN 10=1 20=0",
                "write cpu,host=a#!~#s STRING 10='héllo \"x\"' 20=''",
                "write cpu,host=a#!~#u UNSIGNED 10=-1");
    }

    @Test
    void decodesDeletesAndRangeDeletes() throws IOException {
        byte[] seg = new WalBytes().delete(List.of("m,t=1#!~#v", "m,t=2#!~#v"))
                .deleteRange(-5, 99, List.of("m#!~#a", "m#!~#b")).bytes();

        Recorder r = read(seg);

        assertThat(r.events).containsExactly("delete [m,t=1#!~#v, m,t=2#!~#v]", "range -5..99 [m#!~#a, m#!~#b]");
        assertThat(r.result.entries()).isEqualTo(2);
    }

    @Test
    void aTornLastEntryIsReportedAndTheEntriesBeforeItAreKept() throws IOException {
        byte[] whole = new WalBytes().key(2, "m#!~#v", 1).value(1, 7).endWrite()
                .key(2, "m#!~#v", 1).value(2, 8).endWrite().bytes();
        int firstEnd = new WalBytes().key(2, "m#!~#v", 1).value(1, 7).endWrite().bytes().length;
        byte[] torn = Arrays.copyOf(whole, whole.length - 3);

        Recorder r = read(torn);

        assertThat(r.events).containsExactly("write m#!~#v INTEGER 1=7");
        assertThat(r.result.validBytes()).isEqualTo(firstEnd);
        assertThat(r.result.damage()).singleElement().satisfies(d -> {
            assertThat(d.offset()).isEqualTo(firstEnd);
            assertThat(d.what()).contains("torn last entry");
        });
    }

    @Test
    void aTornHeaderIsReported() throws IOException {
        byte[] one = new WalBytes().key(2, "m#!~#v", 1).value(1, 7).endWrite().bytes();
        byte[] torn = Arrays.copyOf(one, one.length + 3);
        torn[one.length] = 1;

        Recorder r = read(torn);

        assertThat(r.events).hasSize(1);
        assertThat(r.result.damage()).singleElement().satisfies(d -> assertThat(d.offset()).isEqualTo(one.length));
    }

    @Test
    void damageInTheMiddleStopsTheSegmentAndSaysHowMuchWasNotRead() throws IOException {
        byte[] good = new WalBytes().key(2, "m#!~#v", 1).value(1, 7).endWrite().bytes();
        byte[] bad = new WalBytes().raw(1, new byte[] {9, 0, 1, 'x'}).bytes(); // unknown value type 9
        byte[] after = new WalBytes().key(2, "m#!~#v", 1).value(3, 9).endWrite().bytes();
        byte[] seg = concat(good, bad, after);

        Recorder r = read(seg);

        assertThat(r.events).containsExactly("write m#!~#v INTEGER 1=7");
        assertThat(r.result.damage()).singleElement().satisfies(d -> {
            assertThat(d.offset()).isEqualTo(good.length);
            assertThat(d.what()).contains("unknown value type 9").contains(after.length + " bytes after it not read");
        });
    }

    @Test
    void aDamagedWriteEntryDeliversNoneOfItsKeys() throws IOException {
        byte[] payload = new WalBytes().key(2, "a#!~#v", 1).value(1, 1).endWrite().bytes();
        // a write entry whose first key is whole and whose second key's count runs past the end
        byte[] plain = concat(entryPayload("a#!~#v", 2, 1, 1), new byte[] {2, 0, 1, 'b', 0, 0, 0, 9});
        byte[] seg = concat(payload, new WalBytes().raw(1, plain).bytes());

        Recorder r = read(seg);

        assertThat(r.events).containsExactly("write a#!~#v INTEGER 1=1");
        assertThat(r.result.damage()).singleElement().satisfies(d -> assertThat(d.what()).contains("claims 9 values"));
    }

    @Test
    void aLengthLargerThanTheFileIsDamageNotAnAllocation() throws IOException {
        byte[] seg = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1, 2, 3};

        Recorder r = read(seg);

        assertThat(r.events).isEmpty();
        assertThat(r.result.damage()).singleElement().satisfies(d -> assertThat(d.what()).contains("4294967280"));
    }

    @Test
    void aPayloadThatIsNoSnappyIsDamage() throws IOException {
        byte[] seg = concat(new byte[] {1, 0, 0, 0, 4}, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});

        Recorder r = read(seg);

        assertThat(r.result.damage()).singleElement().satisfies(d -> assertThat(d.what()).contains("Snappy"));
    }

    @Test
    void theCacheAppliesDeletesToEarlierWritesOnlyAndTheLatestWriteWins() throws IOException {
        Path s1 = dir.resolve("_00001.wal");
        Path s2 = dir.resolve("_00002.wal");
        Files.write(s1, new WalBytes().key(2, "m#!~#v", 3).value(3, 30).value(1, 10).value(2, 20).endWrite()
                .key(2, "m#!~#w", 1).value(1, 1).endWrite()
                .deleteRange(2, 2, List.of("m#!~#v")).delete(List.of("m#!~#w")).bytes());
        Files.write(s2, new WalBytes().key(2, "m#!~#v", 2).value(1, 11).value(2, 22).endWrite()
                .key(2, "m#!~#v", 1).value(1, 111).endWrite().bytes());

        WalCache cache = WalCache.load(List.of(s2, s1));

        assertThat(cache.keys()).containsExactly("m#!~#v");
        Values v = cache.values("m#!~#v");
        assertThat(v.size()).isEqualTo(3);
        assertThat(List.of(v.time(0), v.bits(0), v.time(1), v.bits(1), v.time(2), v.bits(2)))
                .containsExactly(1L, 111L, 2L, 22L, 3L, 30L);
        assertThat(cache.damage()).isEmpty();
    }

    @Test
    void theCacheLeavesOutValuesWhoseTypeConflictsAndSaysSo() throws IOException {
        Path s1 = dir.resolve("_00001.wal");
        Files.write(s1, new WalBytes().key(2, "m#!~#v", 1).value(1, 10).endWrite()
                .key(1, "m#!~#v", 1).value(2, Double.doubleToLongBits(2.5)).endWrite().bytes());

        WalCache cache = WalCache.load(List.of(s1));

        assertThat(cache.values("m#!~#v").size()).isEqualTo(1);
        assertThat(cache.damage()).singleElement().extracting(Damage::what).asString().contains("type conflict");
    }

    private static byte[] entryPayload(String key, int walType, long time, long value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + k.length + 4 + 16).put((byte) walType).putShort((short) k.length).put(k)
                .putInt(1).putLong(time).putLong(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private Recorder read(byte[] segment) throws IOException {
        Path p = dir.resolve("_00001.wal");
        Files.write(p, segment);
        Recorder r = new Recorder();
        r.result = new WalSegmentReader().read(p, r);
        return r;
    }

    private static final class Recorder implements WalVisitor {
        final List<String> events = new ArrayList<>();
        WalSegmentResult result;

        @Override
        public void write(String key, FieldType type, int count, long[] times, long[] values, byte[][] strings) {
            StringBuilder b = new StringBuilder("write ").append(utf8(key)).append(' ').append(type);
            for (int i = 0; i < count; i++) {
                b.append(' ').append(times[i]).append('=');
                if (type == FieldType.STRING) {
                    b.append('\'').append(new String(strings[i], StandardCharsets.UTF_8)).append('\'');
                } else {
                    b.append(values[i]);
                }
            }
            events.add(b.toString());
        }

        @Override
        public void delete(List<String> keys) {
            events.add("delete " + keys.stream().map(Recorder::utf8).toList());
        }

        @Override
        public void deleteRange(List<String> keys, long min, long max) {
            events.add("range " + min + ".." + max + " " + keys.stream().map(Recorder::utf8).toList());
        }

        private static String utf8(String raw) {
            return new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }
}
