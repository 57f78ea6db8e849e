package io.dbrecover.influx.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.testkit.LogCapture;
import io.dbrecover.testkit.ProcessArgs;
import io.dbrecover.testkit.RequiresServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throwaway InfluxDB servers answer queries only for the endpoint's admin with its random password. */
@RequiresServer("influx")
class InfluxAuthenticationIT {
    private final InfluxServerProvider provider = new InfluxServerProvider();

    @TempDir
    Path tmp;

    @BeforeEach
    void letTheServerUserIn() throws IOException {
        // JUnit makes temp dirs 0700; the server runs as influxdb when we are root
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The HTTP status of {@code SHOW DATABASES} with these credentials (none when user is null). */
    private static int showDatabases(Endpoint ep, String user, String password) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(ep.url() + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode("SHOW DATABASES",
                        StandardCharsets.UTF_8)));
        if (user != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void assertOnlyThePasswordGetsIn(InfluxServer server, String logs) throws Exception {
        Endpoint ep = server.endpoint();
        assertThat(showDatabases(ep, null, null)).as("no credentials").isEqualTo(401);
        assertThat(showDatabases(ep, ep.user(), "wrong")).as("a wrong password").isEqualTo(401);
        assertThat(showDatabases(ep, "admin", ep.password())).as("another user").isEqualTo(401);
        assertThat(showDatabases(ep, ep.user(), ep.password())).isEqualTo(200);
        InfluxServer.client(ep).createDatabase("auth");
        assertThat(server.http().query(null, "SHOW DATABASES").toString()).contains("auth");

        assertThat(ep.password()).hasSize(32);
        assertThat(ep.toString()).doesNotContain(ep.password());
        assertThat(ProcessArgs.of(server.info().pid())).contains("influxd").doesNotContain(ep.password());
        assertThat(logs).contains("ready on").doesNotContain(ep.password());
        try (var files = Files.walk(server.tempDir())) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".conf")))
                    .allSatisfy(f -> assertThat(Files.readString(f)).contains("auth-enabled = true")
                            .doesNotContain(ep.password()));
        }
    }

    @Test
    void aNewServerAnswersOnlyItsAdmin() throws Exception {
        try (LogCapture logs = new LogCapture();
             InfluxServer server = provider.create(ServerOptions.builder().baseDir(tmp).build())) {
            server.start();
            assertThat(server.endpoint().user()).isEqualTo(InfluxServer.ADMIN);
            assertOnlyThePasswordGetsIn(server, logs.text());
            // a second start of the same server makes a new admin over the one the first start made
            server.stop();
            server.start();
            assertOnlyThePasswordGetsIn(server, logs.text());
        }
    }

    @Test
    void aServerDirectoryWithUsersGetsThemBackAfterStop() throws Exception {
        Path serverDir;
        byte[] usersBefore;
        try (InfluxServer first = provider.create(ServerOptions.builder().baseDir(tmp.resolve("first"))
                .keepFiles(true).build())) {
            first.start();
            first.http().query(null, "CREATE USER alice WITH PASSWORD 'alices secret'");
            first.stop();
            serverDir = first.info().dataDir();
            Path meta = serverDir.resolve("meta/meta.db");
            InfluxMetaUsers.Split split = InfluxMetaUsers.split(Files.readAllBytes(meta), meta);
            assertThat(split.count()).isEqualTo(2);
            usersBefore = split.users();
        }
        try (LogCapture logs = new LogCapture(); InfluxServer again = provider.create(ServerOptions.builder()
                .baseDir(tmp.resolve("again")).dataDir(serverDir).build())) {
            again.start();
            assertThat(serverDir.resolve("meta").resolve(InfluxServer.SAVED_META)).exists();
            assertOnlyThePasswordGetsIn(again, logs.text());
            again.stop();
        }
        Path meta = serverDir.resolve("meta/meta.db");
        InfluxMetaUsers.Split after = InfluxMetaUsers.split(Files.readAllBytes(meta), meta);
        assertThat(after.users()).isEqualTo(usersBefore);
        assertThat(serverDir.resolve("meta").resolve(InfluxServer.SAVED_META)).doesNotExist();
        // and the database made while the users were out is still there
        try (InfluxServer check = provider.create(ServerOptions.builder().baseDir(tmp.resolve("check"))
                .dataDir(serverDir).build())) {
            check.start();
            assertThat(check.http().query(null, "SHOW DATABASES").toString()).contains("auth");
            assertThat(check.http().query(null, "SHOW USERS").toString()).contains("alice");
        }
    }
}
