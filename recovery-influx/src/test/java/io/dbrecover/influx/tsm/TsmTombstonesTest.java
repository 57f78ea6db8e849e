package io.dbrecover.influx.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.model.Damage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsmTombstonesTest {
    @TempDir
    Path tmp;

    static byte[] entry(String key, long min, long max) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + k.length + 16).putInt(k.length).put(k).putLong(min).putLong(max).array();
    }

    static byte[] gzip(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (byte[] p : parts) {
                gz.write(p);
            }
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] header(int version) {
        return ByteBuffer.allocate(4).putInt(version).array();
    }

    record Read(List<String> tombstones, List<Damage> damage) {
    }

    Read read(byte[] data) throws IOException {
        Path p = tmp.resolve("000000002-000000001.tombstone");
        Files.write(p, data);
        List<String> got = new ArrayList<>();
        List<Damage> damage = TsmTombstones.read(p, t -> got.add(t.keyString() + " " + t.min() + " " + t.max()));
        return new Read(got, damage);
    }

    @Test
    void findsTheTombstoneFileBesideATsmFile() {
        assertThat(TsmTombstones.pathFor(Path.of("/d/000000002-000000001.tsm")))
                .isEqualTo(Path.of("/d/000000002-000000001.tombstone"));
    }

    @Test
    void readsVersionOneKeysAsWholeRangeDeletions() throws IOException {
        Read r = read("cpu,host=a#!~#v\n\nmem#!~#x\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.tombstones()).containsExactly("cpu,host=a#!~#v " + Long.MIN_VALUE + " " + Long.MAX_VALUE,
                "mem#!~#x " + Long.MIN_VALUE + " " + Long.MAX_VALUE);
        assertThat(r.damage()).isEmpty();
        assertThat(read(new byte[0]).tombstones()).isEmpty();
    }

    @Test
    void readsVersionTwoEntries() throws IOException {
        Read r = read(concat(header(0x1502), entry("cpu#!~#v", 10, 20), entry("ünï#!~#x", Long.MIN_VALUE, -1)));
        assertThat(r.tombstones()).containsExactly("cpu#!~#v 10 20", "ünï#!~#x " + Long.MIN_VALUE + " -1");
        assertThat(r.damage()).isEmpty();
    }

    @Test
    void readsVersionThreeAndFourGzipStreamsIncludingAppendedMembers() throws IOException {
        Read v3 = read(concat(header(0x1503), gzip(entry("a#!~#v", 1, 2), entry("b#!~#v", 3, 4))));
        assertThat(v3.tombstones()).containsExactly("a#!~#v 1 2", "b#!~#v 3 4");
        Read v4 = read(concat(header(0x1504), gzip(entry("a#!~#v", 1, 2)), gzip(entry("c#!~#v", 5, 6))));
        assertThat(v4.tombstones()).containsExactly("a#!~#v 1 2", "c#!~#v 5 6");
        assertThat(v4.damage()).isEmpty();
        Read headerOnly = read(header(0x1504));
        assertThat(headerOnly.tombstones()).isEmpty();
        assertThat(headerOnly.damage()).isEmpty();
    }

    @Test
    void aCutEntryIsDamageAfterTheEntriesBeforeIt() throws IOException {
        byte[] two = concat(header(0x1502), entry("a#!~#v", 1, 2), entry("b#!~#v", 3, 4));
        Read r = read(Arrays.copyOf(two, two.length - 5));
        assertThat(r.tombstones()).containsExactly("a#!~#v 1 2");
        assertThat(r.damage()).singleElement().satisfies(d -> {
            assertThat(d.offset()).isEqualTo(4 + entry("a#!~#v", 1, 2).length);
            assertThat(d.what()).contains("cut short");
        });
        byte[] gz = concat(header(0x1503), gzip(entry("a#!~#v", 1, 2)));
        assertThat(read(Arrays.copyOf(gz, gz.length - 6)).damage()).singleElement()
                .satisfies(d -> assertThat(d.what()).contains("gzip"));
        Read huge = read(concat(header(0x1502), ByteBuffer.allocate(4).putInt(-1).array()));
        assertThat(huge.damage()).singleElement().satisfies(d -> assertThat(d.what()).contains("key length"));
    }

    @Test
    void aMissingTombstoneFileDeletesNothing() {
        List<Tombstone> got = new ArrayList<>();
        assertThat(TsmTombstones.read(tmp.resolve("none.tombstone"), got::add)).isEmpty();
        assertThat(got).isEmpty();
    }
}
