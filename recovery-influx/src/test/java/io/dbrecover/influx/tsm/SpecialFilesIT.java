package io.dbrecover.influx.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.InfluxVerify;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.VerifyReport;
import io.dbrecover.influx.wal.WalSegmentReader;
import io.dbrecover.influx.wal.WalSegmentResult;
import io.dbrecover.influx.wal.WalVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries named like InfluxDB's files that are FIFOs (made with {@code mkfifo}, hence an IT): never opened (a FIFO
 * blocks its reader until something writes into it), each reported as damage with its path, and the files beside
 * them still read.
 */
class SpecialFilesIT {
    @TempDir
    Path shard;

    private static void mkfifo(Path p) throws Exception {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        assertThat(proc.waitFor()).as("mkfifo " + p + ": " + out).isZero();
    }

    @Test
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening a FIFO would wait for ever
    void fifosNamedLikeTsmTombstoneAndWalFilesAreDamageAndNeverOpened() throws Exception {
        Path tsm = shard.resolve("000000001-000000001.tsm");
        Files.write(tsm, TsmFixture.file(Map.of("m#!~#v", List.of(new TsmFixture.Block(1, 2,
                TsmFixture.block(1, TsmFixture.timesRaw(1, 2), TsmFixture.intsRaw(10, 20))))), Map.of("m#!~#v", 1)));
        Path tombstone = shard.resolve("000000001-000000001.tombstone");
        mkfifo(tombstone);
        Path fifoTsm = shard.resolve("000000002-000000001.tsm");
        mkfifo(fifoTsm);
        Path fifoWal = shard.resolve("_00001.wal");
        mkfifo(fifoWal);

        VerifyReport dir = InfluxVerify.verify(shard, true);
        assertThat(dir.files()).hasSize(1);
        assertThat(dir.damage()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(tombstone);
            assertThat(d.what()).contains("not a regular file");
        });

        VerifyReport one = InfluxVerify.verify(fifoTsm, false);
        assertThat(one.clean()).isFalse();
        assertThat(one.damage()).extracting(Damage::file).containsExactly(fifoTsm);

        assertThat(TsmTombstones.read(tombstone, t -> { })).singleElement()
                .satisfies(d -> assertThat(d.what()).contains("not a regular file"));

        WalSegmentResult wal = new WalSegmentReader().read(fifoWal, new WalVisitor() {
            @Override
            public void write(String key, io.dbrecover.influx.model.FieldType type, int count, long[] times,
                              long[] values, byte[][] strings) {
            }

            @Override
            public void delete(List<String> keys) {
            }

            @Override
            public void deleteRange(List<String> keys, long min, long max) {
            }
        });
        assertThat(wal.damage()).singleElement().satisfies(d -> assertThat(d.what()).contains("not a regular file"));
    }
}
