package io.dbrecover.mysql.transplant;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Severity;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Planner;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerSlot;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.verify.FileComparison;
import io.dbrecover.mysql.verify.RowComparison;
import io.dbrecover.mysql.verify.TableHash;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.ibd.LayoutCheck;
import io.dbrecover.mysql.ibd.Tablespaces;
import io.dbrecover.mysql.model.ForeignKey;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discard/import transplant as a journaled plan: orphaned tablespaces go into a throwaway MariaDB whose data
 * directory lives in the work dir (so a second run resumes with the tables the first one finished), one step per
 * table, each proved by CHECK TABLE, row counts and an ordered row hash.
 */
public final class Transplant {
    private static final Logger LOG = LoggerFactory.getLogger(Transplant.class);
    /** Plan id, in the journal. */
    public static final String PLAN = "mysql-recover";
    private static final String SERVER_DIR = "server";
    private static final String DATADIR_MARKER = "datadir.path";
    private static final int IMPORT_ATTEMPTS = 3;

    private static final String INTO_DIR = "into";
    private static final String CREATED_TABLES = "created-tables.txt";
    private static final String SAVED_SETTINGS = "server-settings.before";
    /** The global settings a recovery changes in an --into server, and puts back afterwards. */
    private static final List<String> CHANGED_SETTINGS = List.of("innodb_checksum_algorithm",
            "mysql56_temporal_format");

    private final RecoverRequest request;
    private final MariaDbServerProvider provider;
    private final ServerSlot<MariaDbServer> slot = new ServerSlot<>();
    /** Where the tables go: the throwaway server once started, or the {@code --into} server. */
    private volatile Endpoint endpoint;
    private volatile Path targetDataDir;
    /** Tables this recovery created in the {@code --into} server (the only ones it may drop), kept in the work dir. */
    private final Set<String> created = new LinkedHashSet<>();
    private Path createdFile;

    /** Where a table's time went, for the report (and the benchmark). */
    private static final class Phases {
        long copy;
        long imports;
        long keys;
        long compare;
        long hash;

        String describe() {
            return "copy " + copy / 1_000_000 + " ms, import " + imports / 1_000_000 + " ms, compare "
                    + compare / 1_000_000 + " ms, keys " + keys / 1_000_000 + " ms, hash " + hash / 1_000_000 + " ms";
        }
    }

    public Transplant(RecoverRequest request, MariaDbServerProvider provider) {
        this.request = request;
        this.provider = provider;
    }

    /** Assesses the sources, plans, runs (or only plans, for a dry run) and returns the report. */
    public RecoveryReport run() {
        if (request.dump() != null) {
            // before the work: a directory, a missing one or a link there is a usage error, not a late failure
            files().checkWritable(request.dump());
            if (request.ddl() != null) {
                EvidenceWorkspace.checkOutsideSources(List.of(request.ddl()), request.dump());
            }
        }
        // files read through a followed link are inventoried where they are, as a source of their own; which
        // those are is found by listing directories, before anything is read
        List<Path> linked = SourceScan.linkedSources(request.from());
        List<Path> sources = new ArrayList<>(request.from());
        sources.addAll(linked);
        Assessment assessment = new Assessment(request, provider);
        Planner planner = new Planner(Assessment.STEP, Assessment.DESCRIPTION,
                sc -> plan(assessment.run(linked, sc)));
        try (slot) {
            return RecoveryRun.builder(MariaDbServerProvider.ENGINE, "recover").sources(sources)
                    .workDir(request.workDir()).dryRun(request.dryRun()).progress(request.progress())
                    .jobs(request.jobs()).build().execute(planner);
        } finally {
            if (request.into() != null && !request.dryRun()) {
                restoreAfterAbort();
            }
        }
    }

