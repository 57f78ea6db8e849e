package io.dbrecover.core.spi.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.process.Reachability;
import io.dbrecover.core.process.RunningProcess;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.FreePorts;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.workspace.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a throwaway server that runs as a process of this machine, which an engine fills in with what is
 * its own: how to prepare its files, the command that starts it, and the query that proves it ready. The base
 * holds the rest, the same for every engine: {@link #start()}, {@link #stop()} and {@link #close()} are final,
 * idempotent and synchronized; a closed server never starts again; the temporary directory
 * {@code dbrecover-<engine>-*} is made under {@link ServerOptions#baseDir()} and removed at close (unless
 * {@link ServerOptions#keepFiles()}); the run-as user comes from the engine's {@link RunAs}; a free port is tried
 * again when another program takes it first; a start that fails names the server and its data directory, says
 * what to try next and carries the server's last output lines.
 *
 * <p>Children never outlive the JVM: every process goes through {@link ProcessRunner}, whose watchdog kills it if
 * the JVM dies, SIGKILL included. Files holding a secret go through {@link io.dbrecover.core.server.Secrets}.
 *
 * <p>A start runs {@link #prepare()} once, then, per port attempt, {@link #launch(int)} and
 * {@link #awaitReady(Launch)}; a stop runs {@link #beforeStop()} while the server still runs,
 * {@link #stopProcess(RunningProcess)}, then {@link #afterStop()}.
 */
public abstract class ServerBase implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(ServerBase.class);
    private static final int PORT_ATTEMPTS = 3;
    private static final String DEFAULT_HINT = "see the server's last output below; `dbrecover doctor` checks the "
            + "installation";

    /** What the caller asked for. */
    protected final ServerOptions options;
    /** The one way to run programs. */
    protected final ProcessRunner runner;
    private final String engine;
    private final String product;
    private final RunAs runAs;

    private Optional<OsUsers.OsUser> user = Optional.empty();
    private Path tempDir;
    private RunningProcess process;
    private Endpoint endpoint;
    private ServerInfo info;
    private boolean closed;

    /**
     * @param engine  the engine id, e.g. {@code postgres}: names the temporary directory and {@link ServerInfo}
     * @param product the server's name for people, e.g. {@code PostgreSQL}
     * @param runAs   whom the server runs as when dbrecover runs as root
     */
    protected ServerBase(String engine, String product, RunAs runAs, ServerOptions options, ProcessRunner runner) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.product = Objects.requireNonNull(product, "product");
        this.runAs = Objects.requireNonNull(runAs, "runAs");
        this.options = Objects.requireNonNull(options, "options");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** A started server process and how to reach it once it is ready. */
    public record Launch(RunningProcess process, Endpoint endpoint) {
        public Launch {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /**
     * Makes everything the server needs before its process starts: its programs, its data directory (new, or the
     * one the options name, checked), ownership for the run-as user, configuration. Runs at every start, in the
     * temporary directory that {@link #tempDir()} already names.
     */
    protected abstract void prepare();

    /** Starts the server process on 127.0.0.1 and this port, with a password new to this start. */
    protected abstract Launch launch(int port);

    /**
     * Waits until the launched server answers a real query (never a fixed sleep, see
     * {@link io.dbrecover.core.server.Readiness}) and makes sure the server answering is this one; returns its
     * version as it reports it. Throws a {@link RecoveryException} when it is not ready.
     */
    protected abstract String awaitReady(Launch launch);

    /** Its data directory; only called once {@link #prepare()} has run. */
    protected abstract Path dataDir();

    /** The directory of its programs; only called once {@link #prepare()} has run. */
    protected abstract Path binDir();

    /** Where its programs come from; only called once {@link #prepare()} has run. */
    protected abstract BinaryOrigin origin();

    /** Whether the server's last words say another program took the port first: then another port is tried. */
    protected boolean portTaken(List<String> tail) {
        return tail.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("address already in use"));
    }

    /** What to try next, read from the server's last output; empty when nothing specific is known. */
    protected Optional<String> hintFor(List<String> tail) {
        return Optional.empty();
    }

    /** After a launch that did not become ready, its process ended: remove what that one start left. */
    protected void launchFailed() {
    }

    /** The server is ready and {@link #info()} and {@link #endpoint()} answer. */
    protected void started(RunningProcess started) {
    }

    /** The server still runs and is about to be stopped (e.g. to remove the account dbrecover added). */
    protected void beforeStop() {
    }

    /** Stops the process; the default sends its stop signal, then SIGKILL after a grace period. */
    protected void stopProcess(RunningProcess running) {
        running.close();
    }

    /** After every stop, whether or not the process ran (e.g. to put back what the start took out). */
    protected void afterStop() {
    }

    /** At close, after the stop and before the temporary directory is removed. */
    protected void cleanUp() {
    }

    /** The server for messages, e.g. {@code MariaDB (/usr/sbin/mariadbd)}. */
    protected String describe() {
        return product;
    }

    @Override
    public final String engine() {
        return engine;
    }

    @Override
    public final synchronized void start() {
        if (closed) {
            throw RecoveryException.of(ErrorCode.USAGE, "this " + product + " server was closed and cannot start "
                    + "again").hint("create a new server").build();
        }
        if (isRunning()) {
            return;
        }
        if (process != null) {
            // it died on its own: release it before starting anew on the same files
            LOG.warn("{} (pid {}) had exited with code {}; starting it again", product, process.pid(),
                    process.exitCode().orElse(-1));
            process.close();
            process = null;
        }
        user = runAs.resolve(product, options);
        if (tempDir == null) {
            tempDir = TempDirs.create(options.baseDir(), engine);
        }
        prepare();
        launchReady();
        started(process);
    }

    private void launchReady() {
        int attempts = options.port() == 0 ? PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int port = options.port() == 0 ? FreePorts.find() : options.port();
            long t0 = System.nanoTime();
            Launch launch = launch(port);
            RunningProcess p = launch.process();
            try {
                String version = awaitReady(launch);
                process = p;
                endpoint = launch.endpoint();
                info = new ServerInfo(engine, version, origin(), binDir(), dataDir(), p.pid());
                LOG.info("{} {} ({}) ready on {}:{} in {} ms (pid {}, data {})", product, version, origin().label(),
                        endpoint.host(), endpoint.port(), (System.nanoTime() - t0) / 1_000_000, p.pid(), dataDir());
                return;
            } catch (RecoveryException e) {
                // closing waits for the output pump, so the tail below holds the server's last words
                p.close();
                launchFailed();
                List<String> tail = p.tail();
                if (attempt < attempts && portTaken(tail)) {
                    LOG.info("port {} was taken before {} could bind it; trying another", port, product);
                    continue;
                }
                throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, describe() + " did not start on "
                                + dataDir() + ": " + e.getMessage())
                        .path(dataDir()).hint(hintFor(tail).orElse(e.hint().orElse(DEFAULT_HINT)))
                        .outputTail(tail.isEmpty() ? e.outputTail() : tail).cause(e).build();
            }
        }
    }

    @Override
    public final synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public final synchronized ServerInfo info() {
        if (info == null) {
            throw notStarted();
        }
        return info;
    }

    @Override
    public final synchronized Endpoint endpoint() {
        if (endpoint == null) {
            throw notStarted();
        }
        return endpoint;
    }

    @Override
    public final synchronized void stop() {
        if (process != null) {
            if (process.isAlive()) {
                beforeStop();
            }
            long t0 = System.nanoTime();
            stopProcess(process);
            LOG.info("{} on port {} stopped (pid {}, exit code {}) in {} ms", product,
                    endpoint == null ? "?" : endpoint.port(), process.pid(), process.exitCode().orElse(-1),
                    (System.nanoTime() - t0) / 1_000_000);
            process = null;
        }
        afterStop();
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        cleanUp();
        if (tempDir != null) {
            if (options.keepFiles()) {
                LOG.info("kept the throwaway {} files in {}", product, tempDir);
            } else {
                TempDirs.deleteQuietly(tempDir);
            }
        }
    }

    /** The temporary directory (configuration, and the data of a new server), or {@code null} before start. */
    public final synchronized Path tempDir() {
        return tempDir;
    }

    /** The user the server runs as, or empty for this JVM's user; valid from {@link #prepare()} on. */
    protected final synchronized Optional<OsUsers.OsUser> user() {
        return user;
    }

    /** The server's name for people. */
    protected final String product() {
        return product;
    }

    /** The process of the running server, or {@code null}. */
    protected final synchronized RunningProcess process() {
        return process;
    }

    /**
     * Refuses, before the server fails with a less clear message, a path its user cannot reach (its programs,
     * and for a directory that is given to the user before the start, that directory's parent). Nothing to check
     * when it runs as this JVM's user.
     */
    protected final void requireReachable(Path... paths) {
        user().ifPresent(u -> Reachability.require(product, u, List.of(paths)));
    }

    /** Gives a tree to the run-as user, when there is one. */
    protected final void giveToUser(Path tree) {
        user().ifPresent(u -> OsUsers.chownTree(tree, u));
    }

    /**
     * A program of the server: a clean environment (the caller's variables must not reach the server), C messages
     * (so that its log reads as this code expects), the temporary directory as working directory, as the run-as
     * user.
     */
    protected final ProcessSpec.Builder processSpec(List<String> command, String logName) {
        return ProcessSpec.of(command).cleanEnvironment(true).env("LC_ALL", "C").workingDir(tempDir())
                .runAsUser(user().map(OsUsers.OsUser::name).orElse(null)).logName(logName);
    }

    /**
     * An existing directory the server is to start on: absolute and normalised, refused when missing (with the
     * engine's words) or when it holds a link or a hard-linked file (the server writes wherever they lead).
     */
    protected static Path existingDirectory(Path dir, String missing, String hint) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, missing).path(abs).hint(hint).build();
        }
        OutputFiles.withoutSources().checkTree(abs);
        return abs;
    }

    private RecoveryException notStarted() {
        return RecoveryException.of(ErrorCode.USAGE, "the " + product + " server has not been started")
                .hint("call start() first").build();
    }

    /** For messages and logs; never shows the password. */
    @Override
    public synchronized String toString() {
        return getClass().getSimpleName() + "[" + (endpoint == null ? "not started" : endpoint.host() + ":"
                + endpoint.port()) + (info == null ? "" : ", data " + info.dataDir()) + "]";
    }
}
