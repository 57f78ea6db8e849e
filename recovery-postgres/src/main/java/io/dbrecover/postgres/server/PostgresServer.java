package io.dbrecover.postgres.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.OsUsers;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.process.RunningProcess;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.FreePorts;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.Readiness;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL server: {@code initdb} into a temporary directory (or an existing data directory from
 * {@link ServerOptions#dataDir()}), then {@code postgres} in the foreground on 127.0.0.1 and a free port, ready
 * when {@code SELECT 1} answers through pgjdbc. Stopped with SIGINT (PostgreSQL's fast shutdown: SIGTERM would
 * wait for clients to leave).
 *
 * <p>PostgreSQL refuses to run as root; when dbrecover runs as root, {@code initdb} and {@code postgres} run as
 * {@link ServerOptions#runAsUser()}, else {@code postgres}, else {@code nobody}, and the data directory is given
 * to that user.
 *
 * <p>Clients must give a password (SCRAM-SHA-256 over TCP on 127.0.0.1; there is no Unix socket), random per
 * server, which {@link #endpoint()} carries and {@link #connect(Endpoint)} uses. A new cluster gets it for its
 * superuser {@code postgres} through {@code initdb --pwfile} (a 0600 file in a 0700 directory, deleted after).
 *
 * <p>On an existing data directory the server reads configuration files of our own (built-in defaults, a
 * {@code pg_hba.conf} demanding a password on loopback) instead of the directory's, whose paths, libraries and
 * archive commands belong to another machine, and runs with {@code archive_mode=off}. Before it starts, a
 * single-user-mode run adds the login role {@value PostgresAuth#ROLE} with this start's password; after the server
 * stops, another one drops it (or, when it owns objects, takes its login and password away). A directory in
 * archive recovery ({@code recovery.signal}, {@code standby.signal}) is refused: single-user mode would end or
 * refuse its recovery. The directory is made the run user's with mode 0700 and a stale {@code postmaster.pid} is
 * removed: pass a copy, never the original. It is never deleted.
 */
public final class PostgresServer implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final int PORT_ATTEMPTS = 3;
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(5);
    // SQL states meaning "the server answers but will not let us in": waiting longer cannot help
    private static final List<String> REFUSALS = List.of("28000", "28P01", "3D000");

    private final ServerOptions options;
    private final PostgresBinaries.Location location;
    private final PostgresBinaries binaries;
    private final ProcessRunner runner;

    private Path binDir;
    private PostgresVersion binaryVersion;
    private Path tempDir;
    private Path dataDir;
    private RunningProcess process;
    private ServerInfo info;
    private Endpoint endpoint;
    private boolean closed;
    private String password;
    private String loginUser;
    private PostgresCommands.ConfigFiles ownConfig;
    private Optional<OsUsers.OsUser> runUser = Optional.empty();
    private boolean roleAdded;

    PostgresServer(ServerOptions options, PostgresBinaries.Location location, PostgresBinaries binaries,
                   ProcessRunner runner) {
        this.options = options;
        this.location = location;
        this.binaries = binaries;
        this.runner = runner;
    }

    @Override
    public String engine() {
        return PostgresServerProvider.ENGINE;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw RecoveryException.of(ErrorCode.USAGE, "this PostgreSQL server was closed and cannot start again")
                    .hint("create a new server").build();
        }
        if (isRunning()) {
            return;
        }
        if (process != null) {
            // it died on its own: release it before starting anew on the same files
            LOG.warn("PostgreSQL (pid {}) had exited with code {}; starting it again", process.pid(),
                    process.exitCode().orElse(-1));
            process.close();
            process = null;
        }
        prepareBinaries();
        Optional<OsUsers.OsUser> user = runUser();
        if (tempDir == null) {
            tempDir = TempDirs.create(options.baseDir(), "postgres");
        }
        dataDir = options.dataDir() != null ? options.dataDir().toAbsolutePath().normalize() : tempDir.resolve("data");
        if (user.isPresent()) {
            // before initdb, whose own message would be less clear; the data directory itself becomes the user's
            Reachability.require(user.get(), List.of(binDir, tempDir, dataDir.getParent()));
        }
        runUser = user;
        if (options.dataDir() != null) {
            prepareExistingDataDir(user);
            ownConfig = writeOwnConfig();
            password = Secrets.newPassword();
            addRole(user);
            loginUser = PostgresAuth.ROLE;
        } else if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            password = Secrets.newPassword();
            initdb(user);
            loginUser = PostgresCommands.SUPERUSER;
        }
        launch(user, ownConfig);
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
            process.close();
            LOG.info("PostgreSQL on port {} stopped (pid {})", endpoint == null ? "?" : endpoint.port(), process.pid());
            process = null;
        }
        if (roleAdded) {
            roleAdded = false;
            try {
                singleUser(runUser, PostgresAuth.dropRoleSql(), "remove the role " + PostgresAuth.ROLE);
            } catch (RecoveryException e) {
                LOG.warn("could not remove the role {} from {}: {}", PostgresAuth.ROLE, dataDir, e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (tempDir != null) {
            if (options.keepFiles()) {
                LOG.info("kept the throwaway PostgreSQL files in {}", tempDir);
            } else {
                TempDirs.deleteQuietly(tempDir);
            }
        }
    }

    /** Opens a connection to a throwaway server's endpoint as its superuser, with its password. */
    public static Connection connect(Endpoint endpoint) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", endpoint.user());
        if (endpoint.password() != null) {
            p.setProperty("password", endpoint.password());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "dbrecover");
        return DriverManager.getConnection(endpoint.url(), p);
    }

    private void prepareBinaries() {
        if (binDir != null) {
            return;
        }
        Path dir = binaries.prepare(location);
        binaryVersion = binaries.version(dir.resolve("postgres")).orElseThrow(() -> RecoveryException.of(
                        ErrorCode.SERVER_START_FAILED, "cannot run " + dir.resolve("postgres") + " --version")
                .path(dir).hint("check that the PostgreSQL installation is complete; `dbrecover doctor` lists it")
                .build());
        binDir = dir;
    }

    private Optional<OsUsers.OsUser> runUser() {
        if (!OsUsers.isRoot()) {
            return Optional.empty();
        }
        String wanted = options.runAsUser();
        if (wanted == null) {
            return Optional.of(OsUsers.firstExisting("postgres", "nobody").orElseThrow(() -> RecoveryException.of(
                            ErrorCode.PERMISSION_DENIED, "PostgreSQL refuses to run as root, and neither user "
                                    + "'postgres' nor 'nobody' exists to run it as")
                    .hint("create a user (e.g. apt-get install postgresql creates 'postgres') or name one as runAsUser")
                    .build()));
        }
        if ("root".equals(wanted)) {
            throw RecoveryException.of(ErrorCode.USAGE, "PostgreSQL refuses to run as root")
                    .hint("name another user to run it as, or leave runAsUser unset for 'postgres' or 'nobody'").build();
        }
        return Optional.of(OsUsers.lookup(wanted).orElseThrow(() -> RecoveryException.of(ErrorCode.PERMISSION_DENIED,
                        "user '" + wanted + "' does not exist, so PostgreSQL cannot run as it")
                .hint("create the user or name another one").build()));
    }

    private void initdb(Optional<OsUsers.OsUser> user) {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create " + dataDir + ": " + e.getMessage())
                    .path(dataDir).cause(e).build();
        }
        // initdb runs as the server's user, who cannot create directories in our temp dir: give it the empty one
        user.ifPresent(u -> OsUsers.chownTree(dataDir, u));
        Path privateDir = Secrets.privateDir(tempDir.resolve("private"));
        Path pwFile = Secrets.writePrivateFile(privateDir.resolve("pwfile"), password + "\n");
        user.ifPresent(u -> OsUsers.chownTree(privateDir, u));
        ProcessSpec spec = processSpec(PostgresCommands.initdb(binDir, dataDir, pwFile), user, "initdb")
                .timeout(INITDB_TIMEOUT).build();
        try {
            runner.run(spec);
        } catch (RecoveryException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED,
                            "initdb could not create a PostgreSQL cluster in " + dataDir + ": " + e.getMessage())
                    .path(dataDir).hint("see initdb's last output below; `dbrecover doctor` checks the installation")
                    .outputTail(e.outputTail()).cause(e).build();
        } finally {
            Secrets.deleteQuietly(pwFile);
        }
    }

    /**
     * Adds our login role with this start's password, in single-user mode before the server starts: a server
     * started on someone else's data directory admits nobody we know the password of.
     */
    private void addRole(Optional<OsUsers.OsUser> user) {
        for (String signal : List.of("recovery.signal", "standby.signal")) {
            if (Files.exists(dataDir.resolve(signal))) {
                throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, dataDir + " is in archive recovery (it has "
                                + signal + "); a throwaway server cannot add its password-protected role to it")
                        .path(dataDir).hint("remove " + signal + " from the copy to start it as it is, or restore "
                                + "it with PostgreSQL's own tools").build();
            }
        }
        singleUser(user, PostgresAuth.createRoleSql(password), "add the role " + PostgresAuth.ROLE);
        roleAdded = true;
    }

    /** Runs one statement in single-user mode; the statement (which may hold a secret) goes through stdin. */
    private void singleUser(Optional<OsUsers.OsUser> user, String sql, String what) {
        List<String> command = PostgresCommands.singleUser(binDir, dataDir, ownConfig, options.settings());
        ProcessSpec spec = processSpec(command, user, "postgres-single").timeout(INITDB_TIMEOUT)
                .stdin(sql.getBytes(StandardCharsets.UTF_8)).build();
        ProcessResult result;
        try {
            result = runner.run(spec);
        } catch (RecoveryException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "PostgreSQL in single-user mode could not "
                            + what + " in " + dataDir + ": " + e.getMessage())
                    .path(dataDir).hint("see its last output below").outputTail(e.outputTail()).cause(e).build();
        }
        // single-user mode reports a failed statement and goes on to exit 0
        List<String> errors = result.output().lines().filter(l -> l.contains("ERROR:") || l.contains("FATAL:"))
                .toList();
        if (!errors.isEmpty()) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "PostgreSQL in single-user mode could not "
                            + what + " in " + dataDir + ": " + errors.get(0).trim())
                    .path(dataDir).hint("see its last output below").outputTail(result.tail()).build();
        }
    }

    private void prepareExistingDataDir(Optional<OsUsers.OsUser> user) {
        if (!Files.isDirectory(dataDir)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "data directory does not exist: " + dataDir)
                    .path(dataDir).hint("check the path you gave").build();
        }
        // the server writes wherever a link or a hard link in it leads (a relocated pg_wal, a cp -al copy)
        OutputFiles.withoutSources().checkTree(dataDir);
        Path pgVersion = dataDir.resolve("PG_VERSION");
        String major;
        try {
            major = Files.readString(pgVersion, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "not a PostgreSQL data directory (cannot read "
                            + pgVersion + ": " + e.getMessage() + ")")
                    .path(dataDir).hint("name the directory that holds PG_VERSION, base/ and global/").cause(e).build();
        }
        if (!major.equals(binaryVersion.major())) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "the data directory " + dataDir
                            + " is PostgreSQL " + major + " but the programs in " + binDir + " are PostgreSQL "
                            + binaryVersion.text() + "; a server only opens data directories of its own major version")
                    .path(dataDir).hint("install PostgreSQL " + major + " (Debian package postgresql-" + major
                            + ") and set " + PostgresBinaries.ENV_VAR + " to its bin directory").build();
        }
        removeStalePid();
        try {
            user.ifPresent(u -> OsUsers.chownTree(dataDir, u));
            // postgres refuses a data directory that others can read
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "cannot set the mode of " + dataDir + " to 0700: "
                    + e.getMessage()).path(dataDir).hint("run as the directory's owner or as root").cause(e).build();
        }
    }

    /** A copied data directory carries the pid file of the server it was copied from; postgres would refuse it. */
    private void removeStalePid() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            Optional<Long> pid = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0));
            boolean sameDir = lines.size() > 1 && sameDir(lines.get(1));
            if (pid.isPresent() && sameDir && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                throw RecoveryException.of(ErrorCode.USAGE, "a PostgreSQL server (pid " + pid.get()
                                + ") is running on " + dataDir)
                        .path(dataDir).hint("stop that server, or start the throwaway server on a copy").build();
            }
            Files.delete(pidFile);
            LOG.info("removed the stale postmaster.pid of {} (pid {})", dataDir, pid.map(String::valueOf).orElse("?"));
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot remove the stale " + pidFile + ": " + e.getMessage())
                    .path(pidFile).cause(e).build();
        }
    }

    private boolean sameDir(String recorded) {
        try {
            return Path.of(recorded.trim()).toAbsolutePath().normalize().equals(dataDir);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private PostgresCommands.ConfigFiles writeOwnConfig() {
        Path dir = tempDir.resolve("conf");
        PostgresCommands.ConfigFiles files = PostgresCommands.ConfigFiles.in(dir);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Map.Entry<Path, String> f : Map.of(files.config(), PostgresCommands.emptyConfig(),
                    files.hba(), PostgresAuth.hba(), files.ident(), "").entrySet()) {
                OutputFiles.withoutSources().write(f.getKey(), f.getValue());
                Files.setPosixFilePermissions(f.getKey(), PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot write configuration files into " + dir + ": "
                    + e.getMessage()).path(dir).cause(e).build();
        }
        return files;
    }

    private void launch(Optional<OsUsers.OsUser> user, PostgresCommands.ConfigFiles ownConfig) {
        if (password == null) {
            // a fresh cluster made before this server object existed cannot be reached with a password we know
            throw RecoveryException.of(ErrorCode.INTERNAL, "no password for " + dataDir).build();
        }
        int attempts = options.port() == 0 ? PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int port = options.port() == 0 ? FreePorts.find() : options.port();
            List<String> command = PostgresCommands.server(binDir, dataDir, port, ownConfig, options.settings());
            RunningProcess p = runner.start(processSpec(command, user, "postgres").stopSignal("INT").tailLines(60)
                    .build());
            Endpoint ep = new Endpoint(PostgresCommands.HOST, port, PostgresCommands.jdbcUrl(port), loginUser,
                    password);
            try {
                awaitReady(p, ep);
                String version = identify(p, ep);
                process = p;
                endpoint = ep;
                info = new ServerInfo(engine(), version, location.origin().orElse(BinaryOrigin.SYSTEM), binDir, dataDir,
                        p.pid());
                LOG.info("PostgreSQL {} ({}) ready on {}:{} (pid {}, data {})", version, info.origin().label(),
                        ep.host(), port, p.pid(), dataDir);
                return;
            } catch (RecoveryException e) {
                // closing waits for the output pump, so the tail below holds the server's last words
                p.close();
                List<String> tail = p.tail();
                if (attempt < attempts && tail.stream().anyMatch(l -> l.contains("Address already in use"))) {
                    LOG.info("port {} was taken before PostgreSQL could bind it; trying another", port);
                    continue;
                }
                throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "PostgreSQL did not start on " + dataDir
                                + ": " + e.getMessage())
                        .path(dataDir).hint(e.hint().orElse("see the server's last output below"))
                        .outputTail(tail.isEmpty() ? e.outputTail() : tail).cause(e).build();
            }
        }
    }

    private void awaitReady(RunningProcess p, Endpoint ep) {
        AtomicReference<SQLException> refused = new AtomicReference<>();
        Readiness.await("PostgreSQL on " + ep.host() + ":" + ep.port(), p, options.startTimeout(), () -> {
            try (Connection c = connect(ep); Statement st = c.createStatement()) {
                st.execute("SELECT 1");
            } catch (SQLException e) {
                if (e.getSQLState() != null && REFUSALS.contains(e.getSQLState())) {
                    refused.set(e);
                    return;
                }
                throw e;
            }
        });
        if (refused.get() != null) {
            // a server on a port ours could not bind answers at once; ours gives up binding it a moment later
            p.waitFor(Duration.ofSeconds(3));
        }
        if (refused.get() != null && (!p.isAlive()
                || p.tail().stream().anyMatch(l -> l.contains("Address already in use")))) {
            // not ours: our password is of no use to it
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "another PostgreSQL server answers on port "
                            + ep.port() + " (it refused this server's password), and this one could not bind it")
                    .hint("choose another port, or leave the port unset for a free one").outputTail(p.tail())
                    .build();
        }
        if (refused.get() != null) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "the server answers but refuses user "
                            + ep.user() + " on database postgres: " + refused.get().getMessage())
                    .hint("the data directory probably has no 'postgres' database, or a new cluster's superuser has "
                            + "another name").cause(refused.get()).build();
        }
    }

    /**
     * The server's version, once it is certain that the server answering is ours: on a fixed port another server
     * may answer while ours fails to bind.
     */
    private String identify(RunningProcess p, Endpoint ep) {
        String version;
        String answeringDir;
        try (Connection c = connect(ep); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), "
                     + "current_setting('data_directory')")) {
            rs.next();
            version = rs.getString(1);
            answeringDir = rs.getString(2);
        } catch (SQLException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "cannot read the server version: "
                    + e.getMessage()).cause(e).build();
        }
        if (!dataDir.toString().equals(answeringDir) || !p.isAlive()) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "another PostgreSQL server (data directory "
                            + answeringDir + ") answers on port " + ep.port())
                    .hint("choose another port, or leave the port unset for a free one").build();
        }
        return version;
    }

    private ProcessSpec.Builder processSpec(List<String> command, Optional<OsUsers.OsUser> user, String logName) {
        // a clean environment keeps PGDATA, PGPORT and friends of the caller away from the server; C messages
        // make its log readable for us ("Address already in use")
        return ProcessSpec.of(command).cleanEnvironment(true).env("LC_ALL", "C").workingDir(tempDir)
                .runAsUser(user.map(OsUsers.OsUser::name).orElse(null)).logName(logName);
    }

    private static RecoveryException notStarted() {
        return RecoveryException.of(ErrorCode.USAGE, "the PostgreSQL server has not been started")
                .hint("call start() first").build();
    }

    /** Checks that the server's user can reach its programs and files, before it fails with a less clear message. */
    static final class Reachability {
        private Reachability() {
        }

        static void require(OsUsers.OsUser user, List<Path> paths) {
            for (Path path : paths) {
                List<Path> chain = new ArrayList<>();
                for (Path p = path.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                    chain.add(0, p);
                }
                for (Path p : chain) {
                    if (!searchable(p, user)) {
                        throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "PostgreSQL runs as user "
                                        + user.name() + ", who cannot reach " + path + ": " + p + " is closed to it")
                                .path(p).hint("use a base or work directory every user can traverse (e.g. under "
                                        + "/tmp), run `chmod o+x " + p + "`, or name another runAsUser").build();
                    }
                }
            }
        }

        private static boolean searchable(Path dir, OsUsers.OsUser user) {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(dir, "unix:uid,gid,mode");
            } catch (IOException | UnsupportedOperationException e) {
                return true; // cannot tell: let the server report it
            }
            int uid = (Integer) a.get("uid");
            int gid = (Integer) a.get("gid");
            int mode = (Integer) a.get("mode");
            if (uid == user.uid()) {
                return (mode & 0100) != 0;
            }
            if (gid == user.gid() || Groups.isMember(user.name(), gid)) {
                return (mode & 0010) != 0;
            }
            return (mode & 0001) != 0;
        }
    }

    /** Supplementary group membership from {@code /etc/group}. */
    static final class Groups {
        private Groups() {
        }

        static boolean isMember(String user, int gid) {
            try {
                for (String line : Files.readAllLines(Path.of("/etc/group"), StandardCharsets.UTF_8)) {
                    String[] f = line.split(":", -1);
                    if (f.length >= 4 && f[2].equals(Integer.toString(gid))) {
                        return List.of(f[3].split(",")).contains(user);
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return false;
        }
    }
}