    private Plan plan(Assessment.Result assessed) {
        SourceScan.Result scan = assessed.scan();
        List<Work> work = assessed.work();
        int pageSize = assessed.pageSize();
        IntoServer.Facts into = assessed.into();
        List<Step> steps = new ArrayList<>();
        if (into == null) {
            steps.add(Step.rerunOnResume("start-server", "start the throwaway MariaDB whose data directory is kept "
                    + "in the work dir" + (pageSize == 16384 ? "" : ", initialised with innodb_page_size="
                    + pageSize), sc -> startServer(sc, pageSize)));
        } else {
            steps.add(Step.rerunOnResume("connect-target", "connect to the --into server " + request.into().url()
                    + " (" + into.version() + ", data directory " + into.dataDir() + ")", sc -> connectInto(sc, into)));
        }
        steps.add(new Step("create-databases", into == null ? "create the databases" : "create the confirmed "
                + "databases that do not exist yet, and check that the server's data directory is on this machine",
                sc -> createDatabases(scan, sc)));
        List<Work> ready = work.stream().filter(w -> w.problem() == null).toList();
        for (CreateSettings settings : CreateSettings.ALL) {
            List<Work> group = ready.stream().filter(w -> CreateSettings.of(w.facts(), w.source().definition())
                    .equals(settings)).toList();
            if (group.isEmpty()) {
                continue;
            }
            steps.add(Step.rerunOnResume("create-settings-" + settings.id(), "create the next tables with "
                    + settings.describe() + ", as their files were written", sc -> {
                        try (Connection c = connect(); Statement st = c.createStatement()) {
                            st.execute(settings.setGlobal());
                        }
                    }));
            for (Work w : group) {
                steps.add(Step.concurrent("table:" + w.source().qualifiedName(), "import "
                        + w.source().files().size() + " tablespace file(s) of " + w.source().qualifiedName() + " ("
                        + w.facts().describe() + ") and prove the rows", sc -> transplant(w, sc)));
            }
        }
        if (into != null) {
            // as soon as the tables are in: the setting is global, other sessions' new tables get it too
            steps.add(Step.rerunOnResume("restore-settings", "set the --into server's " + String.join(" and ",
                    CHANGED_SETTINGS) + " back to what they were before", this::restoreSettings));
        }
        steps.add(Step.rerunOnResume("foreign-keys", "add the foreign keys the definitions hold, parents before "
                + "children", sc -> foreignKeys(ready, sc)));
        if (request.dump() != null) {
            steps.add(new Step("dump", "dump the recovered databases to " + request.dump() + " with mariadb-dump, load "
                    + "the dump into a fresh server and prove every table hashes the same there",
                    sc -> dump(scan, sc, pageSize)));
        }
        if (into == null) {
            steps.add(new Step("stop-server", "stop the throwaway server (its data directory stays in the work dir)",
                    sc -> slot.running().stop()));
        }
        return new Plan(PLAN, fingerprint(work), steps);
    }

    private String fingerprint(List<Work> work) {
        StringBuilder sb = new StringBuilder();
        sb.append("dump=").append(request.dump()).append('\n');
        sb.append("ddl=").append(request.ddl()).append('\n');
        sb.append("into=").append(request.into() == null ? "-" : request.into().url() + " "
                + request.into().databases()).append('\n');
        // tables a resumed run skips were checked against the first run's expectations only
        sb.append("expected=").append(RowHashes.format(new java.util.TreeMap<>(request.expected())));
        for (Work w : work) {
            sb.append(w.source().qualifiedName()).append(' ').append(w.facts() == null ? "-" : w.facts().describe())
                    .append(' ').append(w.problem()).append('\n');
            if (w.source().definition() != null) {
                sb.append(DdlWriter.createTable(w.source().definition())).append('\n');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startServer(StepContext sc, int pageSize) throws IOException {
        Path serverDir = sc.workspace().dir(SERVER_DIR);
        Path marker = serverDir.resolve(DATADIR_MARKER);
        ServerOptions.Builder options = request.server().toBuilder().baseDir(serverDir).keepFiles(true);
        if (pageSize != 16384) {
            // a page size only takes when the data directory is made; a resumed run's server was made with it
            options.setting("innodb_page_size", Integer.toString(pageSize));
        }
        Optional<Path> existing = Files.isRegularFile(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(keptDataDir(sc, serverDir, marker)) : Optional.empty();
        removeStaleSecrets(serverDir);
        if (existing.isPresent() && Files.isDirectory(existing.get())) {
            stopLeftover(serverDir, existing.get(), sc);
            options.dataDir(existing.get());
        }
        MariaDbServer server = provider.createServer(options.build());
        slot.set(server);
        server.start();
        ServerInfo info = server.info();
        endpoint = server.endpoint();
        targetDataDir = info.dataDir();
        if (existing.isEmpty()) {
            sc.workspace().files().write(marker, info.dataDir().toString() + "\n");
        }
        sc.tool(new ToolVersion(server.installation().server().getFileName().toString(), info.version(),
                server.installation().server().toString(), info.origin().label()));
        sc.finding(Finding.info("TARGET_SERVER", "throwaway MariaDB " + info.version() + " on "
                + server.endpoint().host() + ":" + server.endpoint().port() + ", data directory " + info.dataDir()
                + " (kept in the work dir)"));
    }

    /**
     * Password files an earlier run left (its init files, the client option files of its dump): the JVM's
     * watchdog removes them when the JVM dies, so only a run whose watchdog died too leaves any.
     */
    private static void removeStaleSecrets(Path serverDir) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(serverDir)) {
            for (Path d : dirs) {
                Secrets.deleteQuietly(d.resolve("private").resolve("init.sql"));
            }
        }
        Path clientDir = serverDir.resolve("client");
        if (Files.isDirectory(clientDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(clientDir, "client-*.cnf")) {
                for (Path f : files) {
                    Secrets.deleteQuietly(f);
                }
            }
        }
    }

    /**
     * The data directory an earlier run's server kept, as its marker names it: only a directory of that server, in
     * the work dir, holding no link and no hard-linked file (the server writes wherever they lead).
     */
    private static Path keptDataDir(StepContext sc, Path serverDir, Path marker) throws IOException {
        Path named = Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip()).toAbsolutePath().normalize();
        if (!named.startsWith(serverDir) || named.equals(serverDir)) {
            throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, marker + " names " + named + " as the data "
                            + "directory of an earlier run, which is not in " + serverDir + "; the throwaway server "
                            + "only ever works in the work dir").path(marker)
                    .hint("start over with a new --workdir").build();
        }
        return sc.workspace().files().checkTree(named);
    }

