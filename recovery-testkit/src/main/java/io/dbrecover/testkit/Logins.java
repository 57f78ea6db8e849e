package io.dbrecover.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** Logs in over JDBC the way another local user would, for tests that prove a server refuses them. */
public final class Logins {
    private Logins() {
    }

    /**
     * Tries to log in.
     *
     * @param password the password, or {@code null} to send none
     * @return the server's refusal, or empty when it let the user in
     */
    public static Optional<SQLException> refusal(String url, String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(url, p)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }
}
