package io.dbrecover.core.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.core.workspace.TreeCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A throwaway server for a person to work with, and the way to reach it: on a new data directory, or on an existing
 * one that is only ever read. That one is copied into {@code <workDir>/datadir} (inventoried first, compared again
 * at the end, as every source of a recovery) and the server runs on the copy; opening a session with the same work
 * dir again starts on the same copy. Only a directory that is itself a disposable copy is served in place. Once
 * started, a client file only the user can read says how to connect ({@link ClientAccess}); it is removed when the
 * server stops.
 *
 * <pre>{@code
 * try (ServerSession session = ServerSession.open(Engines.byId("mysql").servers().orElseThrow(),
 *         new ServerSession.Request(Path.of("/mnt/old/mysql"), Path.of("/srv/work"), false, ServerOptions.defaults()),
 *         ProgressListener.NONE)) {
 *     ClientAccess access = session.start();
 *     ...
 * }
 * }</pre>
 */
public final class ServerSession implements AutoCloseable {
    /** The directory under the work dir that holds the copy. */
    public static final String COPY_DIR = "datadir";

    private final EvidenceWorkspace workspace;
    private final Copy copy;
    private final ServerOptions options;
    private final ServerProvider provider;
    private ManagedServer server;
    private ClientAccess access;
    private boolean closed;

    /**
     * What to serve.
     *
     * @param dataDir an existing data directory, or {@code null} for a new one
     * @param workDir where {@code dataDir} is copied to; {@code null} only for a new data directory or in place
     * @param inPlace serve {@code dataDir} itself, which the server then writes into: only for a disposable copy
     * @param options everything else about the server (its {@code dataDir} is set by the session)
     */
    public record Request(Path dataDir, Path workDir, boolean inPlace, ServerOptions options) {
        public Request {
            Objects.requireNonNull(options, "options");
            if (dataDir != null && !inPlace && workDir == null) {
                throw RecoveryException.of(ErrorCode.USAGE, "a server on the existing data directory " + dataDir
                                + " needs a work dir to copy it to: it runs on a copy, never on the directory named")
                        .hint("name a work dir, or serve it in place if it is itself a disposable copy").build();
            }
            if ((workDir != null || inPlace) && dataDir == null) {
                throw RecoveryException.of(ErrorCode.USAGE, "a work dir or serving in place goes with an existing "
                        + "data directory").build();
            }
        }
    }

    /**
     * The copy the server runs on.
     *
     * @param dir     the copy
     * @param reused  made by an earlier session with the same work dir (then {@code files} and {@code bytes} are 0)
     * @param files   files copied now
     * @param bytes   bytes copied now
     */
    public record Copy(Path dir, boolean reused, long files, long bytes) {
    }

    private ServerSession(EvidenceWorkspace workspace, Copy copy, ServerOptions options, ServerProvider provider) {
        this.workspace = workspace;
        this.copy = copy;
        this.options = options;
        this.provider = provider;
    }

    /** Copies the data directory when asked (or reuses an earlier copy); starts nothing. */
    public static ServerSession open(ServerProvider provider, Request request, ProgressListener progress) {
        EvidenceWorkspace workspace = null;
        Copy copy = null;
        Path serve = request.dataDir();
        try {
            if (request.dataDir() != null && !request.inPlace()) {
                workspace = EvidenceWorkspace.open(List.of(request.dataDir()), request.workDir(), progress);
                serve = workspace.workDir().resolve(COPY_DIR);
                if (workspace.resumed() && Files.isDirectory(serve)) {
                    copy = new Copy(serve, true, 0, 0);
                } else {
                    TreeCopy.Result r = TreeCopy.copy(workspace, request.dataDir(), COPY_DIR, TreeCopy.Links.REFUSE,
                            "in a copy of the data directory, replace the link by what it points to, and name that "
                                    + "copy", null, progress);
                    copy = new Copy(r.target(), false, r.files(), r.bytes());
                }
            }
            return new ServerSession(workspace, copy, request.options().toBuilder().dataDir(serve).build(), provider);
        } catch (RuntimeException e) {
            if (workspace != null) {
                workspace.close();
            }
            throw e;
        }
    }

    /** The copy the server runs on, when the request named a data directory and not in place. */
    public Optional<Copy> copy() {
        return Optional.ofNullable(copy);
    }

    /** The source of the copy, or empty. */
    public Optional<Path> source() {
        return workspace == null ? Optional.empty() : Optional.of(workspace.sources().get(0));
    }

    /** The server; only valid after {@link #start()}. */
    public synchronized ManagedServer server() {
        if (server == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "the session's server has not been started")
                    .hint("call start() first").build();
        }
        return server;
    }

    /**
     * Makes and starts the server ({@code BINARY_NOT_FOUND} when the engine has no programs here) and writes the
     * client file (into the work dir when there is one, else the temp dir): the password reaches the user only
     * through it.
     */
    public synchronized ClientAccess start() {
        if (closed) {
            throw new RecoveryException(ErrorCode.USAGE, "this server session was closed");
        }
        if (server == null) {
            server = provider.create(options);
        }
        server.start();
        if (access == null) {
            access = provider.writeClientAccess(server.endpoint(), workspace == null ? null : workspace.workDir());
        }
        return access;
    }

    /**
     * Removes the client file and stops the server (its temporary files go; a copy stays in the work dir).
     * Idempotent and safe from another thread, such as a shutdown hook.
     */
    public synchronized void stop() {
        if (access != null) {
            access.delete();
            access = null;
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Stops the server and, when a copy was served, compares the source with its inventory and releases the work
     * dir; returns that comparison.
     */
    public synchronized Optional<InventoryVerdict> finish() {
        stop();
        if (closed || workspace == null) {
            closed = true;
            return Optional.empty();
        }
        closed = true;
        try {
            return Optional.of(workspace.verifySources(ProgressListener.NONE));
        } finally {
            workspace.close();
        }
    }

    /** {@link #finish()}, its verdict unused. */
    @Override
    public void close() {
        finish();
    }
}
