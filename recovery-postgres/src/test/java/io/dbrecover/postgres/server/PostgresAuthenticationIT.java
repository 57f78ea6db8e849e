package io.dbrecover.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.testkit.LogCapture;
import io.dbrecover.testkit.ProcessArgs;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Throwaway PostgreSQL servers admit only the endpoint's role with its random password. */
@RequiresServer("postgres")
class PostgresAuthenticationIT {
    private static final String ADMITTED = "admitted";
    private final PostgresServerProvider provider = new PostgresServerProvider();
    // not @TempDir: that is 0700, and the server's user must be able to traverse it
    private Path base;

    @BeforeEach
    void createBase() {
        base = TempDirs.create(null, "postgres-auth-it");
    }

    @AfterEach
    void removeBase() {
        TempDirs.deleteQuietly(base);
    }

    /** The SQL state of a refused login, or {@link #ADMITTED}. */
    private static String login(Endpoint ep, String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5");
        try (Connection c = DriverManager.getConnection(ep.url(), p)) {
            return ADMITTED;
        } catch (SQLException e) {
            return String.valueOf(e.getSQLState());
        }
    }

    private static void assertOnlyThePasswordGetsIn(Endpoint ep) throws SQLException {
        // 28P01: the server itself refused the password
        assertThat(login(ep, "postgres", "")).as("postgres with an empty password").isNotEqualTo(ADMITTED);
        assertThat(login(ep, "postgres", null)).as("postgres without a password").isNotEqualTo(ADMITTED);
        assertThat(login(ep, "postgres", "wrong")).as("postgres with a wrong password").isEqualTo("28P01");
        assertThat(login(ep, ep.user(), "wrong")).as("our user with a wrong password").isEqualTo("28P01");
        try (Connection c = PostgresServer.connect(ep); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(ep.user());
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    private static void assertSecretHidden(PostgresServer server, String logs) {
        Endpoint ep = server.endpoint();
        assertThat(ep.password()).hasSize(32);
        assertThat(ep.toString()).doesNotContain(ep.password());
        assertThat(ProcessArgs.of(server.info().pid())).contains("postgres").doesNotContain(ep.password());
        assertThat(logs).contains("ready on").doesNotContain(ep.password());
    }

    @Test
    void aNewClusterAdmitsOnlyItsSuperuserWithTheRandomPassword() throws Exception {
        try (LogCapture logs = new LogCapture();
             PostgresServer server = (PostgresServer) provider.create(ServerOptions.builder().baseDir(base).build())) {
            server.start();
            assertThat(server.endpoint().user()).isEqualTo("postgres");
            assertOnlyThePasswordGetsIn(server.endpoint());
            assertSecretHidden(server, logs.text());
            Path privateDir = server.info().dataDir().getParent().resolve("private");
            assertThat(privateDir.resolve("pwfile")).doesNotExist();
        }
    }

    @Test
    void anExistingDataDirectoryGetsAThrowawayRoleThatIsRemovedAtStop() throws Exception {
        Path dataDir;
        String firstPassword;
        try (PostgresServer first = (PostgresServer) provider.create(ServerOptions.builder().baseDir(base).keepFiles(true)
                .build())) {
            first.start();
            dataDir = first.info().dataDir();
            firstPassword = first.endpoint().password();
        }
        try (LogCapture logs = new LogCapture(); PostgresServer again = (PostgresServer) provider.create(ServerOptions.builder()
                .baseDir(base).dataDir(dataDir).build())) {
            again.start();
            Endpoint ep = again.endpoint();
            assertThat(ep.user()).isEqualTo(PostgresAuth.ROLE);
            assertThat(ep.password()).isNotEqualTo(firstPassword);
            assertOnlyThePasswordGetsIn(ep);
            assertSecretHidden(again, logs.text());
            again.stop();
            assertThat(logs.text()).doesNotContain("could not remove the role");
        }
        // the cluster's own superuser still has its own password, and our role is gone
        try (PostgresServer check = (PostgresServer) provider.create(ServerOptions.builder().baseDir(base).dataDir(dataDir)
                .build())) {
            check.start();
            Endpoint ep = check.endpoint();
            Endpoint postgres = new Endpoint(ep.host(), ep.port(), ep.url(), "postgres", firstPassword);
            try (Connection c = PostgresServer.connect(postgres); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = 'dbrecover'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1); // the role of this third start only
            }
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();
    }
}
