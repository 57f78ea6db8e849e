package io.dbrecover.influx.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.InfluxVerify;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.VerifyReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsmVerifierTest {
    @TempDir
    Path tmp;

    static TsmFixture.Block ints(long min, long max, long... times) {
        long[] values = new long[times.length];
        return new TsmFixture.Block(min, max, TsmFixture.block(1, TsmFixture.timesRaw(times),
                TsmFixture.intsRaw(values)));
    }

    Path write(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        return p;
    }

    @Test
    void aSoundShardDirectoryIsCleanAndCounted() throws IOException {
        write("db/rp/1/000000001-000000001.tsm", TsmFileTest.sample());
        write("db/rp/1/000000002-000000001.tsm", TsmFileTest.sample());
        write("db/rp/1/fields.idx", new byte[] {1, 2, 3});
        VerifyReport r = InfluxVerify.verify(tmp, true);
        assertThat(r.damage()).isEmpty();
        assertThat(r.clean()).isTrue();
        assertThat(r.files()).hasSize(2);
        assertThat(r.blocks()).isEqualTo(10);
        assertThat(r.values()).isEqualTo(2 * (3 + 2 + 3 + 2 + 1));
        assertThat(r.bytes()).isEqualTo(2L * TsmFileTest.sample().length);
    }

    @Test
    void indexInconsistenciesAreDamageAtTheIndexEntry() throws IOException {
        Map<String, List<TsmFixture.Block>> keys = new LinkedHashMap<>();
        keys.put("a#!~#v", List.of(ints(10, 20, 10, 20), ints(15, 30, 25, 30)));   // overlapping blocks
        keys.put("b#!~#v", List.of(ints(50, 40, 40, 50)));                        // min after max
        keys.put("c#!~#v", List.of(ints(1, 2, 1, 2)));
        byte[] data = TsmFixture.file(keys, Map.of("a#!~#v", 1, "b#!~#v", 1, "c#!~#v", 1));
        // rename key c to 0 (out of order) and give it type 9
        int index = (int) ByteBuffer.wrap(data).getLong(data.length - 8);
        int at = index;
        for (int k = 0; k < 2; k++) {
            int keyLen = ByteBuffer.wrap(data).getShort(at);
            int count = ByteBuffer.wrap(data).getShort(at + 3 + keyLen);
            at += 5 + keyLen + 28 * count;
        }
        data[at + 2] = '0';
        data[at + 2 + 6] = 9;
        long cEntry = at;
        Path p = write("x.tsm", data);
        VerifyReport r = InfluxVerify.verify(p, false);
        assertThat(r.damage()).extracting(Damage::what).anyMatch(w -> w.contains("overlaps or precedes"))
                .anyMatch(w -> w.contains("after its max time")).anyMatch(w -> w.contains("not after the previous"))
                .anyMatch(w -> w.contains("unknown type 9")).hasSize(4);
        assertThat(r.damage()).filteredOn(d -> d.what().contains("not after the previous")).singleElement()
                .satisfies(d -> assertThat(d.offset()).isEqualTo(cEntry));
        assertThat(r.damage()).allSatisfy(d -> assertThat(d.offset()).isGreaterThanOrEqualTo(index));
    }

    @Test
    void deepVerifyFindsBlocksWhoseCrcMatchesButWhoseValuesDoNot() throws IOException {
        Map<String, List<TsmFixture.Block>> keys = new LinkedHashMap<>();
        keys.put("a#!~#v", List.of(ints(10, 20, 10, 30)));                         // a time past the index's max
        keys.put("b#!~#v", List.of(new TsmFixture.Block(1, 2, TsmFixture.block(1, TsmFixture.timesRaw(1, 2),
                TsmFixture.intsRaw(5)))));                                          // 2 times, 1 value
        keys.put("c#!~#v", List.of(ints(1, 3, 3, 1)));                             // not ascending
        keys.put("d#!~#v", List.of(new TsmFixture.Block(1, 1, TsmFixture.block(2, TsmFixture.timesRaw(1),
                TsmFixture.bools(true)))));                                         // bools where the index says int
        byte[] data = TsmFixture.file(keys, Map.of("a#!~#v", 1, "b#!~#v", 1, "c#!~#v", 1, "d#!~#v", 1));
        Path p = write("x.tsm", data);
        assertThat(InfluxVerify.verify(p, false).damage()).isEmpty();
        VerifyReport deep = InfluxVerify.verify(p, true);
        assertThat(deep.damage()).extracting(d -> d.seriesKey() + ": " + d.what())
                .anyMatch(w -> w.startsWith("a#!~#v: block's timestamps 10..30 lie outside"))
                .anyMatch(w -> w.startsWith("b#!~#v: block does not decode") && w.contains("2 timestamps but 1"))
                .anyMatch(w -> w.startsWith("c#!~#v: block's timestamps not ascending"))
                .anyMatch(w -> w.startsWith("d#!~#v: block holds BOOLEAN values, the index says INTEGER"))
                .hasSize(4);
    }

    @Test
    void aBrokenTombstoneFileAndAnUnreadableTsmFileAreDamageToo() throws IOException {
        Path tsm = write("s/000000001-000000001.tsm", TsmFileTest.sample());
        write("s/000000001-000000001.tombstone", new byte[] {0, 0, 0x15, 0x02, 0, 0, 0, 9, 'a'});
        write("s/000000002-000000001.tsm", new byte[] {1, 2, 3});
        VerifyReport r = InfluxVerify.verify(tmp.resolve("s"), false);
        assertThat(r.files()).hasSize(2);
        assertThat(r.damage()).extracting(Damage::describe)
                .anyMatch(d -> d.contains("000000001-000000001.tombstone at byte 4") && d.contains("cut short"))
                .anyMatch(d -> d.contains("000000002-000000001.tsm at byte 0") && d.contains("too short"));
        assertThat(r.files().get(0).file()).isEqualTo(tsm);
        assertThat(r.files().get(0).damaged()).isEqualTo(1);
    }

    @Test
    void manyDamagesInOneFileAreCountedAndListedUpToTheLimit() throws IOException {
        Map<String, List<TsmFixture.Block>> keys = new LinkedHashMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        for (int i = 0; i < 1500; i++) {
            String k = String.format("k%05d#!~#v", i);
            keys.put(k, List.of(ints(1, 2, 1, 2)));
            types.put(k, 1);
        }
        byte[] data = TsmFixture.file(keys, types);
        int index = (int) ByteBuffer.wrap(data).getLong(data.length - 8);
        for (int i = 9; i < index; i++) {
            data[i] ^= 0x5A; // every block's data, not the CRCs at the starts of blocks (most of them)
        }
        VerifyReport r = InfluxVerify.verify(write("x.tsm", data), false);
        assertThat(r.files().get(0).damaged()).isGreaterThan(VerifyReport.MAX_LISTED_PER_FILE);
        assertThat(r.damage()).hasSize(VerifyReport.MAX_LISTED_PER_FILE + 1);
        assertThat(r.damage().get(VerifyReport.MAX_LISTED_PER_FILE).what()).contains("more damages in this file");
    }

    @Test
    void aMissingPathOrOneWithoutTsmFilesIsSourceNotFound() {
        assertThatThrownBy(() -> InfluxVerify.verify(tmp.resolve("nope"), false))
                .isInstanceOfSatisfying(RecoveryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND));
        assertThatThrownBy(() -> InfluxVerify.verify(tmp, false)).isInstanceOfSatisfying(RecoveryException.class,
                e -> assertThat(e.getMessage()).contains("no .tsm file"));
    }
}
