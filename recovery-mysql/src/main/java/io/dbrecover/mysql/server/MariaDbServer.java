package io.dbrecover.mysql.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.OsUsers;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.process.RunningProcess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.FreePorts;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.Readiness;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.workspace.InputFiles;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway MariaDB server: a new data directory (a copy of a cached {@code mariadb-install-db} template, see
 * {@link MariaDbTemplates}) in a temporary directory, or an existing one from {@link ServerOptions#dataDir()};
 * then {@code mariadbd --no-defaults} in the foreground on 127.0.0.1 and a free port, ready when
 * {@code SELECT 1} answers through Connector/J. Stopped with SIGTERM (a clean shutdown, a fraction of a second).
 *
 * <p>Only one account is reachable over TCP: {@code dbrecover@127.0.0.1}, made at each start by an init file (0600,
 * in a 0700 directory, deleted once the server is ready) with a random password that {@link #endpoint()} carries
 * and {@link #connect(Endpoint)} uses. root of a new data directory logs in through the Unix socket (in that 0700
 * directory) as OS user root only. After start the server must refuse root without a password and a wrong
 * password, else it is stopped and the start fails: a throwaway server never exposes data to other local users.
 *
 * <p>On an existing data directory the server starts with {@code --skip-grant-tables}, since the accounts of the
 * copied server are unknown; the init file's FLUSH PRIVILEGES loads the copy's grant tables before any client is
 * admitted, and our account is added to them (and dropped again at {@link #stop()}). Grant tables this MariaDB
 * cannot load (e.g. a MySQL 5.7 {@code mysql.user}) make the start fail with a hint. It keeps the directory's redo
 * log size. The directory is refused when another server holds its files, when it is a MySQL 8 directory
 * (which MariaDB cannot open) or when it does not look like a data directory at all. Pass a copy, never an
 * original: the server writes into it. It is never deleted.
 *
 * <p>As root the server runs as root ({@code --user=root}), unless {@link ServerOptions#runAsUser()} names
 * another user: then it runs as that user, who is given the data directory and the temporary directory.
 */
public final class MariaDbServer implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
    private static final int PORT_ATTEMPTS = 3;
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    // "Access denied": the server answers but will not let us in, and waiting longer cannot help
    private static final List<Integer> REFUSALS = List.of(1045, 1698);

    private final ServerOptions options;
    private final MariaDbBinaries.Location location;
    private final MariaDbBinaries binaries;
    private final MariaDbTemplates templates;
    private final ProcessRunner runner;
    private final Map<String, String> settings;

    private MariaDbInstallation installation;
    private Path tempDir;
    private Path socketDir;
    private Path privateDir;
    private Path initFile;
    private String password;
    private Path dataDir;
    private RunningProcess process;
    private ServerInfo info;
    private Endpoint endpoint;
    private boolean closed;

    MariaDbServer(ServerOptions options, MariaDbBinaries.Location location, MariaDbBinaries binaries,
                  MariaDbTemplates templates, ProcessRunner runner) {
        this.options = options;
        this.location = location;
        this.binaries = binaries;
        this.templates = templates;
        this.runner = runner;
        this.settings = MariaDbCommands.checkedSettings(options.settings());
    }

    @Override
    public String engine() {
        return MariaDbServerProvider.ENGINE;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw RecoveryException.of(ErrorCode.USAGE, "this MariaDB server was closed and cannot start again")
                    .hint("create a new server").build();
        }
        if (isRunning()) {
            return;
        }
        prepareInstallation();
        Optional<OsUsers.OsUser> user = runUser();
        if (tempDir == null) {
            tempDir = TempDirs.create(options.baseDir(), "mysql");
        }
        boolean existing = options.dataDir() != null;
        if (existing) {
            dataDir = options.dataDir().toAbsolutePath().normalize();
            checkExistingDataDir(dataDir);
        } else {
            dataDir = tempDir.resolve("data");
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                // left over from a failed attempt, if anything
                TempDirs.deleteQuietly(dataDir);
                createDataDir();
            }
        }
        if (user.isPresent()) {
            requireReachable(user.get(), List.of(installation.server(), tempDir, dataDir));
            OsUsers.chownTree(tempDir, user.get());
            if (existing) {
                OsUsers.chownTree(dataDir, user.get());
            }
        }
        Path socket = socketPath(user);
        Optional<String> logSize = existing ? MariaDbCommands.existingLogFileSize(dataDir)
                : Optional.of(MariaDbCommands.NEW_LOG_FILE_SIZE);
        launch(user, socket, MariaDbCommands.defaults(existing, logSize));
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized ServerInfo info() {
        if (info == null) {
            throw notStarted();
        }
        return info;
    }

    @Override
    public synchronized Endpoint endpoint() {
        if (endpoint == null) {
            throw notStarted();
        }
        return endpoint;
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            if (options.dataDir() != null && process.isAlive() && endpoint != null) {
                dropAccount(endpoint);
            }
            long t0 = System.nanoTime();
            process.close();
            LOG.info("MariaDB on port {} stopped (pid {}) in {} ms", endpoint == null ? "?" : endpoint.port(),
                    process.pid(), (System.nanoTime() - t0) / 1_000_000);
            process = null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (socketDir != null) {
            TempDirs.deleteQuietly(socketDir);
        }
        if (tempDir != null) {
            if (options.keepFiles()) {
                LOG.info("kept the throwaway MariaDB files in {}", tempDir);
            } else {
                TempDirs.deleteQuietly(tempDir);
            }
        }
    }

    /** The installation the server runs from; only valid after {@link #start()}. */
    public synchronized MariaDbInstallation installation() {
        if (installation == null) {
            throw notStarted();
        }
        return installation;
    }

    /**
     * A {@code [client]} option file's text for the endpoint, for the {@code mariadb} client and
     * {@code mariadb-dump} ({@code --defaults-extra-file}): it holds the password, so write it with
     * {@link io.dbrecover.core.server.Secrets#writePrivateFile} and never pass the password on a command line.
     */
    public static String clientOptions(Endpoint endpoint) {
        return "# written by dbrecover: valid while the throwaway server runs\n[client]\nprotocol=tcp\nhost="
                + endpoint.host() + "\nport=" + endpoint.port() + "\nuser=" + endpoint.user()
                + (endpoint.password() == null ? "" : "\npassword=\"" + endpoint.password().replace("\\", "\\\\")
                .replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"") + "\n";
    }

    /** Opens a connection to a throwaway server's endpoint as its user, with its password. */
    public static Connection connect(Endpoint endpoint) throws SQLException {
        return connect(endpoint, new Properties());
    }

    /**
     * Opens a connection to a throwaway server's endpoint as its user, with its password and more Connector/J
     * properties (e.g. {@code rewriteBatchedStatements}).
     */
    public static Connection connect(Endpoint endpoint, Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", endpoint.user());
        if (endpoint.password() != null) {
            p.setProperty("password", endpoint.password());
        }
        p.setProperty("connectTimeout", "5000");
        p.putAll(extra);
        return DriverManager.getConnection(endpoint.url(), p);
    }

    /** Removes our account from an existing data directory (MariaDB lets a session drop its own account). */
    private void dropAccount(Endpoint ep) {
        try (Connection c = probe(ep); Statement st = c.createStatement()) {
            st.execute(MariaDbCommands.dropAccountSql());
        } catch (SQLException e) {
            LOG.warn("could not remove the account {}@{} from {}: {}", ep.user(), ep.host(), dataDir,
                    e.getMessage());
        }
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

    private void prepareInstallation() {
        if (installation != null) {
            return;
        }
        MariaDbInstallation inst = binaries.prepare(location);
        if (!inst.version().mariaDb()) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, inst.server() + " is " + inst.version().product()
                            + "; throwaway servers need MariaDB")
                    .path(inst.server()).hint(MariaDbBinaries.MISSING_HINT).build();
        }
        installation = inst;
    }

    private Optional<OsUsers.OsUser> runUser() {
        String wanted = options.runAsUser();
        if (!OsUsers.isRoot() || wanted == null || "root".equals(wanted)) {
            return Optional.empty();
        }
        return Optional.of(OsUsers.lookup(wanted).orElseThrow(() -> RecoveryException.of(ErrorCode.PERMISSION_DENIED,
                        "user '" + wanted + "' does not exist, so MariaDB cannot run as it")
                .hint("create the user (apt-get install mariadb-server creates 'mysql') or leave runAsUser unset")
                .build()));
    }

    private void createDataDir() {
        if (installation.installDb() == null) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "no mariadb-install-db belongs to "
                            + installation.server() + ", so it cannot create a new data directory")
                    .path(installation.server()).hint("apt-get install " + MariaDbBinaries.DEBIAN_SERVER_PACKAGE
                            + ", or start on an existing data directory").build();
        }
        templates.newDataDir(installation, settings, dataDir, this::installDb);
    }

    private void installDb(Path target) {
        List<String> command = MariaDbCommands.installDb(installation, target, settings, OsUsers.isRoot());
        ProcessSpec spec = ProcessSpec.of(command).cleanEnvironment(true).env("LC_ALL", "C").workingDir(tempDir)
                .logName("mariadb-install-db").timeout(INSTALL_TIMEOUT).tailLines(60).build();
        try {
            long t0 = System.nanoTime();
            runner.run(spec);
            LOG.debug("mariadb-install-db made {} in {} ms", target, (System.nanoTime() - t0) / 1_000_000);
        } catch (RecoveryException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED,
                            "mariadb-install-db could not create a MariaDB data directory in " + target + ": "
                                    + e.getMessage())
                    .path(target).hint(MariaDbCommands.hintFor(e.outputTail()).orElse("see its last output below; "
                            + "`dbrecover doctor` checks the installation"))
                    .outputTail(e.outputTail()).cause(e).build();
        }
        if (!Files.isDirectory(target.resolve("mysql"))) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "mariadb-install-db ended without creating "
                    + target.resolve("mysql")).path(target).hint("run it by hand to see why: "
                    + String.join(" ", command)).build();
        }
    }

    /** Refuses directories the server would fail on slowly or obscurely, or would write garbage into. */
    static void checkExistingDataDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "data directory does not exist: " + dir).path(dir)
                    .hint("check the path you gave").build();
        }
        // the server writes wherever a link or a hard link in it leads
        OutputFiles.withoutSources().checkTree(dir);
        if (Files.exists(dir.resolve("mysql.ibd")) || Files.isDirectory(dir.resolve("#innodb_redo"))) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, dir + " is a MySQL 8 data directory "
                            + "(it has mysql.ibd), which MariaDB cannot open")
                    .path(dir).hint("start it with MySQL 8 binaries; recovering MySQL 8 tables through MariaDB "
                            + "comes with the tablespace transplant").build();
        }
        if (!Files.exists(dir.resolve("ibdata1")) && !Files.isDirectory(dir.resolve("mysql"))) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, dir + " is not a MariaDB/MySQL data directory (it "
                            + "has neither ibdata1 nor mysql/)")
                    .path(dir).hint("name the directory that holds ibdata1, the ib_logfile* files and one "
                            + "directory per database").build();
        }
        for (String name : List.of("ibdata1", "aria_log_control")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f) && lockedByAnother(f)) {
                // mariadbd would wait 30 s for the lock before giving up
                throw RecoveryException.of(ErrorCode.USAGE, "a MariaDB/MySQL server is running on " + dir + " ("
                                + name + " is locked)")
                        .path(dir).hint("stop that server, or start the throwaway server on a copy").build();
            }
        }
    }

    /**
     * Checks that the server's user can reach its programs and directories (every directory above them must be
     * searchable by it), before mariadbd fails with "Can't change dir".
     */
    static void requireReachable(OsUsers.OsUser user, List<Path> paths) {
        for (Path path : paths) {
            List<Path> chain = new java.util.ArrayList<>();
            for (Path p = path.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
                chain.add(0, p);
            }
            for (Path p : chain) {
                if (!searchable(p, user)) {
                    throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "MariaDB runs as user " + user.name()
                                    + ", who cannot reach " + path + ": " + p + " is closed to it")
                            .path(p).hint("use a base or work directory every user can traverse (e.g. under /tmp), "
                                    + "run `chmod o+x " + p + "`, or leave runAsUser unset").build();
                }
            }
        }
    }

    private static boolean searchable(Path dir, OsUsers.OsUser user) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(dir, "unix:uid,gid,mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true; // cannot tell: the server will say what is wrong
        }
        int mode = (Integer) a.get("mode");
        if ((Integer) a.get("uid") == user.uid()) {
            return (mode & 0100) != 0;
        }
        if ((Integer) a.get("gid") == user.gid()) {
            return (mode & 0010) != 0;
        }
        return (mode & 0001) != 0 || (mode & 0010) != 0 && inGroup(user, (Integer) a.get("gid"));
    }

    private static boolean inGroup(OsUsers.OsUser user, int gid) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/group"), java.nio.charset.StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[2].equals(Integer.toString(gid))) {
                    return List.of(f[3].split(",")).contains(user.name());
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Whether another process holds a POSIX lock on the file, as InnoDB and Aria do on their files. */
    private static boolean lockedByAnother(Path file) {
        try (FileChannel ch = InputFiles.open(file)) {
            FileLock lock = ch.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // cannot tell (unreadable): the server will say what is wrong
            return false;
        }
    }

    /**
     * The server's own directory (0700, the server user's) for its socket and init file: other local users must
     * not reach the socket, through which password-less accounts of a copied data directory might admit them.
     */
    private Path privateDir(Optional<OsUsers.OsUser> user) {
        if (privateDir == null) {
            privateDir = Secrets.privateDir(tempDir.resolve("private"));
        }
        user.ifPresent(u -> OsUsers.chownTree(privateDir, u));
        return privateDir;
    }

    private Path socketPath(Optional<OsUsers.OsUser> user) {
        Path socket = privateDir(user).resolve("mysqld.sock");
        if (MariaDbCommands.fitsSocket(socket)) {
            return socket;
        }
        // a deep base directory makes the socket path too long for a Unix socket: use a short directory for it
        if (socketDir == null) {
            socketDir = Secrets.privateDir(TempDirs.create(Path.of("/tmp"), "mysql-sock"));
        }
        user.ifPresent(u -> OsUsers.chownTree(socketDir, u));
        return socketDir.resolve("mysqld.sock");
    }

    /** Writes the init file with a new password; the server's user must read it, nobody else. */
    private Path writeInitFile(Optional<OsUsers.OsUser> user) {
        password = Secrets.newPassword();
        Path file = Secrets.writePrivateFile(privateDir(user).resolve("init.sql"), MariaDbCommands.initSql(password));
        user.ifPresent(u -> OsUsers.chownTree(file, u));
        return file;
    }

    private void launch(Optional<OsUsers.OsUser> user, Path socket, Map<String, String> managed) {
        String runAs = OsUsers.isRoot() && user.isEmpty() ? "root" : null;
        Map<String, String> defaults = new java.util.LinkedHashMap<>(managed);
        // SELECT ... INTO OUTFILE and LOAD_FILE() only inside the server's own temp dir, never the rest of the disk
        Path files = tempDir.resolve("files");
        try {
            java.nio.file.Files.createDirectories(files);
            user.ifPresent(u -> OsUsers.chownTree(files, u));
        } catch (java.io.IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create " + files + ": " + e.getMessage())
                    .path(files).cause(e).build();
        }
        defaults.putIfAbsent("secure-file-priv", files.toString());
        int attempts = options.port() == 0 ? PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int port = options.port() == 0 ? FreePorts.find() : options.port();
            initFile = writeInitFile(user);
            List<String> command = MariaDbCommands.server(installation, dataDir, port, socket,
                    tempDir.resolve("mysqld.pid"), initFile, runAs, defaults, settings);
            long t0 = System.nanoTime();
            RunningProcess p = runner.start(ProcessSpec.of(command).cleanEnvironment(true).env("LC_ALL", "C")
                    .workingDir(tempDir).runAsUser(user.map(OsUsers.OsUser::name).orElse(null)).logName("mariadbd")
                    .tailLines(80).build());
            Endpoint ep = new Endpoint(MariaDbCommands.HOST, port, MariaDbCommands.jdbcUrl(port), MariaDbCommands.USER,
                    password);
            try {
                awaitReady(p, ep);
                // the server has run the init file before admitting us: the password is in its tables now
                Secrets.deleteQuietly(initFile);
                requireAuthentication(ep, p);
                String version = serverVersion(ep);
                process = p;
                endpoint = ep;
                info = new ServerInfo(engine(), version, installation.origin(), installation.binDir(), dataDir, p.pid());
                LOG.info("MariaDB {} ({}) ready on {}:{} in {} ms (pid {}, data {})", version,
                        installation.origin().label(), ep.host(), port, (System.nanoTime() - t0) / 1_000_000, p.pid(),
                        dataDir);
                return;
            } catch (RecoveryException e) {
                Secrets.deleteQuietly(initFile);
                // closing waits for the output pump, so the tail below holds the server's last words
                p.close();
                List<String> tail = p.tail();
                if (attempt < attempts && MariaDbCommands.portTaken(tail)) {
                    LOG.info("port {} was taken before MariaDB could bind it; trying another", port);
                    continue;
                }
                String hint = MariaDbCommands.hintFor(tail).orElse(e.hint().orElse("see the server's last output "
                        + "below; `dbrecover doctor` checks the installation"));
                throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "MariaDB (" + installation.server()
                                + ") did not start on " + dataDir + ": " + e.getMessage())
                        .path(dataDir).hint(hint).outputTail(tail.isEmpty() ? e.outputTail() : tail).cause(e).build();
            }
        }
    }

    private void awaitReady(RunningProcess p, Endpoint ep) {
        AtomicReference<SQLException> refused = new AtomicReference<>();
        AtomicBoolean inUse = new AtomicBoolean();
        Readiness.await("MariaDB on " + ep.host() + ":" + ep.port(), p, options.startTimeout(), () -> {
            if (!p.isAlive()) {
                // whatever answers on the port now is not our server
                throw new SQLException("the server process has ended");
            }
            try (Connection c = probe(ep); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT @@pid_file")) {
                rs.next();
                // whoever answers must be our server: another one on this port (a race for a free port, or a
                // fixed --port) would have its own pid file
                String pidFile = rs.getString(1);
                if (!tempDir.resolve("mysqld.pid").toString().equals(pidFile)) {
                    throw new SQLException("another server answers on port " + ep.port() + " (its pid file is "
                            + pidFile + ")");
                }
            } catch (SQLException e) {
                if (REFUSALS.contains(e.getErrorCode())) {
                    refused.set(e);
                    return;
                }
                // another server took the files after our check: mariadbd would wait 30 s for the lock
                if (MariaDbCommands.dataDirInUse(p.tail())) {
                    inUse.set(true);
                    return;
                }
                throw e;
            }
        });
        if (inUse.get()) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "another server holds the files of " + dataDir)
                    .hint("stop that server, or start on a copy").outputTail(p.tail()).build();
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
    private void requireAuthentication(Endpoint ep, RunningProcess p) {
        List<String> admitted = new java.util.ArrayList<>();
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
                    .outputTail(p.tail()).build();
        }
    }

    private static String serverVersion(Endpoint ep) {
        try (Connection c = probe(ep); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "cannot read the server version: "
                    + e.getMessage()).cause(e).build();
        }
    }

    private static RecoveryException notStarted() {
        return RecoveryException.of(ErrorCode.USAGE, "the MariaDB server has not been started")
                .hint("call start() first").build();
    }

    /** For messages and logs. */
    @Override
    public synchronized String toString() {
        return "MariaDbServer[" + (endpoint == null ? "not started" : endpoint.host() + ":" + endpoint.port())
                + (dataDir == null ? "" : ", data " + dataDir) + "]";
    }
}
