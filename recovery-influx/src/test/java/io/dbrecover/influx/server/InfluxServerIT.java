package io.dbrecover.influx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.Series;
import io.dbrecover.influx.verify.InfluxProof;
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
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresServer("influx")
class InfluxServerIT {
    private static final List<String> POINTS = List.of(
            "cpu,host=a,region=eu usage_user=1.5,procs=10i 1700000000000000000",
            "cpu,host=b,region=us\\ east usage_user=2.25,procs=11i 1700000010000000001",
            "mem,host=a used=1024i,ok=true,status=\"fine, \\\"really\\\"\" 1700000000123456789");

    private final InfluxServerProvider provider = new InfluxServerProvider();

    @TempDir
    Path tmp;

    @BeforeEach
    void letTheServerUserIn() throws IOException {
        // JUnit makes temp dirs 0700; the server runs as influxdb when we are root
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void startsOnLoopbackAnswersTheHttpApiAndLeavesNothingBehindWhenClosed() throws Exception {
        long pid;
        Path tempDir;
        InfluxServer server = provider.create(ServerOptions.builder().baseDir(tmp).build());
        try (server) {
            server.start();
            ServerInfo info = server.info();
            Endpoint ep = server.endpoint();
            pid = info.pid();
            tempDir = server.tempDir();

            assertThat(info.engine()).isEqualTo("influx");
            assertThat(info.version()).startsWith("1.");
            assertThat(info.origin()).isEqualTo(BinaryOrigin.SYSTEM);
            assertThat(info.binDir().resolve("influxd")).isExecutable();
            assertThat(info.dataDir()).isEqualTo(tempDir.resolve("influxdb")).isDirectory();
            assertThat(tempDir).startsWith(tmp);
            assertThat(ep.host()).isEqualTo("127.0.0.1");
            assertThat(ep.url()).isEqualTo("http://127.0.0.1:" + ep.port());
            assertThat(ep.user()).isEqualTo(InfluxServer.ADMIN);
            assertThat(server.isRunning()).isTrue();
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            assertThat(Files.readString(tempDir.resolve(InfluxConfig.FILE_NAME)))
                    .contains("bind-address = \"127.0.0.1:" + ep.port() + "\"");
            if (OsUsers.isRoot() && OsUsers.lookup(InfluxServer.DEFAULT_USER).isPresent()) {
                assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().user())).contains(InfluxServer.DEFAULT_USER);
            }

            InfluxHttp http = server.http();
            InfluxHttp.Ping ping = http.ping(Duration.ofSeconds(5));
            assertThat(ping.ok()).isTrue();
            assertThat(ping.version()).isEqualTo(info.version());
            http.createDatabase("it");
            http.write("it", InfluxHttp.Precision.NANOSECONDS, POINTS);

            List<Series> cpu = http.query("it", "SELECT * FROM cpu GROUP BY * ORDER BY time");
            assertThat(cpu).hasSize(2);
            assertThat(cpu.get(1).header().tags()).containsEntry("region", "us east");
            assertThat(cpu.get(1).values().get(0)).containsExactly(1700000010000000001L, 11L, 2.25);
            List<Series> mem = http.query("it", "SELECT status, used, ok FROM mem");
            assertThat(mem.get(0).values().get(0)).containsExactly(1700000000123456789L, "fine, \"really\"", 1024L, true);
            assertThat(http.singleNumber("it", "SELECT COUNT(usage_user) FROM cpu", "count")).contains(2L);

            server.start();
            assertThat(server.info().pid()).as("start() on a running server does nothing").isEqualTo(pid);
        }

        assertThat(server.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(tempDir).doesNotExist();
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(RecoveryException.class).hasMessageContaining("closed");
    }

