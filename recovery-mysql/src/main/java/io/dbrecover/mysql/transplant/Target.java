package io.dbrecover.mysql.transplant;

import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Where the recovered tables go: a throwaway MariaDB whose data directory is kept in the work dir
 * ({@link ThrowawayTarget}), or a server the user runs, named with {@code --into} ({@link IntoTarget}). What differs
 * between the two lives here: how it is made ready and put back, which tables recover may replace or drop, where a
 * file is placed and with which owner. What its ready step learns (where to connect, its data directory) is the
 * target's state, read by the later steps.
 */
abstract sealed class Target implements AutoCloseable permits ThrowawayTarget, IntoTarget {
    /** Set by the step that makes the target ready (a resumed run does it again). */
    private volatile Endpoint endpoint;
    private volatile Path dataDir;

    /** The target for a request: {@code --into} when it names one, else a throwaway server. */
    static Target of(TransplantInput request, MariaDbServerProvider provider) {
        return request.into() == null ? new ThrowawayTarget(request.server(), provider)
                : new IntoTarget(request.into(), request.from(), request.workDir(), request.dryRun());
    }

    /** The step that makes the target ready: starts the server, or connects and saves its settings. */
    abstract Step ready(Assessment.Result assessed);

    /** What the create-databases step says it does. */
    abstract String createDatabasesDescription();

    /** Creates the databases of the sources this target takes. */
    abstract void createDatabases(List<Scan.Database> databases) throws SQLException;

    /** Steps right after the tables are in (the {@code --into} server's settings go back). */
    abstract List<Step> afterTables();

    /** Steps at the very end (the throwaway server stops). */
    abstract List<Step> atEnd();

    /**
     * Creates a table this recovery owns; a table of that name that it may not replace makes it fail.
     *
     * @throws io.dbrecover.core.api.RecoveryException {@code USAGE} when the name is taken by something recover
     *         did not make
     */
    abstract void createOwn(Connection c, String database, String table, String createSql)
            throws SQLException, IOException;

    /** Drops a table this recovery made; any other table is left alone. */
    abstract void dropOwn(Connection c, String database, String table) throws SQLException, IOException;

    /** Whether recover may drop the table. */
    abstract boolean mayDrop(String database, String table);

    /** Whether the table is there and was made by this recovery. */
    boolean ours(Connection c, String database, String table) throws SQLException {
        return tableExists(c, database, table) && mayDrop(database, table);
    }

    /** Copies a source file to its place in the target's data directory. */
    abstract void place(Path file, Path target, StepContext sc) throws IOException;

    /** Where to connect, once ready. */
    Endpoint endpoint() {
        return endpoint;
    }

    /** The target server's data directory, once ready. */
    Path dataDir() {
        return dataDir;
    }

    void readied(Endpoint where, Path directory) {
        this.endpoint = where;
        this.dataDir = directory;
    }

    /** A session as recover's statements need it. */
    Connection connect() throws SQLException {
        Connection c = MariaDbServer.connect(endpoint);
        try (Statement st = c.createStatement()) {
            // the definitions are what the old server accepted: its zero dates and lax defaults included
            st.execute("SET SESSION foreign_key_checks=0, unique_checks=0, sql_mode='NO_ENGINE_SUBSTITUTION', "
                    + "innodb_strict_mode=OFF, names utf8mb4");
        }
        return c;
    }

    /** Puts back what a run that stopped early left behind; never throws. */
    @Override
    public abstract void close();

    static boolean tableExists(Connection c, String database, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
