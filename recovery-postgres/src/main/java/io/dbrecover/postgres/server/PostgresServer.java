package io.dbrecover.postgres.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.process.RunningProcess;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.Readiness;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.server.BinaryLocation;
import io.dbrecover.core.spi.server.BinaryProvider;
import io.dbrecover.core.spi.server.RunAs;
import io.dbrecover.core.spi.server.ServerBase;
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
 * wait for clients to leave). Its life (start, stop, close, temp dir, ports, errors) is {@link ServerBase}'s.
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
public final class PostgresServer extends ServerBase {
    /** Whom the server runs as when dbrecover runs as root; what it is to use must be that user's. */
    public static final RunAs RUN_AS = RunAs.neverRoot("PostgreSQL refuses to run as root", "postgres", "nobody");
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(5);
    // SQL states meaning "the server answers but will not let us in": waiting longer cannot help
    private static final List<String> REFUSALS = List.of("28000", "28P01", "3D000");

    private final BinaryLocation location;
    private final BinaryProvider binaries;

    private Path binDir;
    private PostgresVersion binaryVersion;
    private Path dataDir;
    private String password;
    private String loginUser;
    private PostgresCommands.ConfigFiles ownConfig;
    private boolean roleAdded;
    private final Duration recoveryTimeout;
    private RecoveryLog recoveryLog;

    PostgresServer(ServerOptions options, BinaryLocation location, BinaryProvider binaries, ProcessRunner runner) {
        this(options, location, binaries, runner, null);
    }

    /**
     * @param recoveryTimeout when not {@code null}, the existing data directory first recovers (archive recovery
     *                        when it has {@code recovery.signal}, crash recovery otherwise) on a server nobody can
     *                        log in to, watched through its log for at most this long (see {@link RecoveryWatch})
     */
    PostgresServer(ServerOptions options, BinaryLocation location, BinaryProvider binaries, ProcessRunner runner,
                   Duration recoveryTimeout) {
        super(PostgresServerProvider.ENGINE, "PostgreSQL", RUN_AS, options, runner);
        this.location = location;
        this.binaries = binaries;
        this.recoveryTimeout = recoveryTimeout;
    }

    /**
     * What the server said during the recovery that ran before its start, when it was created to recover first
     * (also after a recovery that failed); empty otherwise.
     */
    public synchronized Optional<RecoveryLog> recoveryLog() {
        return Optional.ofNullable(recoveryLog);
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

    @Override
    protected void prepare() {
        prepareBinaries();
        // the server writes wherever a link or a hard link in a given directory leads (a relocated pg_wal, a cp -al
        // copy)
        dataDir = options.dataDir() == null ? tempDir().resolve("data") : existingDirectory(options.dataDir(),
                "data directory does not exist: " + options.dataDir().toAbsolutePath().normalize(),
                "check the path you gave");
        // before initdb, whose own message would be less clear; the data directory itself becomes the user's
        requireReachable(binDir, tempDir(), dataDir.getParent());
        if (options.dataDir() != null) {
            new PostgresDataDir(dataDir, binDir, binaryVersion).prepare(user());
            if (recoveryTimeout != null && recoveryLog == null) {
                PostgresCommands.ConfigFiles closed = writeOwnConfig("conf-recovery", PostgresAuth.hbaRejectAll());
                RecoveryWatch watch = new RecoveryWatch(runner, recoveryTimeout);
                recoveryLog = watch.run(port -> processSpec(PostgresCommands.recovery(binDir, dataDir, port, closed,
                        options.settings()), "postgres-recovery"), dataDir, r -> recoveryLog = r);
            }
            ownConfig = writeOwnConfig("conf", PostgresAuth.hba());
            password = Secrets.newPassword();
            addRole();
            loginUser = PostgresAuth.ROLE;
        } else if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            password = Secrets.newPassword();
            initdb();
            loginUser = PostgresCommands.SUPERUSER;
        }
        if (password == null) {
            // a fresh cluster made before this server object existed cannot be reached with a password we know
            throw RecoveryException.of(ErrorCode.INTERNAL, "no password for " + dataDir).build();
        }
    }

    @Override
    protected Launch launch(int port) {
        List<String> command = PostgresCommands.server(binDir, dataDir, port, ownConfig, options.settings());
        RunningProcess p = runner.start(processSpec(command, "postgres").stopSignal("INT").tailLines(60).build());
        return new Launch(p, new Endpoint(PostgresCommands.HOST, port, PostgresCommands.jdbcUrl(port), loginUser,
                password));
    }