    @Test
    void startsOnAnExistingServerDirectoryAndNeverDeletesIt() {
        try (InfluxServer first = provider.create(ServerOptions.builder().baseDir(tmp.resolve("first")).build())) {
            first.start();
            InfluxHttp http = first.http();
            http.createDatabase("it");
            http.write("it", InfluxHttp.Precision.NANOSECONDS, POINTS);
            InfluxProof before = InfluxProof.collect(http, "it");
            first.stop();
            assertThat(first.isRunning()).isFalse();
            Path serverDir = first.info().dataDir();
            assertThat(serverDir.resolve("wal")).isDirectory();

            Path secondTemp;
            try (InfluxServer second = provider.create(ServerOptions.builder().baseDir(tmp.resolve("second"))
                    .dataDir(serverDir).build())) {
                second.start();
                secondTemp = second.tempDir();
                assertThat(second.info().dataDir()).isEqualTo(serverDir);
                assertThat(second.shardsNotOpened()).isEmpty();
                InfluxProof after = InfluxProof.collect(second.http(), "it");
                assertThat(after).isEqualTo(before);
                assertThat(after.points()).isEqualTo(POINTS.size());
                if (OsUsers.isRoot() && OsUsers.lookup(InfluxServer.DEFAULT_USER).isPresent()) {
                    assertThat(ownerOf(serverDir.resolve("meta/meta.db"))).isEqualTo(InfluxServer.DEFAULT_USER);
                }

                // stop() keeps everything, and the server can start again
                second.stop();
                assertThat(secondTemp.resolve(InfluxConfig.FILE_NAME)).exists();
                second.start();
                assertThat(InfluxProof.collect(second.http(), "it")).isEqualTo(before);
            }
            assertThat(secondTemp).doesNotExist();
            assertThat(serverDir.resolve("meta/meta.db")).exists();
            assertThat(serverDir.resolve("data/it")).isDirectory();
        }
    }

    @Test
    void keepsEveryShardOpeningOfAStartThatLogsMoreThanItsTail() {
        // influxd 1.6 logs two lines per shard it opens (its WAL segment read, the shard opened): 1100 shards
        // outgrow the 2000 lines of the tail
        int shards = 1100;
        try (InfluxServer first = provider.create(ServerOptions.builder().baseDir(tmp.resolve("first")).build())) {
            first.start();
            InfluxHttp http = first.http();
            http.createDatabase("many");
            http.query(null, "CREATE RETENTION POLICY hourly ON many DURATION INF REPLICATION 1 SHARD DURATION 1h "
                    + "DEFAULT");
            for (int i = 0; i < shards; i++) {
                // one point per write: influxd creates a write's shards in one go, and times out on hundreds
                http.write("many", InfluxHttp.Precision.NANOSECONDS, List.of("m v=" + i + "i "
                        + (1_600_000_000L + i * 3600L) + "000000000"));
            }
            first.stop();
            Path serverDir = first.info().dataDir();

            try (InfluxServer second = provider.create(ServerOptions.builder().baseDir(tmp.resolve("second"))
                    .dataDir(serverDir).build())) {
                second.start();
                List<String> opened = second.shardOpenings().stream().filter(l -> l.contains("Opened shard"))
                        .toList();
                assertThat(opened).hasSize(shards);
                assertThat(second.startLog().stream().filter(l -> l.contains("Opened shard")).count())
                        .as("the tail alone loses the first shards of such a start").isLessThan(shards);
                assertThat(second.shardsNotOpened()).isEmpty();
            }
        }
    }

