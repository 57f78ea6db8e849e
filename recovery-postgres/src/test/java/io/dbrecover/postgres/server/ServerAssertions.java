package io.dbrecover.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.Endpoint;
import io.dbrecover.testkit.Leftovers;
import io.dbrecover.testkit.Logins;
import io.dbrecover.testkit.ProcessArgs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What ITs check of a running server and once a server is closed. */
final class ServerAssertions {
    private ServerAssertions() {
    }

    static void assertGone(long pid, Path tempDir) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("postgres (pid %d) still running", pid).isFalse();
        assertThat(Leftovers.runningChildren())
                .as("children of this JVM left running").isEmpty();
        if (tempDir != null) {
            assertThat(tempDir).doesNotExist();
        }
    }

    /** The SQL state of a refused login, or "admitted". */
    private static String login(Endpoint ep, String user, String password) {
        return Logins.refusal(ep.url(), user, password).map(e -> String.valueOf(e.getSQLState())).orElse("admitted");
    }

    /** Only the endpoint's role with its password gets in; the server itself refuses wrong passwords (28P01). */
    static void assertOnlyThePasswordGetsIn(Endpoint ep) throws SQLException {
        assertThat(login(ep, "postgres", "")).as("postgres with an empty password").isNotEqualTo("admitted");
        assertThat(login(ep, "postgres", null)).as("postgres without a password").isNotEqualTo("admitted");
        assertThat(login(ep, "postgres", "wrong")).as("postgres with a wrong password").isEqualTo("28P01");
        assertThat(login(ep, ep.user(), "wrong")).as("our user with a wrong password").isEqualTo("28P01");
        try (Connection c = PostgresServer.connect(ep); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(ep.user());
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    /** The password is in none of what others or logs see: the endpoint's text, the server's argv, our logs. */
    static void assertSecretHidden(PostgresServer server, String logs) {
        Endpoint ep = server.endpoint();
        assertThat(ep.password()).hasSize(32);
        assertThat(ep.toString()).doesNotContain(ep.password());
        assertThat(ProcessArgs.of(server.info().pid())).contains("postgres").doesNotContain(ep.password());
        assertThat(logs).contains("ready on").doesNotContain(ep.password());
    }
}
