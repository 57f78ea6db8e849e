package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyCompressor;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.influx.InfluxRebuild;
import io.dbrecover.influx.RebuildRequest;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What line protocol cannot carry cannot be replayed: a float value that is NaN or infinite (which influxd stores when
 * it comes from elsewhere than line protocol), a damaged key without a field. The rebuilt server lacks it; the rebuild
 * must say so and not pass its proof, and the rest must still be replayed.
 */
@RequiresServer("influx")
class ReplayLeftOutIT {
    @TempDir
    Path tmp;

    @Test
    void nanAndInfinityInTheFilesAreNamedAndFailTheReplaysProof() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(tmp.resolve("src/data/db"));
        Path wal = Files.createDirectories(tmp.resolve("src/wal/db/autogen/1"));
        long t = 1_700_000_000_000_000_000L;
        Files.write(wal.resolve("_00001.wal"), entry(write("m,host=a#!~#v", new long[] {t, t + 1, t + 2},
                new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY})));

        RecoveryReport report = InfluxRebuild.rebuildIndex(RebuildRequest.builder().dataDir(tmp.resolve("src/data"))
                .walDir(tmp.resolve("src/wal")).out(tmp.resolve("out")).strategy(RebuildRequest.Strategy.REPLAY)
                .build(), new InfluxServerProvider());

        assertThat(report.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("NOT_REPLAYABLE")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("2 float values"))
                .extracting(Finding::severity).asString().isEqualTo("ERROR");
        assertThat(report.verifications()).filteredOn(v -> !v.passed()).extracting(Verification::check)
                .contains("count(v)", "point-count");
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("count(v)")).singleElement()
                .satisfies(v -> {
                    assertThat(v.expected()).isEqualTo("3");
                    assertThat(v.actual()).isEqualTo("1");
                });
    }

    @Test
    void aKeyWithoutAFieldIsNamedLeftOutAndTheOtherKeysAreReplayed() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(tmp.resolve("src/data/db"));
        Path wal = Files.createDirectories(tmp.resolve("src/wal/db/autogen/1"));
        long t = 1_700_000_000_000_000_000L;
        Files.write(wal.resolve("_00001.wal"), concat(entry(write("m,host=a#!~#v", new long[] {t, t + 1},
                new double[] {1.5, 2.5})), entry(write("m,host=b#!~v", new long[] {t}, new double[] {3.5}))));

        RecoveryReport report = InfluxRebuild.rebuildIndex(RebuildRequest.builder().dataDir(tmp.resolve("src/data"))
                .walDir(tmp.resolve("src/wal")).out(tmp.resolve("out")).strategy(RebuildRequest.Strategy.REPLAY)
                .build(), new InfluxServerProvider());

        assertThat(report.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("NOT_REPLAYABLE_KEY")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("1 keys").contains("1 values", "m,host=b#!~v"));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("count(v)")).singleElement()
                .satisfies(v -> {
                    assertThat(v.expected()).isEqualTo("2");
                    assertThat(v.actual()).isEqualTo("2");
                });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A WAL write entry's payload: float values (type 1) of one key. */
    private static byte[] write(String key, long[] times, double[] values) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(3 + k.length + 4 + 16 * times.length).put((byte) 1)
                .putShort((short) k.length).put(k).putInt(times.length);
        for (int i = 0; i < times.length; i++) {
            b.putLong(times[i]).putLong(Double.doubleToRawLongBits(values[i]));
        }
        return b.array();
    }

    private static byte[] entry(byte[] payload) {
        SnappyCompressor c = new SnappyCompressor();
        byte[] z = new byte[c.maxCompressedLength(payload.length)];
        int n = c.compress(payload, 0, payload.length, z, 0, z.length);
        return ByteBuffer.allocate(5 + n).put((byte) 1).putInt(n).put(z, 0, n).array();
    }
}
