package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** {@code postgres backup} and {@code postgres verify-backup} as a user runs them, against a real PostgreSQL 15. */
@RequiresServer(value = "postgres", origin = "system")
class PostgresBackupCommandIT {
    @Test
    void aTarGzipBackupWithThePasswordFromAFileVerifiesCleanAndADamagedCopyExitsFour() throws Exception {
        Path base = TempDirs.create(null, "pg-backup-cli-it");
        try (ManagedServer server = Engines.byId("postgres").servers().orElseThrow().create(ServerOptions.builder()
                .origin(BinaryOrigin.SYSTEM).baseDir(base).build())) {
            server.start();
            Endpoint ep = server.endpoint();
            Path pw = base.resolve("pw");
            Files.writeString(pw, ep.password() + "\n");
            Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
            Path out = base.resolve("backup");
            String url = "jdbc:postgresql://127.0.0.1:" + ep.port() + "/postgres?user=" + ep.user();
            CliTest.Run r = CliTest.run("postgres", "backup", "--jdbc-url", url, "--password-file", pw.toString(),
                    "--out", out.toString(), "--format", "tar", "--compress", "gzip");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("base.tar.gz", "pg_wal.tar.gz", "backup_manifest", "verified: ",
                    "no problem").doesNotContain(ep.password());

            CliTest.Run v = CliTest.run("postgres", "verify-backup", out.toString(), "--json");
            assertThat(v.exit()).as(v.err()).isZero();
            JsonNode doc = Json.mapper().readTree(v.out());
            assertThat(doc.get("format").asText()).isEqualTo("tar");
            assertThat(doc.get("clean").asBoolean()).isTrue();
            assertThat(doc.get("position").get("end").asText()).matches("[0-9A-F]+/[0-9A-F]+");

            Files.writeString(pw, "wrong\n");
            CliTest.Run refused = CliTest.run("postgres", "backup", "--jdbc-url", url, "--password-file",
                    pw.toString(), "--out", base.resolve("refused").toString());
            assertThat(refused.exit()).isEqualTo(5);
            assertThat(refused.err()).contains("password authentication failed").doesNotContain("\tat ");
        } finally {
            TempDirs.deleteQuietly(base);
        }
    }
}
