package io.dbrecover.influx.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyCompressor;
import io.dbrecover.influx.layout.LayoutScanner;
import io.dbrecover.influx.model.ExportResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter on a small tree whose data is in WAL segments written from the format's description. */
class ExporterTest {
    @TempDir
    Path root;

    @Test
    void writesEveryPolicyWithItsOwnDdlAndGzipsWithTheDigestOfTheFile() throws Exception {
        segment("wal/db/autogen/1", payload("m,t=a#!~#v", 10, 1), payload("bad", 11, 2));
        segment("wal/db/week/2", payload("n#!~#w", 20, 3));
        Files.createDirectories(root.resolve("data"));
        Path out = root.resolve("out.lp.gz");

        ExportResult r = Exporter.export(LayoutScanner.scan(root, null), null, null, Long.MIN_VALUE, Long.MAX_VALUE,
                out, true);

        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo("# DDL\nCREATE DATABASE \"db\" WITH NAME \"autogen\"\n"
                + "CREATE RETENTION POLICY \"week\" ON \"db\" DURATION 0s REPLICATION 1\n# DML\n"
                + "# CONTEXT-DATABASE:db\n# CONTEXT-RETENTION-POLICY:autogen\nm,t=a v=1i 10\n"
                + "# CONTEXT-DATABASE:db\n# CONTEXT-RETENTION-POLICY:week\nn w=3i 20\n");
        assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(out))));
        assertThat(r.bytes()).isEqualTo(Files.size(out));
        assertThat(r.linesPerRetentionPolicy()).containsExactly(java.util.Map.entry("db/autogen", 1L),
                java.util.Map.entry("db/week", 1L));
        assertThat(r.damage()).singleElement().satisfies(d -> {
            assertThat(d.seriesKey()).isEqualTo("bad");
            assertThat(d.file()).isEqualTo(root.resolve("wal/db/autogen/1"));
            assertThat(d.what()).contains("not exported");
        });
        assertThat(r.complete()).isFalse();
        assertThat(root.resolve("out.lp.gz.partial")).doesNotExist();
    }

    private void segment(String dir, byte[]... payloads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnappyCompressor c = new SnappyCompressor();
        for (byte[] p : payloads) {
            byte[] z = new byte[c.maxCompressedLength(p.length)];
            int n = c.compress(p, 0, p.length, z, 0, z.length);
            out.write(1);
            out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
            out.write(z, 0, n);
        }
        Path d = Files.createDirectories(root.resolve(dir));
        Files.write(d.resolve("_00001.wal"), out.toByteArray());
    }

    private static byte[] payload(String key, long time, long value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + k.length + 4 + 16).put((byte) 2).putShort((short) k.length).put(k).putInt(1)
                .putLong(time).putLong(value).array();
    }
}
