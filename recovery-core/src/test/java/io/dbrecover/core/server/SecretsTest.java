package io.dbrecover.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @Test
    void passwordsAreLongUrlSafeAndDifferent() {
        String a = Secrets.newPassword();
        assertThat(a).hasSize(Secrets.PASSWORD_LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(Secrets.newPassword()).isNotEqualTo(a);
    }

    @Test
    void endpointTextHidesThePassword() {
        String pw = Secrets.newPassword();
        Endpoint ep = new Endpoint("127.0.0.1", 3306, "jdbc:mysql://127.0.0.1:3306/", "dbrecover", pw);
        assertThat(ep.toString()).doesNotContain(pw).contains("password=***", "user=dbrecover", "3306");
        assertThat(new Endpoint("127.0.0.1", 1, "http://x", null, null).toString()).contains("password=none");
    }

    @Test
    void endpointJsonLeavesThePasswordOut() throws Exception {
        String pw = Secrets.newPassword();
        String json = io.dbrecover.core.report.Json.mapper().writeValueAsString(
                new Endpoint("127.0.0.1", 5432, "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", pw));
        assertThat(json).doesNotContain(pw).contains("\"user\":\"postgres\"", "5432");
    }

    @Test
    void privateFilesAndDirectoriesAreTheOwnersOnly(@TempDir Path tmp) throws Exception {
        Path dir = Secrets.privateDir(tmp.resolve("p"));
        Path file = Secrets.writePrivateFile(dir.resolve("f"), "x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Secrets.writePrivateFile(file, "y");
        assertThat(Files.readString(file)).isEqualTo("y");
        Secrets.deleteQuietly(file);
        assertThat(file).doesNotExist();
    }
}