    @Override
    protected String awaitReady(Launch launch) {
        RunningProcess p = launch.process();
        Endpoint ep = launch.endpoint();
        AtomicReference<SQLException> refused = new AtomicReference<>();
        Readiness.await(product() + " on " + ep.host() + ":" + ep.port(), p, options.startTimeout(), () -> {
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
            if (!p.isAlive() || portTaken(p.tail())) {
                // not ours: our password is of no use to it
                throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "another PostgreSQL server answers on port "
                                + ep.port() + " (it refused this server's password), and this one could not bind it")
                        .hint("choose another port, or leave the port unset for a free one").outputTail(p.tail())
                        .build();
            }
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "the server answers but refuses user "
                            + ep.user() + " on database postgres: " + refused.get().getMessage())
                    .hint("the data directory probably has no 'postgres' database, or a new cluster's superuser has "
                            + "another name").cause(refused.get()).build();
        }
        return identify(p, ep);
    }

    @Override
    protected Path dataDir() {
        return dataDir;
    }

    @Override
    protected Path binDir() {
        return binDir;
    }

    @Override
    protected BinaryOrigin origin() {
        return location.origin().orElse(BinaryOrigin.SYSTEM);
    }

    @Override
    protected void afterStop() {
        if (roleAdded) {
            roleAdded = false;
            try {
                singleUser(PostgresAuth.dropRoleSql(), "remove the role " + PostgresAuth.ROLE);
            } catch (RecoveryException e) {
                LOG.warn("could not remove the role {} from {}: {}", PostgresAuth.ROLE, dataDir,
                        e.getMessage());
            }
        }
    }

    private void prepareBinaries() {
        if (binDir != null) {
            return;
        }
        Path dir = binaries.prepare(location).getParent();
        binaryVersion = binaries.versionOutput(dir.resolve("postgres")).flatMap(PostgresVersion::fromProgramOutput)
                .orElseThrow(() -> RecoveryException.of(ErrorCode.SERVER_START_FAILED, "cannot run "
                                + dir.resolve("postgres") + " --version")
                        .path(dir).hint("check that the PostgreSQL installation is complete; `dbrecover doctor` lists "
                                + "it").build());
        binDir = dir;
    }

    private void initdb() {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create " + dataDir + ": " + e.getMessage())
                    .path(dataDir).cause(e).build();
        }
        // initdb runs as the server's user, who cannot create directories in our temp dir: give it the empty one
        giveToUser(dataDir);
        Path privateDir = Secrets.privateDir(tempDir().resolve("private"));
        Path pwFile = Secrets.writePrivateFile(privateDir.resolve("pwfile"), password + "\n");
        giveToUser(privateDir);
        ProcessSpec spec = processSpec(PostgresCommands.initdb(binDir, dataDir, pwFile), "initdb")
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
    private void addRole() {
        for (String signal : List.of("recovery.signal", "standby.signal")) {
            if (Files.exists(dataDir.resolve(signal))) {
                throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, dataDir + " is in archive recovery (it has "
                                + signal + "); a throwaway server cannot add its password-protected role to it")
                        .path(dataDir).hint("remove " + signal + " from the copy to start it as it is, or restore "
                                + "it with PostgreSQL's own tools").build();
            }
        }
        singleUser(PostgresAuth.createRoleSql(password), "add the role " + PostgresAuth.ROLE);
        roleAdded = true;
    }

    /** Runs one statement in single-user mode; the statement (which may hold a secret) goes through stdin. */
    private void singleUser(String sql, String what) {
        List<String> command = PostgresCommands.singleUser(binDir, dataDir, ownConfig, options.settings());
        ProcessSpec spec = processSpec(command, "postgres-single").timeout(INITDB_TIMEOUT)
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

    private PostgresCommands.ConfigFiles writeOwnConfig(String dirName, String hba) {
        Path dir = tempDir().resolve(dirName);
        PostgresCommands.ConfigFiles files = PostgresCommands.ConfigFiles.in(dir);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Map.Entry<Path, String> f : Map.of(files.config(), PostgresCommands.emptyConfig(),
                    files.hba(), hba, files.ident(), "").entrySet()) {
                OutputFiles.withoutSources().write(f.getKey(), f.getValue());
                Files.setPosixFilePermissions(f.getKey(), PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot write configuration files into " + dir + ": "
                    + e.getMessage()).path(dir).cause(e).build();
        }
        return files;
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

}
