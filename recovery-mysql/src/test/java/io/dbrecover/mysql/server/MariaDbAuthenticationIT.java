package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.testkit.LogCapture;
import io.dbrecover.testkit.ProcessArgs;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throwaway MariaDB servers admit only the endpoint's account with its random password. */
@RequiresServer(value = "mysql", origin = "system")
class MariaDbAuthenticationIT {
    private final MariaDbServerProvider provider = new MariaDbServerProvider();

    @TempDir
    Path tmp;

    private ServerOptions.Builder system() {
        return ServerOptions.builder().origin(BinaryOrigin.SYSTEM).baseDir(tmp);
    }

    private static final int ADMITTED = Integer.MIN_VALUE;

    /** The server's error code for a login, or {@link #ADMITTED}. */
    private static int refusal(Endpoint ep, String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5000");
        try (Connection c = DriverManager.getConnection(ep.url(), p)) {
            return ADMITTED;
        } catch (SQLException e) {
            return e.getErrorCode();
        }
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
