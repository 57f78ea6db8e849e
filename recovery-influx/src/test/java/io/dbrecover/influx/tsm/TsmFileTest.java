package io.dbrecover.influx.tsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.FieldType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsmFileTest {
    static final String CPU = "cpu,host=a#!~#usage";
    static final String MEM = "mem,host=a#!~#free";
    static final String UP = "up,host=a#!~#ok";
    static final String LOG = "log,host=a#!~#msg";

    @TempDir
    Path tmp;

    /** A small file: four keys of four types, cpu with two blocks. */
    static byte[] sample() {
        Map<String, List<TsmFixture.Block>> keys = new LinkedHashMap<>();
        keys.put(CPU, List.of(
                new TsmFixture.Block(10, 30, TsmFixture.block(0, TsmFixture.timesRle(1, 10, 1, 3),
                        TsmFixture.floats(1.5, 2.5, -0.0))),
                new TsmFixture.Block(40, 50, TsmFixture.block(0, TsmFixture.timesRaw(40, 50),
                        TsmFixture.floats(Double.MAX_VALUE, 7)))));
        keys.put(MEM, List.of(new TsmFixture.Block(5, 7, TsmFixture.block(1, TsmFixture.timesPacked(0, 5, 6, 7),
                TsmFixture.intsRaw(Long.MIN_VALUE + 1, 0, Long.MAX_VALUE)))));
        keys.put(UP, List.of(new TsmFixture.Block(1, 2, TsmFixture.block(2, TsmFixture.timesRaw(1, 2),
                TsmFixture.bools(true, false)))));
        keys.put(LOG, List.of(new TsmFixture.Block(3, 3, TsmFixture.block(3, TsmFixture.timesRaw(3),
                TsmFixture.strings("hello \"world\"\n")))));
        return TsmFixture.file(keys, Map.of(CPU, 0, MEM, 1, UP, 2, LOG, 3));
    }

    Path write(byte[] data) throws IOException {
        Path p = tmp.resolve("000000001-000000001.tsm");
        Files.write(p, data);
        return p;
    }

    static List<IndexEntry> entries(TsmFile f) {
        List<IndexEntry> all = new ArrayList<>();
        TsmIndex index = f.index();
        for (IndexEntry e = index.next(); e != null; e = index.next()) {
            all.add(e);
        }
        assertThat(index.damage()).isEmpty();
        return all;
    }

    /** A file influxd 1.6.7 wrote (TsmReaderIT writes it again as wide-*.tsm with -Ddbrecover.tsm.fixtureDir=DIR). */
    static final Path REAL = Path.of("src/test/resources/tsm/influxd-1.6-uncompressed-times.tsm");

    @Test
    void readsAFileInfluxdWroteWithUncompressedTimestamps() {
        BlockValues v = new BlockValues();
        try (TsmFile f = TsmFile.open(REAL)) {
            List<IndexEntry> all = entries(f);
            assertThat(all).singleElement().satisfies(e -> {
                assertThat(e.keyString()).isEqualTo("span,host=a#!~#v");
                assertThat(e.type()).isEqualTo(FieldType.INTEGER);
                assertThat(f.readBlock(e.keyString(), e.blocks().get(0), e.type(), v)).isEmpty();
            });
            assertThat(Arrays.copyOf(v.times(), v.count())).containsExactly(86_400_000_000_000L,
                    1_330_000_000_000_000_000L, 1_330_000_000_000_000_001L);
            assertThat(Arrays.copyOf(v.longs(), v.count())).containsExactly(1, 2, 3);
        }
    }

    @Test
    void iteratesTheIndexInKeyOrderWithTypesAndBlockReferences() throws IOException {
        try (TsmFile f = TsmFile.open(write(sample()))) {
            List<IndexEntry> all = entries(f);
            assertThat(all).extracting(IndexEntry::keyString).containsExactly(CPU, LOG, MEM, UP);
            assertThat(all).extracting(IndexEntry::type).containsExactly(FieldType.FLOAT, FieldType.STRING,
                    FieldType.INTEGER, FieldType.BOOLEAN);
            IndexEntry cpu = all.get(0);
            assertThat(cpu.seriesKey()).isEqualTo("cpu,host=a");
            assertThat(cpu.field()).isEqualTo("usage");
            assertThat(cpu.blocks()).extracting(BlockRef::minTime, BlockRef::maxTime)
                    .containsExactly(tuple(10L, 30L),
                            tuple(40L, 50L));
            assertThat(cpu.blocks().get(0).offset()).isEqualTo(TsmFile.HEADER_SIZE);
            assertThat(cpu.blocks().get(1).offset()).isEqualTo(cpu.blocks().get(0).end());
        }
    }

    @Test
    void readsEveryBlockWithItsCrcChecked() throws IOException {
        BlockValues v = new BlockValues();
        try (TsmFile f = TsmFile.open(write(sample()))) {
            List<IndexEntry> all = entries(f);
            IndexEntry cpu = all.get(0);
            assertThat(f.readBlock(CPU, cpu.blocks().get(0), FieldType.FLOAT, v)).isEmpty();
            assertThat(Arrays.copyOf(v.times(), v.count())).containsExactly(10, 20, 30);
            assertThat(Arrays.stream(Arrays.copyOf(v.floats(), 3)).mapToLong(Double::doubleToRawLongBits))
                    .containsExactly(Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(2.5),
                            Double.doubleToRawLongBits(-0.0));
            assertThat(f.readBlock(LOG, all.get(1).blocks().get(0), FieldType.STRING, v)).isEmpty();
            assertThat(v.string(0)).isEqualTo("hello \"world\"\n");
            assertThat(f.readBlock(MEM, all.get(2).blocks().get(0), FieldType.INTEGER, v)).isEmpty();
            assertThat(Arrays.copyOf(v.longs(), 3)).containsExactly(Long.MIN_VALUE + 1, 0, Long.MAX_VALUE);
            for (IndexEntry e : all) {
                for (BlockRef b : e.blocks()) {
                    assertThat(f.checkBlock(e.keyString(), b)).isEmpty();
                }
            }
        }
    }

    @Test
    void aFlippedByteInABlockIsACrcDamageNamingFileOffsetAndKey() throws IOException {
        byte[] data = sample();
        Path p;
        BlockRef second;
        try (TsmFile f = TsmFile.open(write(data))) {
            second = entries(f).get(0).blocks().get(1);
        }
        data[(int) second.offset() + 7] ^= 0x20;
        p = write(data);
        try (TsmFile f = TsmFile.open(p)) {
            Optional<Damage> d = f.checkBlock(CPU, second);
            assertThat(d).hasValueSatisfying(x -> {
                assertThat(x.file()).isEqualTo(p);
                assertThat(x.offset()).isEqualTo(second.offset());
                assertThat(x.seriesKey()).isEqualTo(CPU);
                assertThat(x.what()).contains("CRC32 mismatch");
            });
            assertThat(f.readBlock(CPU, second, FieldType.FLOAT, new BlockValues())).isEqualTo(d);
            assertThat(f.checkBlock(CPU, entries(f).get(0).blocks().get(0))).isEmpty();
        }
    }

    @Test
    void blockReferencesOutsideTheBlockRegionAreDamageNotReads() throws IOException {
        try (TsmFile f = TsmFile.open(write(sample()))) {
            long idx = f.indexOffset();
            assertThat(f.checkBlock(CPU, new BlockRef(0, 1, idx - 3, 10))).hasValueSatisfying(
                    d -> assertThat(d.what()).contains("runs past the block region"));
            assertThat(f.checkBlock(CPU, new BlockRef(0, 1, 2, 10))).hasValueSatisfying(
                    d -> assertThat(d.what()).contains("outside the block region"));
            assertThat(f.checkBlock(CPU, new BlockRef(0, 1, 5, -1))).hasValueSatisfying(
                    d -> assertThat(d.what()).contains("impossible"));
        }
    }

    @Test
    void aFileWithoutTheHeaderOrWithABadFooterIsCorruptInputWithPathAndOffset() throws IOException {
        byte[] data = sample();
        byte[] noMagic = data.clone();
        noMagic[0] = 0;
        assertCorruptAt(write(noMagic), 0, "no TSM header");
        byte[] badFooter = data.clone();
        ByteBuffer.wrap(badFooter).putLong(badFooter.length - 8, badFooter.length);
        assertCorruptAt(write(badFooter), badFooter.length - 8, "index offset");
        assertCorruptAt(write(Arrays.copyOf(data, 7)), 0, "too short");
        assertThatThrownBy(() -> TsmFile.open(tmp.resolve("missing.tsm"))).isInstanceOfSatisfying(
                RecoveryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND));
    }

    @Test
    void anIndexEntryLargerThanTheWindowIsFollowedByTheNextEntryReadCorrectly() throws IOException {
        // 40000 block references: 1.1 MB, more than the index window; the window grows for it and shrinks after
        List<TsmFixture.Block> many = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            many.add(new TsmFixture.Block(i, i, TsmFixture.block(1, TsmFixture.timesRaw(i), TsmFixture.intsRaw(i))));
        }
        Map<String, List<TsmFixture.Block>> keys = new LinkedHashMap<>();
        keys.put(CPU, many);
        keys.put(MEM, List.of(new TsmFixture.Block(5, 6, TsmFixture.block(1, TsmFixture.timesRaw(5, 6),
                TsmFixture.intsRaw(50, 60)))));
        try (TsmFile f = TsmFile.open(write(TsmFixture.file(keys, Map.of(CPU, 1, MEM, 1))))) {
            List<IndexEntry> all = entries(f);

            assertThat(all).extracting(IndexEntry::keyString).containsExactly(CPU, MEM);
            assertThat(all.get(0).blocks()).hasSize(40_000);
            BlockValues v = new BlockValues();
            assertThat(f.readBlock(MEM, all.get(1).blocks().get(0), FieldType.INTEGER, v)).isEmpty();
            assertThat(java.util.Arrays.copyOf(v.longs(), v.count())).containsExactly(50, 60);
        }
    }

    @Test
    void aTruncatedIndexStopsTheCursorWithDamageAtTheEntry() throws IOException {
        byte[] data = sample();
        long indexOffset = ByteBuffer.wrap(data).getLong(data.length - 8);
        // the first entry's key length made larger than the whole index
        ByteBuffer.wrap(data).putShort((int) indexOffset, (short) 0x7FFF);
        try (TsmFile f = TsmFile.open(write(data))) {
            TsmIndex index = f.index();
            assertThat(index.next()).isNull();
            assertThat(index.damage()).hasValueSatisfying(d -> {
                assertThat(d.offset()).isEqualTo(indexOffset);
                assertThat(d.what()).contains("past the index");
            });
        }
    }

    private void assertCorruptAt(Path p, long offset, String message) {
        assertThatThrownBy(() -> TsmFile.open(p)).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(e.path()).contains(p);
            assertThat(e.offset()).hasValue(offset);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
