package io.dbrecover.influx.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyCompressor;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.IndexKind;
import io.dbrecover.influx.model.ShardFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge of a shard's files on bytes built from the format's description: integer blocks (uncompressed
 * timestamps and values), v2 tombstones, WAL entries.
 */
class ShardReaderTest {
    @TempDir
    Path dir;

    @Test
    void aLaterFileWinsOnEqualTimestampsAndEachTombstoneFileAppliesToItsOwnFile() throws IOException {
        Path a = tsm("000000001-000000001.tsm", Map.of("a#!~#v", new long[][] {{5, 50}},
                "m#!~#v", new long[][] {{1, 10}, {2, 20}, {3, 30}}));
        tombstone("000000001-000000001.tombstone", "m#!~#v", 1, 1);
        Path b = tsm("000000002-000000001.tsm", Map.of("m#!~#v", new long[][] {{1, 100}, {2, 200}, {4, 400}},
                "z#!~#v", new long[][] {{9, 90}}));

        Map<String, String> read = read(shard(List.of(a, b), List.of()), Long.MIN_VALUE, Long.MAX_VALUE);

        // t=1 of file 1 is tombstoned, but file 2's t=1 is not: its own tombstone file is the only one that applies
        assertThat(read).containsExactly(Map.entry("a#!~#v", "5=50"), Map.entry("m#!~#v", "1=100 2=200 3=30 4=400"),
                Map.entry("z#!~#v", "9=90"));
    }

    @Test
    void theWalWinsOverEveryFileAndItsDeletesRemoveOnlyItsEarlierWrites() throws IOException {
        Path a = tsm("000000001-000000001.tsm", Map.of("m#!~#v", new long[][] {{1, 10}, {2, 20}}));
        Path wal = walSegment("_00001.wal", entry(1, write("m#!~#v", new long[][] {{2, 222}, {3, 333}, {4, 444}})),
                entry(3, deleteRange(4, 4, "m#!~#v")), entry(1, write("n#!~#v", new long[][] {{7, 70}})));

        Map<String, String> read = read(shard(List.of(a), List.of(wal)), Long.MIN_VALUE, Long.MAX_VALUE);

        assertThat(read).containsExactly(Map.entry("m#!~#v", "1=10 2=222 3=333"), Map.entry("n#!~#v", "7=70"));
    }

    @Test
    void readsOnlyTheTimeRangeAsked() throws IOException {
        Path a = tsm("000000001-000000001.tsm", Map.of("m#!~#v", new long[][] {{1, 10}, {2, 20}, {3, 30}},
                "x#!~#v", new long[][] {{9, 90}}));

        Map<String, String> read = read(shard(List.of(a), List.of()), 2, 3);

        assertThat(read).containsExactly(Map.entry("m#!~#v", "2=20 3=30"));
    }

    @Test
    void aBrokenBlockIsDamageWithItsKeyAndTheOtherKeysAreRead() throws IOException {
        Path a = tsm("000000001-000000001.tsm", Map.of("a#!~#v", new long[][] {{1, 10}},
                "b#!~#v", new long[][] {{2, 20}}));
        byte[] bytes = Files.readAllBytes(a);
        bytes[5 + 4 + 3] ^= 0x40; // inside the first block's data (after its CRC): the CRC no longer matches
        Files.write(a, bytes);

        ShardFiles shard = shard(List.of(a), List.of());
        Map<String, String> read = new LinkedHashMap<>();
        List<Damage> damage;
        try (ShardReader r = ShardReader.open(shard)) {
            r.read((key, values) -> read.put(key, describe(values)));
            damage = r.damage();
        }

        assertThat(read).containsExactly(Map.entry("b#!~#v", "2=20"));
        assertThat(damage).singleElement().satisfies(d -> {
            assertThat(d.seriesKey()).isEqualTo("a#!~#v");
            assertThat(d.offset()).isEqualTo(5);
            assertThat(d.what()).contains("CRC");
        });
    }

