package io.dbrecover.influx.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.Reachability;
import io.dbrecover.core.process.RunningProcess;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.FreePorts;
import io.dbrecover.core.server.Readiness;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.server.RunAs;
import io.dbrecover.core.spi.server.ServerBase;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.influx.http.InfluxHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway InfluxDB 1.x server: {@code influxd run -config <generated file>} on 127.0.0.1 and a free port, with
 * its configuration in a temporary directory and its data either there too ({@code meta/}, {@code data/},
 * {@code wal/} under {@code <temp>/influxdb}) or in an existing server directory
 * ({@link ServerOptions#dataDir()}, never deleted). When dbrecover runs as root the server runs as the
 * {@code influxdb} user when that exists, and the directories it uses are given to that user: files it cannot
 * open make influxd skip whole shards while still answering {@code /ping}. Its life (start, stop, close, temp dir,
 * ports, errors) is {@link ServerBase}'s.
 *
 * <p>Authentication is on: the server admits only the admin {@value #ADMIN} with a random password made at each
 * start, which {@link #endpoint()} carries and {@link #http()} and {@link #client(Endpoint)} use. InfluxDB lets
 * the first admin be made without logging in only while its meta store has no users, so on an existing server
 * directory that has users, they are taken out of {@code meta/meta.db} before the start (see
 * {@link InfluxMetaStore}) and put back after it stops, our admin removed.
 *
 * <p>Ready means {@code GET /ping} answers 204. That proves the HTTP service is up and the store was opened (influxd
 * opens every shard, replaying its WAL, before it listens), but not that every shard opened: the lines in which
 * influxd reports shards it could not open are collected in {@link #shardsNotOpened()}.
 */
public final class InfluxServer extends ServerBase {
    /** The user throwaway servers run as when dbrecover runs as root, when it exists (Debian's package makes it). */
    public static final String DEFAULT_USER = "influxdb";
    /** The admin user of throwaway servers. */
    public static final String ADMIN = "dbrecover";
    /** The copy of an existing meta store kept while its users are out of it. */
    static final String SAVED_META = InfluxMetaStore.SAVED_META;
    /** The directory name of a fresh server's files inside its temporary directory. */
    static final String SERVER_DIR = "influxdb";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxServer.class);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_LINES_KEPT = 2000;
    private static final int SHARD_LINES_SPARE = 1000;
    /** influxd itself gives its services 30 s to close. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final Path binDir;

    private Path serverDir;
    private InfluxMetaStore metaStore;
    private InfluxHttp http;
    private List<String> shardsNotOpened = List.of();
    private List<String> startLog = List.of();
    /**
     * influxd's lines about opening shards, kept apart from the tail, which a large server's start outgrows. Guarded
     * by itself, not by this object: the output's reader thread adds to it while {@link #start()} holds this one.
     */
    private final List<String> shardLines = new ArrayList<>();
    private int shardLinesLimit;
    private long shardLinesDropped;

    InfluxServer(Path binDir, ServerOptions options, ProcessRunner runner) {
        // never as root: Debian's package creates 'influxdb'; elsewhere the least privileged user there is
        super(InfluxServerProvider.ENGINE, "InfluxDB", RunAs.preferring(DEFAULT_USER, "nobody"), options, runner);
        this.binDir = Objects.requireNonNull(binDir, "binDir");
    }

    /**
     * A client for a throwaway server's HTTP API that logs in as the endpoint's user (basic authentication: the
     * password never goes into a URL).
     */
    public static InfluxHttp client(Endpoint endpoint) {
        return new InfluxHttp(URI.create(endpoint.url()), Duration.ofMinutes(5), endpoint.user(), endpoint.password());
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

    /**
     * The last lines influxd logged up to the moment it was ready (at most 2000). Empty before {@link #start()}. A
     * server with many shards logs more than that while it opens them: use {@link #shardOpenings()} for those.
     */
    public synchronized List<String> startLog() {
        return startLog;
    }

    /**
     * Every line influxd logged up to the moment it was ready about opening a shard ({@code Opened shard} with the
     * shard's {@code index_version} and path, {@code Failed to open shard}), however long its start-up log: these
     * are kept apart from the tail, up to twice the number of shard directories found before the start (plus
     * {@value #SHARD_LINES_SPARE}), which influxd's one line per shard never reaches. Empty before {@link #start()}.
     */
    public List<String> shardOpenings() {
        synchronized (shardLines) {
            return List.copyOf(shardLines);
        }
    }

    private void shardLine(String line) {
        if (!line.contains("Opened shard") && !line.contains("Failed to open shard")) {
            return;
        }
        synchronized (shardLines) {
            if (shardLines.size() < shardLinesLimit) {
                shardLines.add(line);
            } else if (shardLinesDropped++ == 0) {
                LOG.warn("influxd logged more shard openings than {} (for the shard directories found): the rest "
                        + "are not kept", shardLinesLimit);
            }
        }
    }

    @Override
    protected void prepare() {
        boolean existing = options.dataDir() != null;
        serverDir = existing ? existingServerDir(options.dataDir()) : freshServerDir(tempDir());
        InfluxConfig.Layout layout = new InfluxConfig.Layout(serverDir);
        if (existing) {
            // only meta/, data/ and wal/ are given to the user: influxd writes nowhere else, and the directory may
            // hold what is not the server's (a rebuild's journal, inventories and lock when it is also the run's
            // work directory), which must stay its owner's
            // the directory itself only needs to be searchable by the user (a new --out made under umask 077 is
            // not): that much is granted, less than the whole tree given away
            user().filter(u -> Reachability.closedTo(u, serverDir).equals(List.of(serverDir)))
                    .ifPresent(u -> allowSearch(serverDir));
            requireReachable(tempDir(), serverDir);
            OutputFiles.withoutSources().createDirectories(layout.wal());
        } else {
            // the fresh server directory itself is given to the user below
            requireReachable(tempDir(), serverDir.getParent());
        }
        if (metaStore == null) {
            metaStore = new InfluxMetaStore(layout.meta().resolve("meta.db"));
        }
        // an existing directory's users, or those a fresh server made at an earlier start
        metaStore.takeUsersOut();
        if (existing) {
            giveToUser(layout.meta());
            giveToUser(layout.data());
            giveToUser(layout.wal());
        } else {
            giveToUser(serverDir);
        }
    }

    @Override
    protected Launch launch(int httpPort) {
        int rpcPort = FreePorts.find();
        while (rpcPort == httpPort) {
            rpcPort = FreePorts.find();
        }
        String password = Secrets.newPassword();
        Path config = tempDir().resolve(InfluxConfig.FILE_NAME);
        OutputFiles.withoutSources().write(config, InfluxConfig.render(new InfluxConfig.Layout(serverDir), httpPort,
                rpcPort, options.settings()));
        giveToUser(tempDir());
        String url = "http://" + InfluxConfig.HOST + ":" + httpPort;
        LOG.info("starting influxd on {} over {}{}", url, serverDir, user().map(u -> " as " + u.name()).orElse(""));
        // a clean environment: INFLUXDB_* variables would override the generated configuration
        synchronized (shardLines) {
            shardLines.clear();
            shardLinesDropped = 0;
            shardLinesLimit = 2 * countShardDirs(serverDir.resolve("data")) + SHARD_LINES_SPARE;
        }
        RunningProcess started = runner.start(processSpec(List.of(binDir.resolve(InfluxBinaries.SERVER).toString(),
                        "run", "-config", config.toString()), InfluxBinaries.SERVER)
                .env("INFLUXDB_REPORTING_DISABLED", "true").tailLines(LOG_LINES_KEPT).lineListener(this::shardLine)
                .stopSignal("TERM").build());
        return new Launch(started, new Endpoint(InfluxConfig.HOST, httpPort, url, ADMIN, password));
    }

    @Override
    protected String awaitReady(Launch launch) {
        RunningProcess started = launch.process();
        Endpoint ep = launch.endpoint();
        InfluxHttp pinger = new InfluxHttp(ep.url());
        AtomicReference<String> version = new AtomicReference<>();
        String listening = "addr=" + InfluxConfig.HOST + ":" + ep.port();
        Readiness.await("influxd on " + ep.url(), started, options.startTimeout(), () -> {
            // whoever answers /ping must be our influxd: another server on this port (a lost race for a free
            // port, or a fixed port) answers too, so wait until ours says it listens there
            if (started.tail().stream().noneMatch(l -> l.contains("Listening on HTTP") && l.contains(listening))) {
                throw new IllegalStateException("influxd has not yet reported listening on " + listening);
            }
            InfluxHttp.Ping ping = pinger.ping(PING_TIMEOUT);
            if (!ping.ok()) {
                throw new IllegalStateException("/ping answered HTTP " + ping.status());
            }
            version.set(ping.version());
        });
        createAdmin(ep.url(), ep.password());
        return version.get();
    }

    @Override
    protected void started(RunningProcess process) {
        http = client(endpoint());
        startLog = List.copyOf(process.tail());
        shardsNotOpened = shardOpenings().stream().filter(l -> l.contains("msg=\"Failed to open shard\""))
                .toList();
        for (String line : shardsNotOpened) {
            LOG.warn("influxd could not open a shard (its data will be missing from queries): {}", line);
        }
    }

    /**
     * SIGTERM (SIGKILL after a grace period); files stay. Like any InfluxDB 1.x shutdown, this does not snapshot the
     * cache: recent points stay in the WAL, which the next start replays.
     */
    @Override
    protected void stopProcess(RunningProcess process) {
        long pid = process.pid();
        // SIGTERM through the process handle: RunningProcess.close() uses Process.destroy(), which also closes our
        // end of influxd's output pipe, so influxd dies of SIGPIPE (exit 141) at its next shutdown log line
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(STOP_GRACE)) {
            LOG.warn("influxd (pid {}) did not stop within {} s of SIGTERM", pid, STOP_GRACE.toSeconds());
        }
        process.close();
    }

    @Override
    protected void afterStop() {
        if (metaStore != null) {
            metaStore.putUsersBack();
        }
    }

    @Override
    protected Path dataDir() {
        return serverDir;
    }

    @Override
    protected Path binDir() {
        return binDir;
    }

    @Override
    protected BinaryOrigin origin() {
        return BinaryOrigin.SYSTEM;
    }

    /**
     * Makes the admin with this start's password. InfluxDB accepts this one statement without credentials while no
     * user exists; the password travels in the request body, which the server does not log.
     */
    private static void createAdmin(String url, String password) {
        try {
            new InfluxHttp(url).query(null, "CREATE USER " + ADMIN + " WITH PASSWORD '" + password
                    + "' WITH ALL PRIVILEGES");
        } catch (RecoveryException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "influxd on " + url + " did not let dbrecover "
                            + "create its admin user: " + e.getMessage().replace(password, "***"))
                    .hint("the meta store probably still has users; see the server's log").build();
        }
    }

    /** Adds search (execute) permission for everyone to a directory, nothing else. */
    private static void allowSearch(Path dir) {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir,
                    LinkOption.NOFOLLOW_LINKS));
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(dir, perms);
            LOG.info("{} made searchable by every user (chmod go+x), so that influxd's user reaches its files", dir);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot make {} searchable: {}", dir, e.getMessage());
        }
    }

    /** The {@code <db>/<rp>/<id>} directories under a data directory (0 when it cannot be listed). */
    static int countShardDirs(Path data) {
        if (!Files.isDirectory(data)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> s = Files.find(data, 3, (p, a) -> a.isDirectory()
                && data.relativize(p).getNameCount() == 3)) {
            long n = s.count();
            return (int) Math.min(n, Integer.MAX_VALUE / 4);
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
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
        String hint = "name the directory that holds meta/, data/ and wal/ (e.g. /var/lib/influxdb)";
        Path dir = existingDirectory(dataDir, "no InfluxDB server directory at " + dataDir.toAbsolutePath()
                .normalize(), hint);
        List<String> missing = List.of("meta", "data").stream().filter(d -> !Files.isDirectory(dir.resolve(d)))
                .toList();
        if (!missing.isEmpty()) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, dir + " is not an InfluxDB 1.x server directory: "
                    + String.join(" and ", missing) + "/ missing").path(dir).hint(hint).build();
        }
        if (!Files.isDirectory(dir.resolve("wal"))) {
            LOG.info("{} has no wal/; influxd starts with an empty WAL", dir);
        }
        return dir;
    }
}