    @Test
    void givesOnlyMetaDataAndWalOfAnExistingDirectoryToTheServerUser() throws IOException {
        assumeTrue(OsUsers.isRoot() && OsUsers.lookup(InfluxServer.DEFAULT_USER).isPresent(),
                "ownership is given away only when dbrecover runs as root and the user influxdb exists");
        Path serverDir;
        try (InfluxServer first = provider.create(ServerOptions.builder().baseDir(tmp.resolve("first")).build())) {
            first.start();
            first.http().createDatabase("it");
            first.http().write("it", InfluxHttp.Precision.NANOSECONDS, POINTS);
            first.stop();
            serverDir = tmp.resolve("server");
            Files.move(first.info().dataDir(), serverDir);
        }
        // what a rebuild keeps beside the server's files when --out is also its work directory
        Files.setOwner(serverDir, Files.getOwner(tmp));
        Path journal = Files.writeString(serverDir.resolve("journal.jsonl"), "{}\n");
        Path inventory = Files.createDirectories(serverDir.resolve("inventory"));
        Files.writeString(inventory.resolve("sources.json"), "{}");
        // as made under umask 077: closed to influxdb, which only needs to search it
        Files.setPosixFilePermissions(serverDir, PosixFilePermissions.fromString("rwx------"));
        try (InfluxServer second = provider.create(ServerOptions.builder().baseDir(tmp.resolve("second"))
                .dataDir(serverDir).build())) {
            second.start();
            assertThat(second.http().singleNumber("it", "SELECT COUNT(used) FROM mem", "count")).contains(1L);
            assertThat(second.shardsNotOpened()).isEmpty();
        }
        for (String part : List.of("meta", "meta/meta.db", "data", "data/it", "wal", "wal/it")) {
            assertThat(ownerOf(serverDir.resolve(part))).as(part).isEqualTo(InfluxServer.DEFAULT_USER);
        }
        for (Path kept : List.of(serverDir, journal, inventory, inventory.resolve("sources.json"))) {
            assertThat(ownerOf(kept)).as(kept.toString()).isEqualTo("root");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(serverDir))).isEqualTo("rwx--x--x");
    }

    @Test
    void refusesADirectoryThatIsNotAnInfluxServerDirectory() throws IOException {
        Path notAServer = Files.createDirectories(tmp.resolve("empty"));

        try (InfluxServer server = provider.create(ServerOptions.builder().baseDir(tmp).dataDir(notAServer).build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
                assertThat(e.getMessage()).contains("meta and data/ missing");
            });
        }
        assertThat(notAServer).isEmptyDirectory();
    }

    @Test
    void failsWithTheServerLogWhenInfluxdRejectsItsConfiguration() {
        try (InfluxServer server = provider.create(ServerOptions.builder().baseDir(tmp)
                .setting("coordinator.query-timeout", "banana").build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SERVER_START_FAILED);
                assertThat(e.getMessage()).contains("exited with code 1 before it was ready");
                assertThat(e.outputTail()).anyMatch(l -> l.contains("invalid duration \"banana\""));
            });
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void refusesATempDirTheServerUserCannotEnter() throws IOException {
        assumeTrue(OsUsers.isRoot() && OsUsers.lookup(InfluxServer.DEFAULT_USER).isPresent(),
                "only root switches to the influxdb user");
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));

        try (InfluxServer server = provider.create(ServerOptions.builder().baseDir(locked).build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("chmod o+x " + locked));
            });
        }
    }

    @Test
    void runsAsAnotherUserWhenAsked() {
        assumeTrue(OsUsers.isRoot(), "only root can choose the server's user");
        Optional<OsUsers.OsUser> nobody = OsUsers.lookup("nobody");
        assumeTrue(nobody.isPresent(), "user nobody exists");

        try (InfluxServer server = provider.create(ServerOptions.builder().baseDir(tmp).runAsUser("nobody").build())) {
            server.start();
            assertThat(ProcessHandle.of(server.info().pid()).flatMap(p -> p.info().user())).contains("nobody");
        }
    }

    private static String ownerOf(Path p) {
        try {
            return Files.getOwner(p).getName();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
            // alice stays; the admin the throwaway server made for itself does not outlive it
            assertThat(split.count()).isEqualTo(1);
            assertThat(new String(split.users(), StandardCharsets.ISO_8859_1)).contains("alice")
                    .doesNotContain(InfluxServer.ADMIN);
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
            // while it runs, the directory's users are set aside: only our admin exists
            assertThat(check.http().query(null, "SHOW USERS").toString()).contains("dbrecover")
                    .doesNotContain("alice");
        }
        assertThat(InfluxMetaUsers.split(Files.readAllBytes(meta), meta).users()).isEqualTo(usersBefore);
    }
}
