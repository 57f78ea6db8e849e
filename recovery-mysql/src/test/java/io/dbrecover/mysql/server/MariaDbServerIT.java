package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.testkit.LogCapture;
import io.dbrecover.testkit.Logins;
import io.dbrecover.testkit.ProcessArgs;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throwaway servers from this machine's MariaDB (Debian's mariadb-server). */
@RequiresServer(value = "mysql", origin = "system")
class MariaDbServerIT {
    private static final int ADMITTED = Integer.MIN_VALUE;
    private final MariaDbServerProvider provider = new MariaDbServerProvider();

    @TempDir
    Path tmp;

    private ServerOptions.Builder system() {
        return ServerOptions.builder().origin(BinaryOrigin.SYSTEM).baseDir(tmp);
    }

    static String query(Endpoint ep, String sql) throws SQLException {
        try (Connection c = MariaDbServer.connect(ep); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void assertGone(long pid) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
    }

    @Test
    void startsAnswersThroughConnectorJAndLeavesNothingBehindWhenClosed() throws Exception {
        ServerInfo info;
        Endpoint ep;
        try (ManagedServer server = provider.create(system().build())) {
            server.start();
            assertThat(server.isRunning()).isTrue();
            info = server.info();
            ep = server.endpoint();
            assertThat(info.engine()).isEqualTo("mysql");
            assertThat(info.origin()).isEqualTo(BinaryOrigin.SYSTEM);
            assertThat(info.version()).startsWith("10.11.").contains("MariaDB");
            assertThat(info.binDir()).isEqualTo(Path.of("/usr/sbin"));
            assertThat(info.dataDir()).startsWith(tmp).endsWith(Path.of("data"));
            assertThat(ep.host()).isEqualTo("127.0.0.1");
            assertThat(ep.user()).isEqualTo("dbrecover");
            assertThat(ep.url()).startsWith("jdbc:mysql://127.0.0.1:" + ep.port() + "/");

            assertThat(query(ep, "SELECT VERSION()")).isEqualTo(info.version());
            assertThat(query(ep, "SELECT @@bind_address")).isEqualTo("127.0.0.1");
            assertThat(query(ep, "SELECT @@datadir")).isEqualTo(info.dataDir() + "/");
            // temporary tables and files stay in the server's own temp dir, removed with it, never in /tmp
            assertThat(query(ep, "SELECT @@tmpdir")).isEqualTo(info.dataDir().resolveSibling("tmp").toString());
            assertThat(query(ep, "SELECT @@secure_file_priv"))
                    .isEqualTo(info.dataDir().resolveSibling("files") + "/");
            // utf8mb4 both ways, emoji included
            try (Connection c = MariaDbServer.connect(ep); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE t CHARACTER SET utf8mb4");
                st.execute("CREATE TABLE t.x (s VARCHAR(20)) ENGINE=InnoDB");
                st.execute("INSERT INTO t.x VALUES ('Zoë 李 🚀')");
            }
            assertThat(query(ep, "SELECT s FROM t.x")).isEqualTo("Zoë 李 🚀");

            server.start(); // a running server ignores a second start
            assertThat(server.info().pid()).isEqualTo(info.pid());
        }
        assertGone(info.pid());
        assertThat(info.dataDir().getParent()).doesNotExist();
        assertThatThrownBy(() -> query(ep, "SELECT 1")).isInstanceOf(SQLException.class);
    }

    @Test
    void twoServersRunAtOnceOnTheirOwnPortsAndDirectories() throws Exception {
        try (ManagedServer a = provider.create(system().build()); ManagedServer b = provider.create(system().build())) {
            a.start();
            b.start();
            assertThat(a.endpoint().port()).isNotEqualTo(b.endpoint().port());
            assertThat(a.info().dataDir()).isNotEqualTo(b.info().dataDir());
            try (Connection c = MariaDbServer.connect(a.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE only_in_a");
            }
            assertThat(query(a.endpoint(), "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = "
                    + "'only_in_a'")).isEqualTo("1");
            assertThat(query(b.endpoint(), "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = "
                    + "'only_in_a'")).isEqualTo("0");
            a.close();
            assertGone(a.info().pid());
            assertThat(b.isRunning()).isTrue();
            assertThat(query(b.endpoint(), "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void startsOnAnExistingDataDirectoryAndNeverDeletesIt() throws Exception {
        Path dataDir;
        try (ManagedServer first = provider.create(system().keepFiles(true).build())) {
            first.start();
            try (Connection c = MariaDbServer.connect(first.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE kept");
                st.execute("CREATE TABLE kept.t (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB");
                st.execute("INSERT INTO kept.t VALUES (1, 'one'), (2, 'two')");
                // an account with a password, as on a real server: the copy is still reachable
                st.execute("CREATE USER 'root'@'127.0.0.1' IDENTIFIED BY 'secret'");
            }
            first.stop();
            dataDir = first.info().dataDir();
        }
        assertThat(dataDir.resolve("ibdata1")).exists();

        ServerInfo info;
        try (ManagedServer again = provider.create(system().dataDir(dataDir).build())) {
            again.start();
            info = again.info();
            assertThat(info.dataDir()).isEqualTo(dataDir);
            assertThat(query(again.endpoint(), "SELECT GROUP_CONCAT(v ORDER BY id) FROM kept.t")).isEqualTo("one,two");
            // the redo log keeps its size: nothing was rewritten to the server's default
            assertThat(query(again.endpoint(), "SELECT @@innodb_log_file_size")).isEqualTo("8388608");
        }
        assertGone(info.pid());
        assertThat(dataDir.resolve("kept/t.ibd")).exists();
        assertThat(dataDir.resolve("ibdata1")).exists();
    }

    @Test
    void stopKeepsTheFilesAndStartBringsTheSameDataBack() throws Exception {
        try (ManagedServer server = provider.create(system().build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE survives");
            }
            long pid = server.info().pid();
            server.stop();
            server.stop(); // idempotent
            assertGone(pid);
            assertThat(server.isRunning()).isFalse();
            assertThat(server.info().dataDir().resolve("survives")).isDirectory();
            server.start();
            assertThat(query(server.endpoint(), "SELECT COUNT(*) FROM information_schema.schemata WHERE "
                    + "schema_name = 'survives'")).isEqualTo("1");
        }
    }

    @Test
    void refusesADataDirectoryAnotherServerIsRunningOn() {
        try (ManagedServer running = provider.create(system().build())) {
            running.start();
            long t0 = System.nanoTime();
            try (ManagedServer second = provider.create(system().dataDir(running.info().dataDir()).build())) {
                assertThatThrownBy(second::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).contains("is running on", "is locked");
                });
            }
            // refused at once, not after mariadbd's 30 s lock wait
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(running.isRunning()).isTrue();
        }
    }

    @Test
    void aSettingTheServerDoesNotKnowFailsWithItsOwnWordsInTheError() {
        try (ManagedServer server = provider.create(system().setting("no_such_option", "1").build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SERVER_START_FAILED);
                assertThat(e.outputTail()).anyMatch(l -> l.contains("unknown variable 'no_such_option=1'"));
                assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("not known to this MariaDB"));
            });
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void aTakenFixedPortFailsWithAHintInsteadOfHanging() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ManagedServer server = provider.create(system().port(taken.getLocalPort()).build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SERVER_START_FAILED);
                assertThat(e.outputTail()).anyMatch(l -> l.contains("Address already in use"));
                assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("port is taken"));
            });
        }
    }

    @Test
    void settingsReachTheServer() throws Exception {
        try (ManagedServer server = provider.create(system().setting("innodb_checksum_algorithm", "crc32")
                .setting("max_connections", "77").build())) {
            server.start();
            assertThat(query(server.endpoint(), "SELECT @@max_connections")).isEqualTo("77");
            assertThat(query(server.endpoint(), "SELECT @@innodb_checksum_algorithm")).isEqualTo("crc32");
        }
    }

    @Test
    void aDeepBaseDirectoryGetsItsSocketInAShortDirectoryRemovedOnClose() throws Exception {
        Path deep = tmp.resolve("a".repeat(50)).resolve("b".repeat(50));
        Path socket;
        try (ManagedServer server = provider.create(system().baseDir(deep).build())) {
            server.start();
            socket = Path.of(query(server.endpoint(), "SELECT @@socket"));
            assertThat(socket).exists();
            assertThat(socket.startsWith(deep)).isFalse();
            assertThat(socket.toString().length()).isLessThanOrEqualTo(100);
        }
        assertThat(socket.getParent()).doesNotExist();
    }

    @Test
    void runsAsAnotherUserWhenAsked() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.dbrecover.core.os.OsUsers.isRoot()
                && io.dbrecover.core.os.OsUsers.lookup("mysql").isPresent(), "needs root and a mysql user");
        // JUnit's temp dir is closed to other users: said clearly, before the server fails on it
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (ManagedServer server = provider.create(system().runAsUser("mysql").build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                assertThat(e.getMessage()).contains("runs as user mysql", tmp + " is closed to it");
            });
        }
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ManagedServer server = provider.create(system().runAsUser("mysql").build())) {
            server.start();
            assertThat(ProcessHandle.of(server.info().pid()).flatMap(h -> h.info().user())).contains("mysql");
            assertThat(Files.getOwner(server.info().dataDir().resolve("ibdata1")).getName()).isEqualTo("mysql");
            assertThat(query(server.endpoint(), "SELECT 1")).isEqualTo("1");
        }
    }

    /** The server's error code for a login, or {@link #ADMITTED}. */
    private static int refusal(Endpoint ep, String user, String password) {
        return Logins.refusal(ep.url(), user, password).map(SQLException::getErrorCode).orElse(ADMITTED);
    }

    private static void assertOnlyThePasswordGetsIn(Endpoint ep) throws SQLException {
        assertThat(refusal(ep, "root", null)).as("root without a password").isIn(1045, 1698);
        assertThat(refusal(ep, "root", ep.password())).as("root with dbrecover's password").isIn(1045, 1698);
        assertThat(refusal(ep, ep.user(), null)).as("dbrecover without a password").isEqualTo(1045);
        assertThat(refusal(ep, ep.user(), "wrong")).as("dbrecover with a wrong password").isEqualTo(1045);
        try (Connection c = MariaDbServer.connect(ep); Statement st = c.createStatement()) {
            assertThat(st.executeQuery("SELECT CURRENT_USER()")).satisfies(rs -> {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("dbrecover@127.0.0.1");
            });
        }
    }

    private static void assertSecretHidden(MariaDbServer server, String logs) throws Exception {
        Endpoint ep = server.endpoint();
        assertThat(ep.password()).hasSize(32);
        assertThat(ep.toString()).doesNotContain(ep.password());
        assertThat(server.toString()).doesNotContain(ep.password());
        assertThat(ProcessArgs.of(server.info().pid())).contains("--init-file=").doesNotContain(ep.password());
        assertThat(logs).contains("ready on").doesNotContain(ep.password());
    }

    @Test
    void aNewServerAdmitsOnlyTheEndpointsAccountAndKeepsItsPasswordSecret() throws Exception {
        try (LogCapture logs = new LogCapture(); MariaDbServer server = provider.createServer(system().build())) {
            server.start();
            assertOnlyThePasswordGetsIn(server.endpoint());
            assertSecretHidden(server, logs.text());
            // the init file is gone once the server is ready; its directory is the server's own
            Path privateDir = server.info().dataDir().getParent().resolve("private");
            assertThat(privateDir).isDirectory();
            assertThat(Files.getPosixFilePermissions(privateDir)).hasSize(3);
            try (Stream<Path> files = Files.list(privateDir)) {
                assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("init.sql");
            }
        }
    }

    @Test
    void anExistingDataDirectoryAdmitsOnlyANewPassword() throws Exception {
        Path dataDir;
        String firstPassword;
        try (MariaDbServer first = provider.createServer(system().keepFiles(true).build())) {
            first.start();
            firstPassword = first.endpoint().password();
            dataDir = first.info().dataDir();
            try (Connection c = MariaDbServer.connect(first.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE kept");
            }
        }
        try (LogCapture logs = new LogCapture();
             MariaDbServer again = provider.createServer(system().dataDir(dataDir).build())) {
            again.start();
            Endpoint ep = again.endpoint();
            assertThat(ep.password()).isNotEqualTo(firstPassword);
            assertThat(refusal(ep, ep.user(), firstPassword)).as("the old password").isEqualTo(1045);
            assertOnlyThePasswordGetsIn(ep);
            assertSecretHidden(again, logs.text());
            again.stop();
        }
    }

    @Test
    void grantTablesThatCannotBeLoadedStopTheServerInsteadOfOpeningIt() throws Exception {
        Path dataDir;
        try (MariaDbServer first = provider.createServer(system().keepFiles(true).build())) {
            first.start();
            dataDir = first.info().dataDir();
            try (Connection c = MariaDbServer.connect(first.endpoint()); Statement st = c.createStatement()) {
                // an old-format mysql.user this MariaDB cannot load (as from an old MySQL)
                for (String sql : List.of("DROP VIEW mysql.user", "DROP TABLE mysql.global_priv",
                        "CREATE TABLE mysql.user (Host CHAR(60) NOT NULL, User CHAR(32) NOT NULL, "
                                + "Select_priv ENUM('N','Y') NOT NULL DEFAULT 'N', plugin CHAR(64), "
                                + "authentication_string TEXT, PRIMARY KEY (Host, User)) ENGINE=MyISAM",
                        "INSERT INTO mysql.user VALUES ('localhost', 'root', 'Y', 'mysql_native_password', '')")) {
                    st.execute(sql);
                }
            }
        }
        try (MariaDbServer again = provider.createServer(system().dataDir(dataDir).build())) {
            io.dbrecover.core.api.RecoveryException e = catchThrowableOfType(
                    io.dbrecover.core.api.RecoveryException.class, again::start);
            assertThat((Object) e).isNotNull();
            assertThat(e.code()).isEqualTo(io.dbrecover.core.api.ErrorCode.SERVER_START_FAILED);
            assertThat(e.getMessage()).contains("admits", "stopped it");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("mariadb-upgrade"));
            assertThat(again.isRunning()).isFalse();
        }
    }
}
