package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.mysql.scan.Scan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server the user named with {@code --into}: recover creates tables only in the confirmed databases, replaces
 * or drops only tables it made itself (listed in the work dir), places the files in the server's data directory
 * with the owner of the files there, and puts back the global settings it changes, even when the run stops early.
 */
final class IntoTarget extends Target {
    private static final Logger LOG = LoggerFactory.getLogger(IntoTarget.class);
    private static final String INTO_DIR = "into";
    private static final String CREATED_TABLES = "created-tables.txt";
    private static final String SAVED_SETTINGS = "server-settings.before";
    /** The global settings a recovery changes in an --into server, and puts back afterwards. */
    private static final List<String> CHANGED_SETTINGS = List.of("innodb_checksum_algorithm",
            "mysql56_temporal_format");

    private final TransplantInput.Into into;
    private final List<Path> sources;
    private final Path workDir;
    private final boolean dryRun;
    /** Tables this recovery created in the server (the only ones it may drop), kept in the work dir. */
    private final Set<String> created = new LinkedHashSet<>();
    private volatile Path createdFile;

    IntoTarget(TransplantInput.Into into, List<Path> sources, Path workDir, boolean dryRun) {
        this.into = into;
        this.sources = List.copyOf(sources);
        this.workDir = workDir;
        this.dryRun = dryRun;
    }

    @Override
    Step ready(Assessment.Result assessed) {
        IntoFacts facts = assessed.into();
        return Step.rerunOnResume("connect-target", "connect to the RecoverRequest.into server " + into.url() + " ("
                + facts.version() + ", data directory " + facts.dataDir() + ")", sc -> connect(sc, facts));
    }

    @Override
    String createDatabasesDescription() {
        return "create the confirmed databases that do not exist yet, and check that the server's data directory "
                + "is on this machine";
    }

