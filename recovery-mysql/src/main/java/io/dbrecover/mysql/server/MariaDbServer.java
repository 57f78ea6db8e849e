package io.dbrecover.mysql.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.process.RunningProcess;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.spi.server.RunAs;
import io.dbrecover.core.spi.server.ServerBase;
import io.dbrecover.core.workspace.InputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway MariaDB server: a new data directory (a copy of a cached {@code mariadb-install-db} template, see
 * {@link MariaDbTemplates}) in a temporary directory, or an existing one from {@link ServerOptions#dataDir()};
 * then {@code mariadbd --no-defaults} in the foreground on 127.0.0.1 and a free port, ready when
 * {@code SELECT 1} answers through Connector/J. Stopped with SIGTERM (a clean shutdown, a fraction of a second).
 * Its life (start, stop, close, temp dir, ports, errors) is {@link ServerBase}'s.
 *
 * <p>Only one account is reachable over TCP: {@code dbrecover@127.0.0.1}, made at each start by an init file (0600,
 * in a 0700 directory, deleted once the server is ready) with a random password that {@link #endpoint()} carries
 * and {@link #connect(Endpoint)} uses. root of a new data directory logs in through the Unix socket (in that 0700
 * directory) as OS user root only. After start the server must refuse root without a password and a wrong
 * password, else it is stopped and the start fails: a throwaway server never exposes data to other local users
 * (see {@link MariaDbLogins}).
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
public final class MariaDbServer extends ServerBase {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private final MariaDbBinaries.Location location;
    private final MariaDbBinaries binaries;
    private final MariaDbTemplates templates;
    private final Map<String, String> settings;

    private MariaDbInstallation installation;
    private Path socketDir;
    private Path privateDir;
    private Path initFile;
    private Path dataDir;
    private Path socket;
    private Map<String, String> defaults;

    MariaDbServer(ServerOptions options, MariaDbBinaries.Location location, MariaDbBinaries binaries,
                  MariaDbTemplates templates, ProcessRunner runner) {
        super(MariaDbServerProvider.ENGINE, "MariaDB", RunAs.rootUnlessNamed(), options, runner);
        this.location = location;
        this.binaries = binaries;
        this.templates = templates;
        this.settings = MariaDbCommands.checkedSettings(options.settings());
    }

    /** The installation the server runs from; only valid after {@link #start()}. */
    public synchronized MariaDbInstallation installation() {
        if (installation == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "the MariaDB server has not been started")
                    .hint("call start() first").build();
        }
        return installation;
    }

    /**
     * A {@code [client]} option file's text for the endpoint, for the {@code mariadb} client and
     * {@code mariadb-dump} ({@code --defaults-extra-file}): it holds the password, so write it with
     * {@link Secrets#writePrivateFile} and never pass the password on a command line.
     */
    public static String clientOptions(Endpoint endpoint) {
        return "# written by dbrecover: valid while the throwaway server runs\n[client]\nprotocol=tcp\nhost="
                + endpoint.host() + "\nport=" + endpoint.port() + "\nuser=" + endpoint.user()
                + (endpoint.password() == null ? "" : "\npassword=\"" + endpoint.password().replace("\\", "\\\\")
                .replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"") + "\n";
    }

    /** Opens a connection to a throwaway server's endpoint as its user, with its password. */
    public static Connection connect(Endpoint endpoint) throws SQLException {
        return MariaDbLogins.connect(endpoint, new Properties());
    }

    /**
     * Opens a connection to a throwaway server's endpoint as its user, with its password and more Connector/J
     * properties (e.g. {@code rewriteBatchedStatements}).
     */
    public static Connection connect(Endpoint endpoint, Properties extra) throws SQLException {
        return MariaDbLogins.connect(endpoint, extra);
    }

    @Override
    protected void prepare() {
        prepareInstallation();
        boolean existing = options.dataDir() != null;
        if (existing) {
            dataDir = options.dataDir().toAbsolutePath().normalize();
            checkExistingDataDir(dataDir);
        } else {
            dataDir = tempDir().resolve("data");
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                // left over from a failed attempt, if anything
                TempDirs.deleteQuietly(dataDir);
                createDataDir();
            }
        }
        // the data directory itself becomes the user's
        requireReachable(installation.server(), tempDir(), dataDir.getParent());
        giveToUser(tempDir());
        if (existing) {
            giveToUser(dataDir);
        }
        socket = socketPath();
        Optional<String> logSize = existing ? MariaDbCommands.existingLogFileSize(dataDir)
                : Optional.of(MariaDbCommands.NEW_LOG_FILE_SIZE);
        defaults = new LinkedHashMap<>(MariaDbCommands.defaults(existing, logSize));
        // SELECT ... INTO OUTFILE and LOAD_FILE() only inside the server's own temp dir, never the rest of the disk
        defaults.putIfAbsent("secure-file-priv", ownDir("files").toString());
        // its temporary tables and sort files too: not in the shared /tmp, where other programs clean up and fill
        // the disk, and removed with the server
        defaults.putIfAbsent("tmpdir", ownDir("tmp").toString());
    }

    /** A directory in the server's temp dir that the server's user owns. */
    private Path ownDir(String name) {
        Path dir = tempDir().resolve(name);
        try {
            Files.createDirectories(dir);
            giveToUser(dir);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create " + dir + ": " + e.getMessage())
                    .path(dir).cause(e).build();
        }
        return dir;
    }

    @Override
    protected Launch launch(int port) {
        String password = Secrets.newPassword();
        initFile = Secrets.writePrivateFile(privateDir().resolve("init.sql"), MariaDbCommands.initSql(password));
        giveToUser(initFile);
        String runAs = OsUsers.isRoot() && user().isEmpty() ? "root" : null;
        List<String> command = MariaDbCommands.server(installation, dataDir, port, socket, pidFile(), initFile, runAs,
                defaults, settings);
        RunningProcess p = runner.start(processSpec(command, "mariadbd").tailLines(80).build());
        return new Launch(p, new Endpoint(MariaDbCommands.HOST, port, MariaDbCommands.jdbcUrl(port),
                MariaDbCommands.USER, password));
    }

    @Override
    protected String awaitReady(Launch launch) {
        MariaDbLogins logins = new MariaDbLogins(launch.endpoint(), launch.process(), dataDir);
        logins.awaitReady(options.startTimeout(), pidFile());
        // the server has run the init file before admitting us: the password is in its tables now
        Secrets.deleteQuietly(initFile);
        logins.requireAuthentication();
        return logins.serverVersion();
    }

    @Override
    protected void launchFailed() {
        Secrets.deleteQuietly(initFile);
    }

    @Override
    protected boolean portTaken(List<String> tail) {
        return MariaDbCommands.portTaken(tail);
    }

    @Override
    protected Optional<String> hintFor(List<String> tail) {
        return MariaDbCommands.hintFor(tail);
    }

    @Override
    protected String describe() {
        return "MariaDB (" + installation.server() + ")";
    }

    @Override
    protected void beforeStop() {
        if (options.dataDir() != null) {
            // our account goes again from someone else's grant tables
            new MariaDbLogins(endpoint(), process(), dataDir).dropAccount();
        }
    }

    @Override
    protected void cleanUp() {
        if (socketDir != null) {
            TempDirs.deleteQuietly(socketDir);
        }
    }

    @Override
    protected Path dataDir() {
        return dataDir;
    }

    @Override
    protected Path binDir() {
        return installation.binDir();
    }

    @Override
    protected BinaryOrigin origin() {
        return installation.origin();
    }

    private Path pidFile() {
        return tempDir().resolve("mysqld.pid");
    }

    private void prepareInstallation() {
        if (installation != null) {
            return;
        }
        MariaDbInstallation inst = binaries.prepare(location);
        if (!inst.version().mariaDb()) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, inst.server() + " is " + inst.version().product()
                            + "; throwaway servers need MariaDB")
                    .path(inst.server()).hint(binaries.missingHint(ServerOptions.defaults())).build();
        }
        installation = inst;
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
        ProcessSpec spec = ProcessSpec.of(command).cleanEnvironment(true).env("LC_ALL", "C").workingDir(tempDir())
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
        existingDirectory(dir, "data directory does not exist: " + dir, "check the path you gave");
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
    private Path privateDir() {
        if (privateDir == null) {
            privateDir = Secrets.privateDir(tempDir().resolve("private"));
        }
        giveToUser(privateDir);
        return privateDir;
    }

    private Path socketPath() {
        Path path = privateDir().resolve("mysqld.sock");
        if (MariaDbCommands.fitsSocket(path)) {
            return path;
        }
        // a deep base directory makes the socket path too long for a Unix socket: use a short directory for it
        if (socketDir == null) {
            socketDir = Secrets.privateDir(TempDirs.create(Path.of("/tmp"), "mysql-sock"));
        }
        giveToUser(socketDir);
        return socketDir.resolve("mysqld.sock");
    }
}
