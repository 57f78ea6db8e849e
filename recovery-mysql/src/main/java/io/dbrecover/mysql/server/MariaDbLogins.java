package io.dbrecover.mysql.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.RunningProcess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.Readiness;
import io.dbrecover.core.server.Secrets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in to a launched throwaway MariaDB, over JDBC: readiness means our account answers on our own server
 * (its pid file, not another server's on the same port), and a ready server must refuse everyone else.
 */
final class MariaDbLogins {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbLogins.class);
    // "Access denied": the server answers but will not let us in, and waiting longer cannot help
    private static final List<Integer> REFUSALS = List.of(1045, 1698);

    private final Endpoint ep;
    private final RunningProcess process;
    private final Path dataDir;

    MariaDbLogins(Endpoint ep, RunningProcess process, Path dataDir) {
        this.ep = ep;
        this.process = process;
        this.dataDir = dataDir;
    }

    /** Connects as the endpoint's user with its password and more Connector/J properties. */
    static Connection connect(Endpoint endpoint, Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", endpoint.user());
        if (endpoint.password() != null) {
            p.setProperty("password", endpoint.password());
        }
        p.setProperty("connectTimeout", "5000");
        p.putAll(extra);
        return DriverManager.getConnection(endpoint.url(), p);
    }

    /**
     * A connection for the readiness probe: it must not wait for ever on something that accepts connections but
     * never speaks (another program on the port, a server stuck at start), so reads time out too.
     */
    private static Connection probe(Endpoint endpoint) throws SQLException {
        Properties p = new Properties();
        p.setProperty("socketTimeout", "5000");
        return connect(endpoint, p);
    }

    /** Waits until our account answers on the server whose pid file is {@code pidFile}. */
    void awaitReady(Duration timeout, Path pidFile) {
        AtomicReference<SQLException> refused = new AtomicReference<>();
        AtomicBoolean inUse = new AtomicBoolean();
        Readiness.await("MariaDB on " + ep.host() + ":" + ep.port(), process, timeout, () -> {
            if (!process.isAlive()) {
                // whatever answers on the port now is not our server
                throw new SQLException("the server process has ended");
            }
            try (Connection c = probe(ep); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT @@pid_file")) {
                rs.next();
                // whoever answers must be our server: another one on this port (a race for a free port, or a
                // fixed port) would have its own pid file
                String answering = rs.getString(1);
                if (!pidFile.toString().equals(answering)) {
                    throw new SQLException("another server answers on port " + ep.port() + " (its pid file is "
                            + answering + ")");
                }
            } catch (SQLException e) {
                if (REFUSALS.contains(e.getErrorCode())) {
                    refused.set(e);
                    return;
                }
                // another server took the files after our check: mariadbd would wait 30 s for the lock
                if (MariaDbCommands.dataDirInUse(process.tail())) {
                    inUse.set(true);
                    return;
                }
                throw e;
            }
        });
        if (inUse.get()) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "another server holds the files of " + dataDir)
                    .hint("stop that server, or start on a copy").outputTail(process.tail()).build();
        }
        if (refused.get() != null) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "the server answers but refuses user "
                            + ep.user() + ": " + refused.get().getMessage())
                    .hint("leave skip_grant_tables at its default for existing data directories, so that the init "
                            + "file can add dbrecover's account; the server's log below says why it could not")
                    .cause(refused.get()).build();
        }
    }

    /**
     * Checks that the server lets in nobody without the password: not root without one, not our user with a wrong
     * one, not an unknown user. A copy whose grant tables MariaDB could not load still runs without checking any
     * password (the init file's FLUSH PRIVILEGES failed), and a copy may hold password-less accounts: such a server
     * is stopped rather than left open to every local user.
     */
    void requireAuthentication() {
        List<String> admitted = new ArrayList<>();
        String wrong = "not-" + Secrets.newPassword();
        for (String[] attempt : List.of(new String[] {"root", null}, new String[] {ep.user(), wrong},
                new String[] {"dbrecover_nobody", null})) {
            Endpoint other = new Endpoint(ep.host(), ep.port(), ep.url(), attempt[0], attempt[1]);
            try (Connection c = probe(other)) {
                admitted.add(attempt[0] + (attempt[1] == null ? " without a password" : " with a wrong password"));
            } catch (SQLException e) {
                LOG.debug("as expected, MariaDB refused {}: {}", attempt[0], e.getMessage());
            }
        }
        if (!admitted.isEmpty()) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "MariaDB on " + dataDir + " admits "
                            + String.join(", ", admitted) + " over " + ep.host() + ":" + ep.port()
                            + "; dbrecover stopped it rather than expose the data to every local user")
                    .hint("if its log below says it cannot load mysql.user, the grant tables come from a version "
                            + "this MariaDB cannot read: convert them in a copy (start it with --skip-grant-tables "
                            + "--skip-networking and run mariadb-upgrade through its socket) or use binaries of the "
                            + "version that wrote it; if the copy has password-less accounts on 127.0.0.1 or '%', "
                            + "give them passwords or drop them in the copy")
                    .outputTail(process.tail()).build();
        }
    }

    /** The version the server reports. */
    String serverVersion() {
        try (Connection c = probe(ep); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "cannot read the server version: "
                    + e.getMessage()).cause(e).build();
        }
    }

    /** Removes our account from an existing data directory (MariaDB lets a session drop its own account). */
    void dropAccount() {
        try (Connection c = probe(ep); Statement st = c.createStatement()) {
            st.execute(MariaDbCommands.dropAccountSql());
        } catch (SQLException e) {
            LOG.warn("could not remove the account {}@{} from {}: {}", ep.user(), ep.host(), dataDir,
                    e.getMessage());
        }
    }
}