    @Override
    void createDatabases(List<Scan.Database> databases) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (Scan.Database db : databases) {
                if (!into.allows(db.name())) {
                    continue;
                }
                st.execute(TransplantSql.createDatabase(db));
                checkLocal(st, db);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1044 || e.getErrorCode() == 1142 || e.getErrorCode() == 1227) {
                throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "RecoverRequest.into " + into.url() + ": "
                        + e.getMessage()).hint("connect as an account with CREATE, DROP and ALTER on the confirmed "
                        + "databases " + into.databases()).cause(e).build();
            }
            throw e;
        }
    }

    @Override
    List<Step> afterTables() {
        // as soon as the tables are in: the setting is global, other sessions' new tables get it too
        return List.of(Step.rerunOnResume("restore-settings", "set the RecoverRequest.into "
                + "server's " + String.join(" and ",
                CHANGED_SETTINGS) + " back to what they were before", this::restoreSettings));
    }

    @Override
    List<Step> atEnd() {
        return List.of();
    }

    /** The server's own user must be able to read and write it, as the files it makes itself. */
    @Override
    void place(Path file, Path target, StepContext sc) throws IOException {
        sc.workspace().copyOut(file, target);
        PosixFileAttributeView dir = Files.getFileAttributeView(target.getParent(), PosixFileAttributeView.class);
        PosixFileAttributeView made = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        made.setOwner(dir.readAttributes().owner());
        made.setGroup(dir.readAttributes().group());
        made.setPermissions(PosixFilePermissions.fromString("rw-rw----"));
    }

    private void connect(StepContext sc, IntoFacts facts) throws IOException, SQLException {
        readied(into.endpoint(), facts.dataDir());
        Path dir = sc.workspace().dir(INTO_DIR);
        Path saved = dir.resolve(SAVED_SETTINGS);
        createdFile = dir.resolve(CREATED_TABLES);
        synchronized (created) {
            created.clear();
            if (Files.isRegularFile(createdFile)) {
                created.addAll(Files.readAllLines(createdFile, StandardCharsets.UTF_8));
            }
        }
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + String.join(", ", CHANGED_SETTINGS.stream()
                     .map(n -> "@@" + n).toList()))) {
            rs.next();
            // a resumed run must not take the values an interrupted one left behind for the originals
            if (!Files.isRegularFile(saved)) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < CHANGED_SETTINGS.size(); i++) {
                    text.append(CHANGED_SETTINGS.get(i)).append('=').append(rs.getString(i + 1)).append('\n');
                }
                sc.workspace().files().write(saved, text.toString());
            }
        }
        sc.finding(Finding.info("TARGET_SERVER", "RecoverRequest.into server " + into.url() + " (" + facts.version()
                + "), data directory " + facts.dataDir() + "; recover creates tables only in " + into.databases()
                + " and never discards a table it did not create"));
    }

    /**
     * A run that stopped before its restore-settings step (an error in a step) still puts the --into server's
     * settings back; the saved values stay for a resume when even that fails.
     */
    @Override
    public void close() {
        if (dryRun) {
            return;
        }
        Path saved = workDir.resolve(INTO_DIR).resolve(SAVED_SETTINGS);
        if (!Files.isRegularFile(saved) || endpoint() == null) {
            return;
        }
        try {
            LOG.info("the RecoverRequest.into server's settings are back: {}", putSavedSettingsBack(saved));
        } catch (IOException | SQLException | RecoveryException e) {
            LOG.warn("could not set {} of the RecoverRequest.into server back ({}); run the same command again to do "
                    + "it",
                    CHANGED_SETTINGS, e.getMessage());
        }
    }

    private void restoreSettings(StepContext sc) throws IOException, SQLException {
        Path saved = sc.workspace().dir(INTO_DIR).resolve(SAVED_SETTINGS);
        if (Files.isRegularFile(saved)) {
            sc.finding(Finding.info("TARGET_SETTINGS_RESTORED", "the RecoverRequest.into server's settings are as "
                    + "before: "
                    + putSavedSettingsBack(saved)));
        }
    }

    /**
     * Sets the --into server's global settings to the values saved before this recovery changed them, then deletes
     * the saved values (a later run in this work dir saves the values the server has then).
     *
     * @return what was set, e.g. {@code innodb_checksum_algorithm=full_crc32, mysql56_temporal_format=ON}
     */
    private String putSavedSettingsBack(Path saved) throws IOException, SQLException {
        List<String> assignments = new ArrayList<>();
        for (String line : Files.readAllLines(saved, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            String name = eq < 0 ? "" : line.substring(0, eq);
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            if (!CHANGED_SETTINGS.contains(name) || !value.matches("[A-Za-z_0-9]+")) {
                throw RecoveryException.of(ErrorCode.INTERNAL, saved + " holds no saved setting: " + line).build();
            }
            assignments.add(name + "=" + value);
        }
        if (!assignments.isEmpty()) {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("SET GLOBAL " + String.join(", ", assignments));
            }
        }
        files().delete(saved);
        return String.join(", ", assignments);
    }

    /**
     * Creates a table this recovery owns. In the {@code --into} server only a table this recovery made itself (written
     * down in the work dir when its CREATE
     * succeeded, and not dropped since) may be replaced; any other table of that name, with rows or without, and
     * an orphaned tablespace the server still holds without a definition, make the CREATE fail and are left alone.
     *
     * @throws RecoveryException {@code USAGE} when the name is taken by something recover did not make
     */
    @Override
    void createOwn(Connection c, String database, String table, String createSql)
            throws SQLException, IOException {
        String qualified = TransplantSql.qualified(database, table);
        try (Statement st = c.createStatement()) {
            if (mayDrop(database, table)) {
                st.execute("DROP TABLE IF EXISTS " + qualified);
            } else if (tableExists(c, database, table)) {
                throw taken(c, database, table, "");
            }
            try {
                st.execute(createSql);
            } catch (SQLException e) {
                // 1050: created meanwhile by someone else; 1813: the engine holds a tablespace of that name
                if ((e.getErrorCode() == 1050 || e.getErrorCode() == 1813)) {
                    throw taken(c, database, table, " (" + e.getMessage() + ")");
                }
                throw e;
            }
        }
        synchronized (created) {
            if (created.add(database + "." + table)) {
                writeCreated();
            }
        }
    }

    private RecoveryException taken(Connection c, String database, String table, String detail) {
        String rows = "";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM "
                + TransplantSql.qualified(database, table) + ")")) {
            rs.next();
            rows = rs.getBoolean(1) ? " and it holds rows" : " and it is empty";
        } catch (SQLException e) {
            LOG.debug("rows of {}.{} not readable: {}", database, table, e.getMessage());
        }
        return RecoveryException.of(ErrorCode.USAGE, "the table " + database + "." + table + " exists in the "
                + "RecoverRequest.into "
                + "server" + rows + detail + "; recover never discards or drops a table it did not create")
                .hint("recover into another database, or rename or drop that table yourself if it is expendable")
                .build();
    }

    /** Drops a table this recovery made (see {@link #createOwn}); any other table is left alone. */
    @Override
    void dropOwn(Connection c, String database, String table) throws SQLException, IOException {
        if (!mayDrop(database, table)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TransplantSql.qualified(database, table));
        }
        synchronized (created) {
            // gone: a table of that name made later by someone else must not count as ours on a resume
            if (created.remove(database + "." + table)) {
                writeCreated();
            }
        }
    }

    /** Rewrites the list of tables this recovery made in the --into server; called holding {@code created}. */
    private void writeCreated() {
        StringBuilder text = new StringBuilder();
        created.forEach(t -> text.append(t).append('\n'));
        files().write(createdFile, text.toString());
    }

    /** How this recovery writes outside a step (a step has its workspace's): never into the sources. */
    private OutputFiles files() {
        return OutputFiles.outside(sources);
    }

    /** Whether recover may drop the table: only its own in the --into server. */
    @Override
    boolean mayDrop(String database, String table) {
        synchronized (created) {
            return created.contains(database + "." + table);
        }
    }

    /**
     * The tablespace files are copied into the --into server's data directory: a table made there must show its
     * file in that directory on this machine, or the server is elsewhere (or in a container) and nothing is done.
     */
    private void checkLocal(Statement st, Scan.Database db) throws SQLException {
        String probe = "dbrecover_probe_" + Long.toHexString(System.nanoTime());
        String table = TransplantSql.qualified(db.name(), probe);
        st.execute("CREATE TABLE " + table + " (i INT) ENGINE=InnoDB");
        try {
            Path file = dataDir().resolve(db.directory().getFileName().toString()).resolve(probe + ".ibd");
            if (!Files.isRegularFile(file)) {
                throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the RecoverRequest.into server keeps its "
                        + "files "
                        + "elsewhere than " + file.getParent() + " on this machine (another host, a container, or "
                        + "innodb_file_per_table=OFF): the tablespace files cannot be put into it")
                        .hint("run recover on the server's machine, or recover into a throwaway server and load "
                                + "the RecoverRequest.dump into yours").build();
            }
        } finally {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
