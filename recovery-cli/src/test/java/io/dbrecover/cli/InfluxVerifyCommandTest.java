package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbrecover.core.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code influx verify} in process, over a TSM file influxd 1.6 wrote (recovery-influx's fixture). */
class InfluxVerifyCommandTest {
    static final Path FIXTURE = Path.of("../recovery-influx/src/test/resources/tsm/influxd-1.6-uncompressed-times.tsm");
    /** The fixture's only block: offset 5, 42 bytes (CRC included), key span,host=a#!~#v. */
    static final int BLOCK = 5;

    static Path shard(Path root) throws Exception {
        Path shard = Files.createDirectories(root.resolve("data/db/autogen/2"));
        Files.copy(FIXTURE, shard.resolve("000000001-000000001.tsm"), StandardCopyOption.COPY_ATTRIBUTES);
        return shard;
    }

    @Test
    void aSoundDataDirectoryExitsZero(@TempDir Path root) throws Exception {
        shard(root);
        CliTest.Run r = CliTest.run("influx", "verify", root.toString(), "--deep");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 TSM file(s), 1 blocks", "CRC and decoded, 3 values", "no damage")
                .doesNotContain("DAMAGE");
    }

    @Test
    void aFlippedByteInABlockExitsFourNamingTheBlockAndLeavesTheFileAsItWas(@TempDir Path root) throws Exception {
        Path file = shard(root).resolve("000000001-000000001.tsm");
        byte[] bytes = Files.readAllBytes(file);
        bytes[BLOCK + 20] ^= 0x04;
        Files.write(file, bytes);
        CliTest.Run r = CliTest.run("influx", "verify", root.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).contains("DAMAGE " + file + " at byte " + BLOCK + " (key span,host=a#!~#v): block CRC32"
                + " mismatch", "1 damage(s) in 1 file(s)");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);

        CliTest.Run json = CliTest.run("influx", "verify", file.toString(), "--deep", "--json");
        assertThat(json.exit()).isEqualTo(4);
        JsonNode doc = Json.mapper().readTree(json.out());
        assertThat(doc.get("clean").asBoolean()).isFalse();
        assertThat(doc.get("damage")).hasSize(1);
        assertThat(doc.get("damage").get(0).get("offset").asLong()).isEqualTo(BLOCK);
        assertThat(doc.get("damage").get(0).get("key").asText()).isEqualTo("span,host=a#!~#v");
        assertThat(doc.get("checked").get(0).get("blocks").asLong()).isEqualTo(1);
    }

    @Test
    void aMissingPathOrADirectoryWithoutTsmFilesIsAnErrorWithoutAStackTrace(@TempDir Path root) {
        CliTest.Run missing = CliTest.run("influx", "verify", root.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("SOURCE_NOT_FOUND", "path not found").doesNotContain("Exception", "\tat ");
        CliTest.Run empty = CliTest.run("influx", "verify", root.toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no .tsm file under").doesNotContain("Exception");
    }

    @Test
    void aFileThatIsNoTsmFileIsDamageNotACrash(@TempDir Path root) throws Exception {
        Path f = Files.writeString(root.resolve("x.tsm"), "not a tsm file at all");
        CliTest.Run r = CliTest.run("influx", "verify", f.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).contains("DAMAGE " + f + " at byte 0: no TSM header");
    }
}
