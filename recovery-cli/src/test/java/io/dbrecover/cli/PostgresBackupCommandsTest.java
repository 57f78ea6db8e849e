package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbrecover.core.report.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postgres verify-backup} and {@code postgres backup} in process, on a small plain backup made here (the
 * real backups are recovery-postgres's PostgresBackupsIT), and the usage errors of {@code backup}.
 */
class PostgresBackupCommandsTest {
    private static Path backup(Path dir) throws Exception {
        byte[] table = new byte[16384];
        for (int i = 0; i < table.length; i++) {
            table[i] = (byte) i;
        }
        Files.createDirectories(dir.resolve("base/5"));
        Files.writeString(dir.resolve("PG_VERSION"), "15\n");
        Files.write(dir.resolve("base/5/16385"), table);
        String body = "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [\n"
                + entry("PG_VERSION", "15\n".getBytes(StandardCharsets.US_ASCII)) + ",\n"
                + entry("base/5/16385", table) + "\n],\n\"WAL-Ranges\": [\n],\n";
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("backup_manifest"), body + "\"Manifest-Checksum\": \"" + sum + "\"}\n");
        return dir;
    }

    private static String entry(String path, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return "{ \"Path\": \"" + path + "\", \"Size\": " + data.length + ", \"Last-Modified\": \"2026-12-06 22:09:46 "
                + "GMT\", \"Checksum-Algorithm\": \"CRC32C\", \"Checksum\": \""
                + String.format(Locale.ROOT, "%08x", Integer.reverseBytes((int) crc.getValue())) + "\" }";
    }

    @Test
    void aSoundBackupExitsZero(@TempDir Path dir) throws Exception {
        CliTest.Run r = CliTest.run("postgres", "verify-backup", backup(dir).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("(plain), PostgreSQL 15, manifest version 1", "2 file(s)", "CRC32C",
                "no problem").doesNotContain("PROBLEM");
    }

    @Test
    void aFlippedByteExitsFourNamingTheFileAndJsonListsIt(@TempDir Path dir) throws Exception {
        Path file = backup(dir).resolve("base/5/16385");
        byte[] b = Files.readAllBytes(file);
        b[9000] ^= 1;
        Files.write(file, b);
        CliTest.Run r = CliTest.run("postgres", "verify-backup", dir.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).contains("PROBLEM CHECKSUM base/5/16385: CRC32C checksum differs from the manifest's "
                + "(expected ", "1 problem(s)");
        assertThat(Files.readAllBytes(file)).isEqualTo(b);

        CliTest.Run json = CliTest.run("postgres", "verify-backup", dir.toString(), "--json");
        assertThat(json.exit()).isEqualTo(4);
        JsonNode doc = Json.mapper().readTree(json.out());
        assertThat(doc.get("clean").asBoolean()).isFalse();
        assertThat(doc.get("problems")).hasSize(1);
        assertThat(doc.get("problems").get(0).get("file").asText()).isEqualTo("base/5/16385");
        assertThat(doc.get("problems").get(0).get("kind").asText()).isEqualTo("CHECKSUM");
    }

    @Test
    void aMissingDirectoryOrManifestIsAUsageErrorWithoutAStackTrace(@TempDir Path dir) {
        CliTest.Run missing = CliTest.run("postgres", "verify-backup", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("backup directory not found").doesNotContain("\tat ");
        CliTest.Run empty = CliTest.run("postgres", "verify-backup", dir.toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no backup_manifest").doesNotContain("\tat ");
        CliTest.Run archive = CliTest.run("postgres", "verify-backup", dir.toString(), "--wal-archive",
                dir.resolve("none").toString());
        assertThat(archive.exit()).isEqualTo(2);
        assertThat(archive.err()).contains("WAL archive directory not found");
    }

    @Test
    void backupRefusesWrongCombinationsBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        CliTest.Run both = CliTest.run("postgres", "backup", "--pgdata", dir.toString(), "--jdbc-url",
                "jdbc:postgresql://127.0.0.1/postgres", "--out", dir.resolve("o").toString());
        assertThat(both.exit()).isEqualTo(2);
        CliTest.Run password = CliTest.run("postgres", "backup", "--jdbc-url",
                "jdbc:postgresql://127.0.0.1/postgres?user=u&password=secret", "--out", dir.resolve("o").toString());
        assertThat(password.exit()).isEqualTo(2);
        assertThat(password.err()).contains("must not hold a password").doesNotContain("secret");
        CliTest.Run plainGzip = CliTest.run("postgres", "backup", "--pgdata", dir.toString(), "--out",
                dir.resolve("o").toString(), "--compress", "gzip");
        assertThat(plainGzip.exit()).isEqualTo(2);
        assertThat(plainGzip.err()).contains("needs the tar format");
        Files.writeString(dir.resolve("PG_VERSION"), "15\n");
        CliTest.Run inside = CliTest.run("postgres", "backup", "--pgdata", dir.toString(), "--out",
                dir.resolve("o").toString());
        assertThat(inside.exit()).isEqualTo(2);
        assertThat(inside.err()).contains("SOURCE_WRITE_REFUSED", "inside the source").doesNotContain("\tat ");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
