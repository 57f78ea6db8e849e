package io.dbrecover.influx.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.model.IndexKind;
import io.dbrecover.influx.model.ShardFiles;
import io.dbrecover.influx.shard.ShardReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shard's reader holds all its TSM files open at once: what each open file costs must stay small. */
class ShardMemoryTest {
    private static final int FILES = 40;

    @TempDir
    Path dir;

    @Test
    void aShardOfManyLargeFilesIsReadWithoutAWindowOfDirectMemoryPerFile() throws IOException {
        List<Path> tsm = new ArrayList<>();
        for (int i = 1; i <= FILES; i++) {
            tsm.add(Files.write(dir.resolve(String.format("%09d-000000001.tsm", i)), largeFile(i)));
        }
        ShardFiles shard = new ShardFiles("db", "rp", 1, dir, null, tsm, List.of(), List.of(), null,
                IndexKind.INMEM, "", List.of());
        long before = directBytes();
        long[] peak = {0};
        List<String> keys = new ArrayList<>();
        try (ShardReader r = ShardReader.open(shard)) {
            r.read((key, values) -> {
                keys.add(key);
                peak[0] = Math.max(peak[0], directBytes() - before);
                assertThat(values.size()).isEqualTo(2);
            });
            assertThat(r.damage()).isEmpty();
        }

        assertThat(keys).hasSize(FILES);
        // a 1 MiB window per file would be 40 MiB here
        assertThat(peak[0]).isLessThan(8L << 20);
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    /**
     * A TSM file of a little more than 1 MiB: header, 1 MiB of bytes no index entry points at, one integer block of
     * key {@code m,f=<n>#!~#v}, the index and the footer.
     */
    private static byte[] largeFile(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x16, (byte) 0xD1, 0x16, (byte) 0xD1, 1});
        out.writeBytes(new byte[1 << 20]);
        long offset = out.size();
        byte[] block = TsmFixture.stored(TsmFixture.block(1, TsmFixture.timesRaw(n, n + 1),
                TsmFixture.intsRaw(10, 20)));
        out.writeBytes(block);
        long indexOffset = out.size();
        byte[] k = ("m,f=" + String.format("%03d", n) + "#!~#v").getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(2 + k.length + 3 + 28).putShort((short) k.length).put(k).put((byte) 1)
                .putShort((short) 1).putLong(n).putLong(n + 1).putLong(offset).putInt(block.length).array());
        out.writeBytes(ByteBuffer.allocate(8).putLong(indexOffset).array());
        return out.toByteArray();
    }
}