    @Test
    void anIndexOutOfKeyOrderIsDamageAndTheKeysBeforeItAreRead() throws IOException {
        Path a = tsm("000000001-000000001.tsm", Map.of("b#!~#v", new long[][] {{1, 10}},
                "c#!~#v", new long[][] {{2, 20}}));
        byte[] bytes = Files.readAllBytes(a);
        // the index holds b then c; the second key renamed to a, before b: out of order
        int second = indexOf(bytes, "c#!~#v".getBytes(StandardCharsets.UTF_8));
        bytes[second] = 'a';
        Files.write(a, bytes);

        try (ShardReader r = ShardReader.open(shard(List.of(a), List.of()))) {
            Map<String, String> read = new LinkedHashMap<>();
            r.read((key, values) -> read.put(key, describe(values)));
            assertThat(read).containsExactly(Map.entry("b#!~#v", "1=10"));
            assertThat(r.damage()).singleElement().satisfies(d -> {
                assertThat(d.seriesKey()).isEqualTo("a#!~#v");
                assertThat(d.offset()).isEqualTo(second - 2);
                assertThat(d.what()).contains("out of key order");
            });
        }
    }

    @Test
    void keysAreMergedInTheirByteOrderWhereItDiffersFromUtf16Order() throws IOException {
        // U+FF5E is EF BD 9E in UTF-8, before the emoji's F0 9F 98 80; in UTF-16 the emoji's surrogate D83D comes
        // first: a merge in Java's String order would see the files' indexes out of order or split a key in two
        String fullwidth = "m,t=\uFF5E#!~#v";
        String emoji = "m,t=\uD83D\uDE00#!~#v";
        String ascii = "m,t=z#!~#v";
        Path a = tsm("000000001-000000001.tsm", Map.of(fullwidth, new long[][] {{1, 10}}, emoji,
                new long[][] {{1, 11}}, ascii, new long[][] {{1, 12}}));
        Path b = tsm("000000002-000000001.tsm", Map.of(fullwidth, new long[][] {{2, 20}}, emoji,
                new long[][] {{2, 21}}));
        Path wal = walSegment("_00001.wal", entry(1, write(emoji, new long[][] {{3, 31}})),
                entry(1, write(fullwidth, new long[][] {{3, 30}})), entry(1, write(ascii, new long[][] {{3, 32}})));

        Map<String, String> read = new LinkedHashMap<>();
        try (ShardReader r = ShardReader.open(shard(List.of(a, b), List.of(wal)))) {
            r.read((key, values) -> read.put(ShardReader.printable(key), describe(values)));
            assertThat(r.damage()).isEmpty();
        }

        assertThat(read).containsExactly(Map.entry(ascii, "1=12 3=32"), Map.entry(fullwidth, "1=10 2=20 3=30"),
                Map.entry(emoji, "1=11 2=21 3=31"));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = hay.length - needle.length; i >= 0; i--) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }

    @Test
    void aTsmFileThatIsNoTsmFileIsDamageAndTheWalIsStillRead() throws IOException {
        Path bad = dir.resolve("000000001-000000001.tsm");
        Files.writeString(bad, "not a tsm file at all");
        Path wal = walSegment("_00001.wal", entry(1, write("m#!~#v", new long[][] {{1, 1}})));

        ShardFiles shard = shard(List.of(bad), List.of(wal));
        try (ShardReader r = ShardReader.open(shard)) {
            Map<String, String> read = new LinkedHashMap<>();
            r.read((key, values) -> read.put(key, describe(values)));
            assertThat(read).containsExactly(Map.entry("m#!~#v", "1=1"));
            assertThat(r.damage()).singleElement().satisfies(d -> assertThat(d.file()).isEqualTo(bad));
        }
    }

    private Map<String, String> read(ShardFiles shard, long start, long end) {
        Map<String, String> out = new LinkedHashMap<>();
        try (ShardReader r = ShardReader.open(shard)) {
            r.read(start, end, (key, values) -> out.put(key, describe(values)));
            assertThat(r.damage()).isEmpty();
        }
        return out;
    }

    private static String describe(io.dbrecover.influx.wal.Values v) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            parts.add(v.time(i) + "=" + v.bits(i));
        }
        return String.join(" ", parts);
    }

    private ShardFiles shard(List<Path> tsm, List<Path> wal) {
        List<Path> tombstones = new ArrayList<>();
        return new ShardFiles("db", "rp", 1, dir, dir, tsm, tombstones, wal, null, IndexKind.INMEM, "", List.of());
    }

    /** A TSM file with one integer block per key: uncompressed timestamps and zig-zag deltas of the values. */
    private Path tsm(String name, Map<String, long[][]> keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x16, (byte) 0xD1, 0x16, (byte) 0xD1, 1});
        // influxd sorts its index by the keys' bytes (Go's bytes.Compare), not by Java's UTF-16 order
        java.util.Comparator<String> byBytes = (x, y) -> java.util.Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        Map<String, long[]> refs = new java.util.TreeMap<>(byBytes);
        Map<String, long[][]> sorted = new java.util.TreeMap<>(byBytes);
        sorted.putAll(keys);
        for (Map.Entry<String, long[][]> e : sorted.entrySet()) {
            long[][] pts = e.getValue();
            ByteBuffer times = ByteBuffer.allocate(1 + 8 * pts.length).put((byte) 0);
            ByteBuffer values = ByteBuffer.allocate(1 + 8 * pts.length).put((byte) 0);
            for (int i = 0; i < pts.length; i++) {
                times.putLong(i == 0 ? pts[0][0] : pts[i][0] - pts[i - 1][0]);
                long d = i == 0 ? pts[0][1] : pts[i][1] - pts[i - 1][1];
                values.putLong((d << 1) ^ (d >> 63));
            }
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(1);
            block.write(times.capacity()); // uvarint: below 128 here
            block.writeBytes(times.array());
            block.writeBytes(values.array());
            byte[] data = block.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(data);
            refs.put(e.getKey(), new long[] {pts[0][0], pts[pts.length - 1][0], out.size(), 4 + data.length});
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            out.writeBytes(data);
        }
        long indexOffset = out.size();
        for (Map.Entry<String, long[]> e : refs.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            long[] r = e.getValue();
            out.writeBytes(ByteBuffer.allocate(2 + k.length + 3 + 28).putShort((short) k.length).put(k).put((byte) 1)
                    .putShort((short) 1).putLong(r[0]).putLong(r[1]).putLong(r[2]).putInt((int) r[3]).array());
        }
        out.writeBytes(ByteBuffer.allocate(8).putLong(indexOffset).array());
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    /** A v2 tombstone file: 0x00001502, then per entry u32 key length, key, i64 min, i64 max. */
    private void tombstone(String name, String key, long min, long max) throws IOException {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(name), ByteBuffer.allocate(4 + 4 + k.length + 16).putInt(0x1502).putInt(k.length)
                .put(k).putLong(min).putLong(max).array());
    }

    private static byte[] write(String key, long[][] pts) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(3 + k.length + 4 + 16 * pts.length).put((byte) 2)
                .putShort((short) k.length).put(k).putInt(pts.length);
        for (long[] p : pts) {
            b.putLong(p[0]).putLong(p[1]);
        }
        return b.array();
    }

    private static byte[] deleteRange(long min, long max, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + 4 + k.length).putLong(min).putLong(max).putInt(k.length).put(k).array();
    }

    private static byte[] entry(int type, byte[] payload) {
        SnappyCompressor c = new SnappyCompressor();
        byte[] z = new byte[c.maxCompressedLength(payload.length)];
        int n = c.compress(payload, 0, payload.length, z, 0, z.length);
        return ByteBuffer.allocate(5 + n).put((byte) type).putInt(n).put(z, 0, n).array();
    }

    private Path walSegment(String name, byte[]... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            out.writeBytes(e);
        }
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }
}