    /**
     * A run killed with SIGKILL has its servers stopped by the JVM's watchdog; if the watchdog died too, its server
     * still runs on the work dir's data directory, and a resumed run stops it first. Only a process whose command
     * line names this data directory is touched.
     */
    private static void stopLeftover(Path serverDir, Path dataDir, StepContext sc) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(serverDir)) {
            for (Path d : dirs) {
                Path pidFile = d.resolve("mysqld.pid");
                if (!Files.isRegularFile(pidFile)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
                } catch (NumberFormatException e) {
                    continue;
                }
                Optional<ProcessHandle> p = ProcessHandle.of(pid);
                Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
                if (p.isEmpty() || !Files.isReadable(cmdline)) {
                    continue;
                }
                String cmd = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
                if (!cmd.contains("--datadir=" + dataDir)) {
                    continue;
                }
                sc.finding(Finding.warning("LEFTOVER_SERVER_STOPPED", "stopped the throwaway server (pid " + pid
                        + ") an earlier, killed run left running on " + dataDir, null));
                p.get().destroyForcibly();
                try {
                    p.get().onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "the server an earlier run left "
                            + "running (pid " + pid + ") does not stop").hint("kill it: kill -9 " + pid).build();
                }
            }
        }
    }

    private void connectInto(StepContext sc, IntoServer.Facts facts) throws IOException, SQLException {
        IntoServer into = request.into();
        endpoint = into.endpoint();
        targetDataDir = facts.dataDir();
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
        sc.finding(Finding.info("TARGET_SERVER", "--into server " + into.url() + " (" + facts.version()
                + "), data directory " + facts.dataDir() + "; recover creates tables only in " + into.databases()
                + " and never discards a table it did not create"));
    }

    /**
     * A run that stopped before its restore-settings step (an error in a step) still puts the --into server's
     * settings back; the saved values stay for a resume when even that fails.
     */
    private void restoreAfterAbort() {
        Path saved = request.workDir().resolve(INTO_DIR).resolve(SAVED_SETTINGS);
        if (!Files.isRegularFile(saved) || endpoint == null) {
            return;
        }
        try {
            LOG.info("the --into server's settings are back: {}", putSavedSettingsBack(saved));
        } catch (IOException | SQLException | RecoveryException e) {
            LOG.warn("could not set {} of the --into server back ({}); run the same command again to do it",
                    CHANGED_SETTINGS, e.getMessage());
        }
    }

    private void restoreSettings(StepContext sc) throws IOException, SQLException {
        Path saved = sc.workspace().dir(INTO_DIR).resolve(SAVED_SETTINGS);
        if (Files.isRegularFile(saved)) {
            sc.finding(Finding.info("TARGET_SETTINGS_RESTORED", "the --into server's settings are as before: "
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
     * Creates a table this recovery owns. In the throwaway server anything of that name goes first. In an
     * {@code --into} server only a table this recovery made itself (written down in the work dir when its CREATE
     * succeeded, and not dropped since) may be replaced; any other table of that name, with rows or without, and
     * an orphaned tablespace the server still holds without a definition, make the CREATE fail and are left alone.
     *
     * @throws RecoveryException {@code USAGE} when the name is taken by something recover did not make
     */
    private void createOwn(Connection c, String database, String table, String createSql)
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
                if (request.into() != null && (e.getErrorCode() == 1050 || e.getErrorCode() == 1813)) {
                    throw taken(c, database, table, " (" + e.getMessage() + ")");
                }
                throw e;
            }
        }
        if (request.into() != null) {
            synchronized (created) {
                if (created.add(database + "." + table)) {
                    writeCreated();
                }
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
        return RecoveryException.of(ErrorCode.USAGE, "the table " + database + "." + table + " exists in the --into "
                + "server" + rows + detail + "; recover never discards or drops a table it did not create")
                .hint("recover into another database, or rename or drop that table yourself if it is expendable")
                .build();
    }

    /** Drops a table this recovery made (see {@link #createOwn}); any other table is left alone. */
    private void dropOwn(Connection c, String database, String table) throws SQLException, IOException {
        if (!mayDrop(database, table)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TransplantSql.qualified(database, table));
        }
        if (request.into() != null) {
            synchronized (created) {
                // gone: a table of that name made later by someone else must not count as ours on a resume
                if (created.remove(database + "." + table)) {
                    writeCreated();
                }
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
        return OutputFiles.outside(request.from());
    }

    /** Whether recover may drop the table: always in its throwaway server, only its own in an --into server. */
    private boolean mayDrop(String database, String table) {
        if (request.into() == null) {
            return true;
        }
        synchronized (created) {
            return created.contains(database + "." + table);
        }
    }

    private Connection connect() throws SQLException {
        Connection c = MariaDbServer.connect(endpoint);
        try (Statement st = c.createStatement()) {
            // the definitions are what the old server accepted: its zero dates and lax defaults included
            st.execute("SET SESSION foreign_key_checks=0, unique_checks=0, sql_mode='NO_ENGINE_SUBSTITUTION', "
                    + "innodb_strict_mode=OFF, names utf8mb4");
        }
        return c;
    }

    private void createDatabases(SourceScan.Result scan, StepContext sc) throws SQLException {
        try {
            createDatabasesOrFail(scan);
        } catch (SQLException e) {
            if (request.into() != null && (e.getErrorCode() == 1044 || e.getErrorCode() == 1142
                    || e.getErrorCode() == 1227)) {
                throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "--into " + request.into().url() + ": "
                        + e.getMessage()).hint("connect as an account with CREATE, DROP and ALTER on the confirmed "
                        + "databases " + request.into().databases()).cause(e).build();
            }
            throw e;
        }
    }

    private void createDatabasesOrFail(SourceScan.Result scan) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (MySqlDdl.Database db : scan.databases()) {
                if (request.into() != null && !request.into().allows(db.name())) {
                    continue;
                }
                st.execute("CREATE DATABASE IF NOT EXISTS " + DdlWriter.id(db.name())
                        + (db.charset().isEmpty() ? "" : " CHARACTER SET " + db.charset())
                        + (db.collation().isEmpty() ? "" : " COLLATE " + db.collation()));
                if (request.into() != null) {
                    checkLocal(st, db);
                }
            }
        }
    }

    /**
     * The tablespace files are copied into the --into server's data directory: a table made there must show its
     * file in that directory on this machine, or the server is elsewhere (or in a container) and nothing is done.
     */
    private void checkLocal(Statement st, MySqlDdl.Database db) throws SQLException {
        String probe = "dbrecover_probe_" + Long.toHexString(System.nanoTime());
        String table = TransplantSql.qualified(db.name(), probe);
        st.execute("CREATE TABLE " + table + " (i INT) ENGINE=InnoDB");
        try {
            Path file = targetDataDir.resolve(db.directory().getFileName().toString()).resolve(probe + ".ibd");
            if (!Files.isRegularFile(file)) {
                throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the --into server keeps its files "
                        + "elsewhere than " + file.getParent() + " on this machine (another host, a container, or "
                        + "innodb_file_per_table=OFF): the tablespace files cannot be put into it")
                        .hint("run recover on the server's machine, or recover into a throwaway server and load "
                                + "the --dump into yours").build();
            }
        } finally {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    private void transplant(Work w, StepContext sc) {
        TableSource t = w.source();
        String table = TransplantSql.qualified(t.database(), t.table());
        long t0 = System.nanoTime();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            // CREATE TABLE statements name the table alone: they go to the table's database
            st.execute("USE " + DdlWriter.id(t.database()));
            Proof proof = new Proof();
            Phases phases = new Phases();
            boolean withCfg = TransplantSql.usesCfg(t);
            if (t.partitioned()) {
                importPartitions(w, c, sc, phases, proof);
            } else if (withCfg) {
                // the exported shape, every key included: the server checks it against the .cfg and imports the
                // secondary indexes too
                createOwn(c, t.database(), t.table(), DdlWriter.createTable(TransplantSql.exported(t.definition(),
                        w.facts())));
                checkCreatedStorage(w, t.tablespace(), t.fileBase());
                importInto(c, table, t.database(), t.fileBase(), t.tablespace(), t.cfg(), sc, phases);
                // the rows are compared with the file in the pass that hashes them, in the clustered key's order
                proof.deferred = true;
            } else {
                createOwn(c, t.database(), t.table(), DdlWriter.createTable(TransplantSql.importable(t.definition(),
                        w.facts(), t.table())));
                checkCreatedStorage(w, t.tablespace(), t.fileBase());
                importInto(c, table, t.database(), t.fileBase(), t.tablespace(), null, sc, phases);
                if (TransplantSql.clusteredKey(t.definition()) != null) {
                    // compared in the pass that hashes the rows, in the clustered key's order, after the keys
                    proof.deferred = true;
                } else {
                    // rows clustered on the row id come in that order only while the table has no other index
                    compareRows(c, t, t.table(), t.tablespace(), sc, proof);
                }
            }
            long k0 = System.nanoTime();
            if (!withCfg) {
                for (String sql : TransplantSql.restore(table, t.definition())) {
                    st.execute(sql);
                }
            }
            phases.keys = System.nanoTime() - k0;
            prove(w, c, sc, proof, phases, (System.nanoTime() - t0) / 1_000_000);
        } catch (RecoveryException e) {
            fail(w, sc, e.code(), e.getMessage(), e.hint().orElse(null), false);
        } catch (SQLTransientException e) {
            fail(w, sc, ErrorCode.PROCESS_FAILED, "the server gave a transient error: " + e.getMessage(),
                    "run the same command again: this table is retried", true);
        } catch (SQLException | IOException e) {
            fail(w, sc, ErrorCode.PROCESS_FAILED, explain(e), hintFor(e), false);
        }
    }

    private void importPartitions(Work w, Connection c, StepContext sc, Phases phases, Proof proof)
            throws SQLException, IOException {
        TableSource t = w.source();
        String table = TransplantSql.qualified(t.database(), t.table());
        try (Statement st = c.createStatement()) {
            createOwn(c, t.database(), t.table(), DdlWriter.createTable(TransplantSql.importablePartitioned(
                    t.definition(), w.facts())));
            checkEveryPartitionHasAFile(c, t);
            int n = 0;
            for (TableSource.PartitionFile p : t.partitions()) {
                String scratchName = TransplantSql.scratchName(t.qualifiedName(), n++);
                String scratch = TransplantSql.qualified(t.database(), scratchName);
                try {
                    createOwn(c, t.database(), scratchName, DdlWriter.createTable(TransplantSql.importable(
                            t.definition(), w.facts(), scratchName)));
                    checkCreatedStorage(w, p.file(), scratchName);
                    importInto(c, scratch, t.database(), scratchName, p.file(), null, sc, phases);
                    compareRows(c, t, scratchName, p.file(), sc, proof);
                    // a subpartition is exchanged by its own name, like a partition of its own; WITH VALIDATION
                    // (the default): every row must belong to the partition, a check on the file too
                    String exchanged = p.subpartition() != null ? p.subpartition() : p.partition();
                    st.execute("ALTER TABLE " + table + " EXCHANGE PARTITION " + DdlWriter.id(exchanged)
                            + " WITH TABLE " + scratch);
                } finally {
                    dropOwn(c, t.database(), scratchName);
                }
            }
        }
    }

    /**
     * A partition whose file is missing would stay empty and the table would hash what is left as if complete:
     * every partition the definition makes must have its file.
     */
    private static void checkEveryPartitionHasAFile(Connection c, TableSource t) throws SQLException {
        Set<String> files = new java.util.HashSet<>();
        for (TableSource.PartitionFile p : t.partitions()) {
            files.add(p.partition() + "/" + (p.subpartition() == null ? "" : p.subpartition()));
        }
        List<String> missing = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT PARTITION_NAME, SUBPARTITION_NAME FROM "
                + "information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "ORDER BY PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION")) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sub = rs.getString(2);
                    if (!files.contains(rs.getString(1) + "/" + (sub == null ? "" : sub))) {
                        missing.add(sub == null ? rs.getString(1) : rs.getString(1) + "/" + sub);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "partition(s) " + String.join(", ", missing)
                    + " have no tablespace file (" + t.fileBase() + "#P#…): their rows are missing")
                    .hint("look for the files on the old disk; to recover the other partitions alone, give a "
                            + "definition without the missing ones with --ddl").build();
        }
    }

    private void importInto(Connection c, String table, String database, String fileBase, Path file, Path cfg,
                            StepContext sc, Phases phases) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " DISCARD TABLESPACE");
            Path target = targetDataDir.resolve(databaseDirName(file)).resolve(fileBase + ".ibd");
            if (!Files.isDirectory(target.getParent())) {
                throw RecoveryException.of(ErrorCode.INTERNAL, "the server keeps database " + database
                        + " elsewhere than " + target.getParent()).build();
            }
            long c0 = System.nanoTime();
            place(file, target, sc);
            Tablespaces.typePage0(sc.workspace().files(), target); // a MySQL 5.0 file: page 0 must say FSP_HDR
            Path cfgTarget = cfg == null ? null : target.resolveSibling(fileBase + ".cfg");
            if (cfg != null) {
                place(cfg, cfgTarget, sc);
            }
            phases.copy += System.nanoTime() - c0;
            long i0 = System.nanoTime();
            SQLException last = null;
            try {
                for (int attempt = 1; attempt <= IMPORT_ATTEMPTS; attempt++) {
                    try {
                        st.execute("ALTER TABLE " + table + " IMPORT TABLESPACE");
                        phases.imports += System.nanoTime() - i0;
                        return;
                    } catch (SQLTransientException e) {
                        last = e;
                        LOG.info("import of {} failed transiently (attempt {}): {}", table, attempt, e.getMessage());
                    }
                }
            } finally {
                if (cfgTarget != null) {
                    // read by the import only; it must not linger in a server's data directory
                    sc.workspace().files().delete(cfgTarget);
                }
            }
            throw last;
        }
    }

    /**
     * Reads back the definition the server wrote for a table it just created (its {@code .frm}) and refuses the
     * import unless the server stores every column as the file does: width, pre-5.6 or 5.6 temporal format,
     * nullability, character set. A server that interprets a CREATE TABLE otherwise than our definition means (a
     * global setting, a type it no longer creates) would read the file at wrong offsets, and CHECK TABLE would not
     * notice.
     */
    private void checkCreatedStorage(Work w, Path file, String nameOnDisk) {
        Path frm = targetDataDir.resolve(databaseDirName(file)).resolve(nameOnDisk + ".frm");
        TableDefinition created;
        try {
            created = FrmReader.read(frm);
        } catch (RecoveryException e) {
            throw RecoveryException.of(ErrorCode.INTERNAL, "cannot read back the definition the server wrote for "
                    + w.source().qualifiedName() + " (" + frm + "): " + e.getMessage()).cause(e).build();
        }
        String difference = Tablespaces.storageDifference(w.source().definition(), created,
                w.facts().rowFormat() == io.dbrecover.mysql.model.RowFormat.REDUNDANT);
        if (difference != null) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the server created the table otherwise than "
                    + "its file stores it: " + difference + "; it would read the file wrongly").hint("the rows need "
                    + "page-level extraction, which this version does not do; keep the files").build();
        }
    }

    /** Copies a source file into the target's data directory. */
    private void place(Path file, Path target, StepContext sc) throws IOException {
        if (request.into() == null) {
            sc.workspace().copyIn(file, sc.workDir().relativize(target).toString());
            return;
        }
        // the server's own user must be able to read and write it, as the files it makes itself
        sc.workspace().copyOut(file, target);
        PosixFileAttributeView dir = Files.getFileAttributeView(target.getParent(), PosixFileAttributeView.class);
        PosixFileAttributeView made = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        made.setOwner(dir.readAttributes().owner());
        made.setGroup(dir.readAttributes().group());
        made.setPermissions(PosixFilePermissions.fromString("rw-rw----"));
    }

    private static String databaseDirName(Path file) {
        return String.valueOf(file.getParent().getFileName());
    }

    private void prove(Work w, Connection c, StepContext sc, Proof proof, Phases phases, long millis)
            throws SQLException {
        TableSource t = w.source();
        String item = t.qualifiedName();
        String table = TransplantSql.qualified(t.database(), t.table());
        boolean ok = !proof.failed;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("CHECK TABLE " + table)) {
            String last = "no answer";
            boolean fine = false;
            while (rs.next()) {
                last = rs.getString("Msg_type") + ": " + rs.getString("Msg_text");
                fine |= "status".equalsIgnoreCase(rs.getString("Msg_type")) && "OK".equals(rs.getString("Msg_text"));
            }
            sc.verification(new Verification(item, "check-table", fine, "status: OK", last));
            ok &= fine;
        }
        LayoutCheck layout = w.layout();
        if (layout != null && layout.checked()) {
            sc.verification(new Verification(item, "definition-fits-file-records", true, "the stored column "
                    + "layout of " + t.definitionSource(), layout.recordsChecked() + " records of the file decoded "
                    + "with it"));
        }
        long count;
        // a system-versioned table's history rows are rows too: they are compared and hashed with the others
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table
                + (t.definition().systemVersioned() ? " FOR SYSTEM_TIME ALL" : ""))) {
            rs.next();
            count = rs.getLong(1);
        }
        long h0 = System.nanoTime();
        RowHash hash = proof.deferred ? compareAndHash(c, t, sc, proof) : null;
        if (hash == null) {
            if (proof.deferred) {
                compareRows(c, t, t.table(), t.tablespace(), sc, proof);
            }
            long h1 = System.nanoTime();
            hash = TableHash.of(c, t.database(), t.table());
            phases.hash = System.nanoTime() - h1;
        } else {
            // one pass: what it took beyond reading and hashing the rows counts as the comparison's
            phases.hash = System.nanoTime() - h0 - proof.comparisonNanos;
        }
        phases.compare = proof.comparisonNanos;
        Verification counted = Verification.equality(item, "row-count-equals-rows-hashed", count, hash.rows());
        sc.verification(counted);
        ok &= counted.passed();
        RowHash known = request.expected().get(item);
        if (known != null) {
            Verification same = Verification.equality(item, "ordered-row-hash-equals-expected", known.rows() + " rows "
                    + known.sha256(), hash.rows() + " rows " + hash.sha256());
            sc.verification(same);
            ok &= same.passed();
        }
        boolean proven = proof.compared && proof.notCompared.isEmpty();
        if (!proven) {
            String why = proof.notCompared.isEmpty() ? "no value could be compared"
                    : proof.notCompared.entrySet().stream().map(e -> "`" + e.getKey() + "` (" + e.getValue() + ")")
                    .collect(java.util.stream.Collectors.joining(", "));
            sc.finding(Finding.warning("VALUES_NOT_COMPARED", item + ": imported, not proven: our reader could not "
                    + "compare the file's values with the server's for " + why + "; the row hash proves what the "
                    + "server reads, not that it reads the file as written", String.valueOf(t.files().get(0))));
        }
        String detail = hash.rows() + " rows, row hash sha256:" + hash.sha256() + "; " + w.facts().describe()
                + "; definition from " + t.definitionSource() + (TransplantSql.usesCfg(t) ? ", imported with its .cfg "
                + "(the server checked the definition against it)" : "") + (proven && ok ? "; every value equal to what "
                + "our reader decodes from the file" : proven ? "" : "; not proven: values not compared") + "; "
                + millis + " ms ("
                + phases.describe() + ")";
        sc.item(new ItemResult(item, !ok ? ItemStatus.VERIFICATION_FAILED : proven ? ItemStatus.VERIFIED
                : ItemStatus.NOT_PROVEN, detail));
    }

    private void fail(Work w, StepContext sc, ErrorCode code, String message, String hint, boolean retry) {
        TableSource t = w.source();
        sc.item(new ItemResult(t.qualifiedName(), ItemStatus.FAILED, message + (hint == null ? "" : "; try: " + hint)));
        sc.finding(new Finding(Severity.ERROR, code.name(), t.qualifiedName() + ": " + message,
                t.files().isEmpty() ? null : String.valueOf(t.files().get(0))));
        if (retry) {
            sc.retryOnResume();
        }
        if (!mayDrop(t.database(), t.table())) {
            return;
        }
        // a half-made table must not reach a dump or look recovered
        try (Connection c = connect()) {
            dropOwn(c, t.database(), t.table());
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warn("could not drop the failed table {}: {}", t.qualifiedName(), e.getMessage());
        }
    }

    private static String explain(Exception e) {
        if (e instanceof SQLException s) {
            return switch (s.getErrorCode()) {
                case 1808 -> "the server refused the file: " + s.getMessage();
                case 1034 -> "the file is damaged (" + s.getMessage() + ")";
                default -> "the server said: " + s.getMessage() + " (error " + s.getErrorCode() + ")";
            };
        }
        return e.getMessage();
    }

    private static String hintFor(Exception e) {
        if (e instanceof SQLException s && s.getErrorCode() == 1034) {
            return "a table written just before a crash may have a damaged page 0; keep the file for page-level "
                    + "extraction";
        }
        return null;
    }

    /**
     * Adds the foreign keys the definitions hold (from {@code --ddl} or SDI; a {@code .frm} has none), parents
     * before children, with {@code foreign_key_checks=1}: the server then proves every child row has its parent.
     * A key whose parent table is not there (not recovered, or not in the sources) is left out and reported.
     */
    private void foreignKeys(List<Work> ready, StepContext sc) throws SQLException {
        Map<String, Work> byName = new LinkedHashMap<>();
        ready.forEach(w -> byName.put(w.source().qualifiedName(), w));
        List<Work> ordered = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Work w : ready) {
            parentsFirst(w, byName, seen, ordered);
        }
        if (ordered.stream().allMatch(w -> w.source().definition().foreignKeys().isEmpty())) {
            return;
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("SET SESSION foreign_key_checks=1");
            for (Work w : ordered) {
                TableSource t = w.source();
                if (t.definition().foreignKeys().isEmpty() || !ours(c, t.database(), t.table())) {
                    continue;
                }
                for (ForeignKey fk : t.definition().foreignKeys()) {
                    String parentDb = fk.referencedSchema().isEmpty() ? t.database() : fk.referencedSchema();
                    String parent = parentDb + "." + fk.referencedTable();
                    if (!ours(c, parentDb, fk.referencedTable())) {
                        sc.finding(Finding.warning("FOREIGN_KEY_LEFT_OUT", t.qualifiedName() + ": foreign key "
                                + fk.name() + " is not added, its parent table " + parent + " is not one this "
                                + "recovery brought back", null));
                        continue;
                    }
                    if (constraintExists(c, t.database(), t.table(), fk.name())) {
                        // added by an interrupted run of this recovery, with the same checks
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", true, fk.name()
                                + ": every row has its parent in " + parent, "present, added with "
                                + "foreign_key_checks=1 by an earlier run"));
                        continue;
                    }
                    // the parent is named with its database: an ALTER of another database's table would not find it
                    ForeignKey qualified = new ForeignKey(fk.name(), fk.columns(), parentDb, fk.referencedTable(),
                            fk.referencedColumns(), fk.onUpdate(), fk.onDelete());
                    String sql = "ALTER TABLE " + TransplantSql.qualified(t.database(), t.table()) + " ADD "
                            + DdlWriter.foreignKey(qualified);
                    try {
                        st.execute(sql);
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", true, fk.name()
                                + ": every row has its parent in " + parent, "added with foreign_key_checks=1"));
                    } catch (SQLException ex) {
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", false, fk.name()
                                + ": every row has its parent in " + parent, ex.getMessage()));
                    }
                }
            }
        }
    }

    private static void parentsFirst(Work w, Map<String, Work> byName, Set<String> seen, List<Work> out) {
        if (!seen.add(w.source().qualifiedName())) {
            return;
        }
        for (ForeignKey fk : w.source().definition().foreignKeys()) {
            String parentDb = fk.referencedSchema().isEmpty() ? w.source().database() : fk.referencedSchema();
            Work parent = byName.get(parentDb + "." + fk.referencedTable());
            if (parent != null) {
                parentsFirst(parent, byName, seen, out);
            }
        }
        out.add(w);
    }

    /** Whether the table is there and was made by this recovery (any table of its own throwaway server is). */
    private boolean ours(Connection c, String database, String table) throws SQLException {
        return tableExists(c, database, table) && (request.into() == null || mayDrop(database, table));
    }

    private static boolean constraintExists(Connection c, String database, String table, String name)
            throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema."
                + "REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean tableExists(Connection c, String database, String table) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void dump(SourceScan.Result scan, StepContext sc, int pageSize) throws IOException, SQLException {
        Path target = sc.workspace().checkOutput(request.dump().toAbsolutePath());
        List<String> databases = scan.databases().stream().map(MySqlDdl.Database::name).toList();
        Path optionDir = sc.workspace().dir(SERVER_DIR).resolve("client");
        ProcessRunner runner = new ProcessRunner();
        Path checkDir = sc.workspace().dir("dump-check");
        ServerOptions.Builder freshOptions = request.server().toBuilder().baseDir(checkDir).dataDir(null)
                .keepFiles(false).setting("max_allowed_packet", "1G");
        if (pageSize != 16384) {
            // rows that fit the recovered tables' pages must fit the reloaded ones
            freshOptions.setting("innodb_page_size", Integer.toString(pageSize));
        }
        try (MariaDbServer fresh = provider.createServer(freshOptions.build())) {
            fresh.start();
            // the fresh server's installation has the client programs, whichever server holds the tables
            Map<String, List<String>> tables = new LinkedHashMap<>();
            try (Connection recovered = connect()) {
                for (String db : databases) {
                    tables.put(db, tablesOf(recovered, db));
                }
            }
            Map<String, Long> written = SqlDump.write(runner, fresh.installation(), endpoint, optionDir, tables,
                    sc.workspace().files(), target);
            sc.finding(Finding.info("DUMP_WRITTEN", "SQL dump of " + databases + " written to " + target + " ("
                    + Files.size(target) + " bytes, " + written.values().stream().mapToLong(Long::longValue).sum()
                    + " rows of " + written.size() + " tables; every value exact: floating point with all its "
                    + "digits, strings as hex)"));
            SqlDump.load(runner, fresh.installation(), fresh.endpoint(), optionDir, target);
            try (Connection recovered = connect(); Connection reloaded = MariaDbServer.connect(fresh.endpoint())) {
                for (Map.Entry<String, List<String>> db : tables.entrySet()) {
                    for (String table : db.getValue()) {
                        String item = db.getKey() + "." + table;
                        RowHash want = TableHash.of(recovered, db.getKey(), table);
                        RowHash got;
                        try {
                            got = TableHash.of(reloaded, db.getKey(), table);
                        } catch (SQLException | RecoveryException e) {
                            sc.verification(new Verification(item, "dump-reloads-identically", false,
                                    want.rows() + " rows " + want.sha256(), "not in the reloaded dump: "
                                    + e.getMessage()));
                            continue;
                        }
                        sc.verification(Verification.equality(item, "dump-reloads-identically",
                                want.rows() + " rows " + want.sha256(), got.rows() + " rows " + got.sha256()));
                    }
                }
            }
        }
    }

    private static List<String> tablesOf(Connection c, String database) throws SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Every row our own page reader decodes from the file, compared value by value and exactly with every row the
     * server returns right after the import (before other keys are added, so that a table clustered on the row id
     * is read in that order): two independent decoders of the same bytes. A column that cannot be compared is
     * named and keeps the table from counting as proven; a difference fails it.
     */
    private static void compareRows(Connection c, TableSource t, String importedAs, Path file, StepContext sc,
                                    Proof proof) {
        String item = t.qualifiedName();
        long t0 = System.nanoTime();
        FileComparison s;
        try {
            s = RowComparison.compare(c, t.database(), importedAs, file, t.definition());
        } catch (RecoveryException e) {
            sc.verification(new Verification(item, "rows-equal-file", false, "every row of " + file.getFileName()
                    + " as our reader decodes it", e.getMessage()));
            proof.failed = true;
            return;
        }
        proof.comparisonNanos += System.nanoTime() - t0;
        record(item, file, s, sc, proof);
    }

    private static void record(String item, Path file, FileComparison s, StepContext sc, Proof proof) {
        s.notCompared().forEach((column, why) -> proof.notCompared.put(column, why));
        proof.compared |= !s.compared().isEmpty();
        if (s.compared().isEmpty() && s.equal()) {
            return;
        }
        sc.verification(new Verification(item, "rows-equal-file", s.equal(), "every row of " + file.getFileName()
                + " as our reader decodes it, in " + s.compared().size() + " column(s)", s.equal() ? s.rows()
                + " rows equal, every value exactly" + (s.notes().isEmpty() ? "" : " (" + String.join(" ", s.notes())
                + ")") : s.firstDifference()));
        proof.failed |= !s.equal();
    }

    /**
     * Compares every row with the file and hashes them in one pass (see {@link RowComparison#compareAndHash}); the
     * comparison's share of the time is the pass's time minus what a plain hash of the rows takes, estimated here as
     * the time our reader spent decoding the file.
     *
     * @return the row hash, or {@code null} when the hash's order is not the file's (then nothing was compared)
     */
    private static RowHash compareAndHash(Connection c, TableSource t, StepContext sc, Proof proof) {
        String item = t.qualifiedName();
        Path file = t.tablespace();
        long t0 = System.nanoTime();
        java.util.Optional<RowComparison.Proof> both;
        try {
            both = RowComparison.compareAndHash(c, t.database(), t.table(), file, t.definition());
        } catch (RecoveryException e) {
            sc.verification(new Verification(item, "rows-equal-file", false, "every row of " + file.getFileName()
                    + " as our reader decodes it", e.getMessage()));
            proof.failed = true;
            return null;
        }
        if (both.isEmpty()) {
            return null;
        }
        FileComparison s = both.get().comparison();
        proof.comparisonNanos += s.fileNanos();
        record(item, file, s, sc, proof);
        return both.get().hash();
    }

    /** What the row comparisons of one table (one per tablespace file) found. */
    private static final class Proof {
        boolean deferred;
        boolean failed;
        boolean compared;
        long comparisonNanos;
        final Map<String, String> notCompared = new LinkedHashMap<>();
    }
}
