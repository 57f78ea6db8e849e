package io.dbrecover.influx.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.OsUsers;
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
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway InfluxDB 1.x server: {@code influxd run -config <generated file>} on 127.0.0.1 and a free port, with
 * its configuration in a temporary directory and its data either there too ({@code meta/}, {@code data/},
 * {@code wal/} under {@code <temp>/influxdb}) or in an existing server directory
 * ({@link ServerOptions#dataDir()}, never deleted). When dbrecover runs as root the server runs as the
 * {@code influxdb} user when that exists, and the directories it uses are given to that user: files it cannot
 * open make influxd skip whole shards while still answering {@code /ping}.
 *
 * <p>Authentication is on: the server admits only the admin {@value #ADMIN} with a random password made at each
 * start, which {@link #endpoint()} carries and {@link #http()} and {@link #client(Endpoint)} use. InfluxDB lets
 * the first admin be made without logging in only while its meta store has no users, so on an existing server
 * directory that has users, they are taken out of {@code meta/meta.db} before the start (a copy of the original
 * file stays next to it as {@code meta.db.dbrecover-saved} while the server runs) and put back after it stops,
 * our admin removed; every other change the server made to the meta store is kept.
 *
 * <p>Ready means {@code GET /ping} answers 204. That proves the HTTP service is up and the store was opened (influxd
 * opens every shard, replaying its WAL, before it listens), but not that every shard opened: the lines in which
 * influxd reports shards it could not open are collected in {@link #shardsNotOpened()}.
 */
public final class InfluxServer implements ManagedServer {
    /** The user throwaway servers run as when dbrecover runs as root, when it exists (Debian's package makes it). */
    public static final String DEFAULT_USER = "influxdb";
    /** The admin user of throwaway servers. */
    public static final String ADMIN = "dbrecover";
    /** The copy of an existing meta store kept while its users are out of it. */
    static final String SAVED_META = "meta.db.dbrecover-saved";
    /** The directory name of a fresh server's files inside its temporary directory. */
    static final String SERVER_DIR = "influxdb";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxServer.class);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_LINES_KEPT = 2000;
    /** influxd itself gives its services 30 s to close. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final Path binDir;
    private final ServerOptions options;
    private final ProcessRunner runner;

    private Path tempDir;
    private Path serverDir;
    private RunningProcess process;
    private ServerInfo info;
    private Endpoint endpoint;
    private InfluxHttp http;
    private List<String> shardsNotOpened = List.of();
    private volatile String pingVersion;
    private boolean closed;
    private byte[] savedUsers;

    InfluxServer(Path binDir, ServerOptions options, ProcessRunner runner) {
        this.binDir = Objects.requireNonNull(binDir, "binDir");
        this.options = Objects.requireNonNull(options, "options");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public String engine() {
        return InfluxServerProvider.ENGINE;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new RecoveryException(ErrorCode.USAGE, "this InfluxDB server was closed; create a new one");
        }
        if (isRunning()) {
            return;
        }
        Optional<OsUsers.OsUser> user = runUser();
        if (tempDir == null) {
            tempDir = TempDirs.create(options.baseDir(), "influx");
        }
        serverDir = options.dataDir() != null ? existingServerDir(options.dataDir()) : freshServerDir(tempDir);
        user.ifPresent(u -> {
            requireReachable(tempDir, u);
            requireReachable(serverDir, u);
        });
        // an existing directory's users, or those a fresh server made at an earlier start
        takeUsersOut();
        user.ifPresent(u -> OsUsers.chownTree(serverDir, u));
        // a free port can be taken by someone else before influxd binds it: then try other ones
        for (int attempt = 1; ; attempt++) {
            try {
                int httpPort = options.port() != 0 ? options.port() : FreePorts.find();
                int rpcPort = FreePorts.find();
                while (rpcPort == httpPort) {
                    rpcPort = FreePorts.find();
                }
                launch(user, httpPort, rpcPort);
                break;
            } catch (RecoveryException e) {
                boolean portTaken = e.outputTail().stream().anyMatch(l -> l.contains("address already in use"));
                if (!portTaken || options.port() != 0 || attempt == 3) {
                    throw e;
                }
                LOG.info("a port was taken before influxd could bind it; trying other ports");
            }
        }
        shardsNotOpened = process.tail().stream().filter(l -> l.contains("msg=\"Failed to open shard\"")).toList();
        for (String line : shardsNotOpened) {
            LOG.warn("influxd could not open a shard (its data will be missing from queries): {}", line);
        }
        info = new ServerInfo(engine(), pingVersion, BinaryOrigin.SYSTEM, binDir, serverDir, process.pid());
        LOG.info("influxd {} ready on {} (pid {})", pingVersion, endpoint.url(), process.pid());
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized ServerInfo info() {
        if (info == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return info;
    }

    /**
     * How to reach the server: {@link Endpoint#url()} is the HTTP base URL; {@link Endpoint#user()} and
     * {@link Endpoint#password()} are the admin this start made. Use {@link #client(Endpoint)} or {@link #http()}.
     */
    @Override
    public synchronized Endpoint endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return endpoint;
    }

    /**
     * A client for a throwaway server's HTTP API that logs in as the endpoint's user (basic authentication: the
     * password never goes into a URL).
     */
    public static InfluxHttp client(Endpoint endpoint) {
        return new InfluxHttp(java.net.URI.create(endpoint.url()), Duration.ofMinutes(5), endpoint.user(),
                endpoint.password());
    }

    /** A client for the server's HTTP API, logged in as its admin. Only valid after {@link #start()}. */
    public synchronized InfluxHttp http() {
        if (http == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return http;
    }

    /**
     * The log lines in which influxd said it could not open a shard during start-up (usually a file it may not
     * read). Such a server answers queries as if those shards were empty.
     */
    public synchronized List<String> shardsNotOpened() {
        return shardsNotOpened;
    }

    /** The temporary directory (configuration, and the data of a fresh server), or {@code null} before start. */
    public synchronized Path tempDir() {
        return tempDir;
    }

    /**
     * Stops influxd with SIGTERM (SIGKILL after a grace period); files stay. Like any InfluxDB 1.x shutdown, this does
     * not snapshot the cache: recent points stay in the WAL, which the next start replays.
     */
    @Override
    public synchronized void stop() {
        if (process != null) {
            long pid = process.pid();
            // SIGTERM through the process handle: RunningProcess.close() uses Process.destroy(), which also closes our
            // end of influxd's output pipe, so influxd dies of SIGPIPE (exit 141) at its next shutdown log line
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            if (!process.waitFor(STOP_GRACE)) {
                LOG.warn("influxd (pid {}) did not stop within {} s of SIGTERM", pid, STOP_GRACE.toSeconds());
            }
            process.close();
            LOG.info("influxd (pid {}) stopped with exit code {}", pid, process.exitCode().orElse(-1));
            process = null;
        }
        if (savedUsers != null) {
            putUsersBack();
        }
    }

    private Path metaFile() {
        return new InfluxConfig.Layout(serverDir).meta().resolve("meta.db");
    }

    /** Takes the users out of an existing meta store, keeping the original file next to it. */
    private void takeUsersOut() {
        Path meta = metaFile();
        if (!Files.isRegularFile(meta)) {
            return;
        }
        try {
            byte[] original = Files.readAllBytes(meta);
            InfluxMetaUsers.Split split = InfluxMetaUsers.split(original, meta);
            if (split.count() == 0) {
                return;
            }
            Path saved = meta.resolveSibling(SAVED_META);
            if (Files.exists(saved)) {
                // left by a run that ended without putting the users back: that file is the true original
                InfluxMetaUsers.Split savedSplit = InfluxMetaUsers.split(Files.readAllBytes(saved), saved);
                savedUsers = savedSplit.users();
            } else {
                OutputFiles.withoutSources().copyNew(meta, saved);
                savedUsers = split.users();
            }
            // in place, so that the file keeps its owner and mode
            OutputFiles.withoutSources().overwrite(meta, split.withoutUsers());
            LOG.info("took the {} user(s) out of {} while the throwaway server runs (they come back at stop)",
                    split.count(), meta);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot rewrite " + meta + ": " + e.getMessage())
                    .path(meta).cause(e).build();
        }
    }

    /** Puts the original users back into the meta store, without the admin this server made. */
    private void putUsersBack() {
        Path meta = metaFile();
        try {
            InfluxMetaUsers.Split now = InfluxMetaUsers.split(Files.readAllBytes(meta), meta);
            OutputFiles.withoutSources().overwrite(meta, now.withUsers(savedUsers));
            Files.deleteIfExists(meta.resolveSibling(SAVED_META));
            savedUsers = null;
        } catch (IOException | RecoveryException e) {
            LOG.warn("could not put the users back into {}: {}; the original is {}", meta, e.getMessage(),
                    meta.resolveSibling(SAVED_META));
        }
    }

    /**
     * Makes the admin with this start's password. InfluxDB accepts this one statement without credentials while no
     * user exists; the password travels in the request body, which the server does not log.
     */
    private void createAdmin(String url, String password) {
        try {
            new InfluxHttp(url).query(null, "CREATE USER " + ADMIN + " WITH PASSWORD '" + password
                    + "' WITH ALL PRIVILEGES");
        } catch (RecoveryException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "influxd on " + url + " did not let dbrecover "
                            + "create its admin user: " + e.getMessage().replace(password, "***"))
                    .hint("the meta store probably still has users; see the server's log").build();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (tempDir != null && !options.keepFiles()) {
            TempDirs.deleteQuietly(tempDir);
        } else if (tempDir != null) {
            LOG.info("kept the files of the InfluxDB server in {}", tempDir);
        }
    }

    private void launch(Optional<OsUsers.OsUser> user, int httpPort, int rpcPort) {
        String password = Secrets.newPassword();
        Path config = tempDir.resolve(InfluxConfig.FILE_NAME);
        OutputFiles.withoutSources().write(config, InfluxConfig.render(new InfluxConfig.Layout(serverDir), httpPort,
                rpcPort, options.settings()));
        user.ifPresent(u -> OsUsers.chownTree(tempDir, u));
        ProcessSpec spec = ProcessSpec.of(binDir.resolve(InfluxBinaries.SERVER).toString(), "run", "-config",
                        config.toString())
                // a clean environment: INFLUXDB_* variables would override the generated configuration
                .cleanEnvironment(true)
                .env("INFLUXDB_REPORTING_DISABLED", "true")
                .runAsUser(user.map(OsUsers.OsUser::name).orElse(null))
                .workingDir(tempDir)
                .logName(InfluxBinaries.SERVER)
                .tailLines(LOG_LINES_KEPT)
                .stopSignal("TERM")
                .build();
        String url = "http://" + InfluxConfig.HOST + ":" + httpPort;
        InfluxHttp pinger = new InfluxHttp(url);
        LOG.info("starting influxd on {} over {}{}", url, serverDir, user.map(u -> " as " + u.name()).orElse(""));
        RunningProcess started = runner.start(spec);
        try {
            String listening = "addr=" + InfluxConfig.HOST + ":" + httpPort;
            Readiness.await("influxd on " + url, started, options.startTimeout(), () -> {
                // whoever answers /ping must be our influxd: another server on this port (a lost race for a free
                // port, or a fixed --port) answers too, so wait until ours says it listens there
                if (started.tail().stream().noneMatch(l -> l.contains("Listening on HTTP") && l.contains(listening))) {
                    throw new IllegalStateException("influxd has not yet reported listening on " + listening);
                }
                InfluxHttp.Ping ping = pinger.ping(PING_TIMEOUT);
                if (!ping.ok()) {
                    throw new IllegalStateException("/ping answered HTTP " + ping.status());
                }
                pingVersion = ping.version();
            });
            createAdmin(url, password);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        process = started;
        endpoint = new Endpoint(InfluxConfig.HOST, httpPort, url, ADMIN, password);
        http = client(endpoint);
    }

    private Optional<OsUsers.OsUser> runUser() {
        if (!OsUsers.isRoot()) {
            // an unprivileged JVM can only run the server as itself
            return Optional.empty();
        }
        String wanted = options.runAsUser();
        if (wanted == null) {
            // never as root: Debian's package creates 'influxdb'; elsewhere the least privileged user there is
            return OsUsers.firstExisting(DEFAULT_USER, "nobody");
        }
        if ("root".equals(wanted)) {
            return Optional.empty();
        }
        return Optional.of(OsUsers.lookup(wanted).orElseThrow(() -> RecoveryException.of(ErrorCode.PERMISSION_DENIED,
                        "user '" + wanted + "' does not exist, so influxd cannot run as it")
                .hint("create the user, choose another one, or leave the option unset to use '" + DEFAULT_USER + "'")
                .build()));
    }

    private static Path freshServerDir(Path tempDir) {
        Path dir = tempDir.resolve(SERVER_DIR);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create " + dir + ": " + e.getMessage()).path(dir)
                    .cause(e).build();
        }
    }

    /** A server directory must hold meta/ and data/: on anything else influxd would quietly make new ones. */
    static Path existingServerDir(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "no InfluxDB server directory at " + dir)
                    .path(dir).hint("name the directory that holds meta/, data/ and wal/ (e.g. /var/lib/influxdb)")
                    .build();
        }
        // the server writes wherever a link or a hard link in it leads
        OutputFiles.withoutSources().checkTree(dir);
        List<String> missing = List.of("meta", "data").stream().filter(d -> !Files.isDirectory(dir.resolve(d)))
                .toList();
        if (!missing.isEmpty()) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, dir + " is not an InfluxDB 1.x server directory: "
                            + String.join(" and ", missing) + "/ missing")
                    .path(dir).hint("name the directory that holds meta/, data/ and wal/ (e.g. /var/lib/influxdb)")
                    .build();
        }
        if (!Files.isDirectory(dir.resolve("wal"))) {
            LOG.info("{} has no wal/; influxd starts with an empty WAL", dir);
        }
        return dir;
    }

    /**
     * Refuses a directory the server's user cannot reach because a parent denies it search permission (a 0700 temp
     * dir, a home directory): influxd would fail with a bare "permission denied". Only the certain case is refused;
     * a group-searchable parent is allowed since supplementary groups are not known here.
     */
    static void requireReachable(Path dir, OsUsers.OsUser user) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            PosixFileAttributes a;
            try {
                a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException e) {
                return;
            }
            if (a.isSymbolicLink()) {
                return;
            }
            boolean owner = a.owner().getName().equals(user.name());
            boolean allowed = owner ? a.permissions().contains(PosixFilePermission.OWNER_EXECUTE)
                    : a.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
                    || a.permissions().contains(PosixFilePermission.GROUP_EXECUTE);
            if (!allowed) {
                throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "influxd runs as user '" + user.name()
                                + "', who cannot reach " + dir + ": " + p + " denies it access")
                        .path(p).hint("use a directory other users can enter (e.g. under /tmp or /var/tmp), "
                                + "or allow it: chmod o+x " + p).build();
            }
        }
    }
}
