package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.snappy.SnappyCompressor;
import io.dbrecover.core.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code influx inspect} and {@code influx export} on a small tree whose only data is a WAL segment. */
class InfluxCommandsTest {
    @TempDir
    Path root;
    Path segment;

    @BeforeEach
    void aWalOnlyShard() throws IOException {
        Files.createDirectories(root.resolve("data/db/autogen"));
        Path walShard = Files.createDirectories(root.resolve("wal/db/autogen/3"));
        segment = walShard.resolve("_00001.wal");
        Files.write(segment, entry(payload("m,host=a#!~#v", 1, 1_000_000_000L, Double.doubleToLongBits(2.5))));
    }

    @Test
    void inspectNamesTheWalOnlyShardAndItsCounts() {
        CliTest.Run r = CliTest.run("influx", "inspect", "--datadir", root.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("database db").contains("shard autogen/3").contains("ONLY IN THE WAL")
                .contains("m: 1 series, 1 points; fields v:float (1)");
    }

    @Test
    void inspectAsJsonCarriesTheCounts() throws IOException {
        CliTest.Run r = CliTest.run("influx", "inspect", "--datadir", root.toString(), "--json");

        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.at("/counts/0/measurements/0/points").asLong()).isEqualTo(1);
        assertThat(doc.at("/counts/0/measurements/0/fieldTypes/v").asText()).isEqualTo("float");
        assertThat(doc.at("/shards/0/files/walDir").asText()).isEqualTo(root.resolve("wal/db/autogen/3").toString());
    }

    @Test
    void aTornWalIsExitCode3AndNamedOnStderr() throws IOException {
        byte[] b = Files.readAllBytes(segment);
        Files.write(segment, Arrays.copyOf(b, b.length - 2));

        CliTest.Run r = CliTest.run("influx", "inspect", "--datadir", root.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("DAMAGE").contains(segment.toString()).contains("at byte 0")
                .contains("torn last entry");
    }

    @Test
    void exportWritesTheHeaderAndTheLine() throws IOException {
        Path out = root.resolve("../out.lp").normalize();

        CliTest.Run r = CliTest.run("influx", "export", "--datadir", root.toString(), "--out", out.toString());

        assertThat(r.exit()).isZero();
        assertThat(Files.readString(out)).isEqualTo("# DDL\nCREATE DATABASE \"db\" WITH NAME \"autogen\"\n# DML\n"
                + "# CONTEXT-DATABASE:db\n# CONTEXT-RETENTION-POLICY:autogen\nm,host=a v=2.5 1000000000\n");
        assertThat(r.out()).contains("db/autogen: 1 lines, 1 points, 1 series, 1 measurements").contains("sha256 ");
    }

    @Test
    void exportRefusesAnOutputInsideTheDataDirectory() {
        CliTest.Run r = CliTest.run("influx", "export", "--datadir", root.toString(), "--out",
                root.resolve("data/x.lp").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED");
        assertThat(root.resolve("data/x.lp")).doesNotExist();
    }

    @Test
    void exportRefusesAnOutputInsideTheNamedDirectoryOrItsMetaDirectory() throws IOException {
        Files.createDirectories(root.resolve("meta"));
        for (Path out : new Path[] {root.resolve("x.lp"), root.resolve("meta/x.lp")}) {
            CliTest.Run r = CliTest.run("influx", "export", "--datadir", root.toString(), "--out", out.toString());

            assertThat(r.exit()).as(out.toString()).isEqualTo(2);
            assertThat(r.err()).contains("SOURCE_WRITE_REFUSED");
            assertThat(out).doesNotExist();
            assertThat(out.resolveSibling("x.lp.partial")).doesNotExist();
        }
    }

    @Test
    void inspectShowsControlCharactersOfNamesFromTheTreeInsteadOfSendingThemToTheTerminal() throws IOException {
        Path shard = Files.createDirectories(root.resolve("data/db\u001b[2J/autogen/4"));
        Files.createSymbolicLink(shard.resolve("index"), Path.of("/nowhere\u001b]0;title\u0007"));
        Files.writeString(shard.resolve("stray\u001b[31m.tmp"), "x");

        CliTest.Run r = CliTest.run("influx", "inspect", "--datadir", root.toString());

        assertThat(r.out()).contains("shard autogen/4").contains("symbolic link");
        assertThat(r.out() + r.err()).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    private static byte[] payload(String key, int walType, long time, long bits) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + k.length + 4 + 16).put((byte) walType).putShort((short) k.length).put(k)
                .putInt(1).putLong(time).putLong(bits).array();
    }

    private static byte[] entry(byte[] payload) {
        SnappyCompressor c = new SnappyCompressor();
        byte[] z = new byte[c.maxCompressedLength(payload.length)];
        int n = c.compress(payload, 0, payload.length, z, 0, z.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        out.write(z, 0, n);
        return out.toByteArray();
    }
}
