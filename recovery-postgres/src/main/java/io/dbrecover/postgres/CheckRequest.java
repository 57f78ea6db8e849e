package io.dbrecover.postgres;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code dbrecover postgres check} is asked to do: copy a data directory taken off a disk or a snapshot (never
 * started on in place), let a throwaway server of its major version run crash recovery on the copy, and prove the
 * result.
 *
 * @param dataDir         the data directory (holding {@code PG_VERSION}), only read
 * @param into            where the copy goes ({@code into/data}) with the run's journal, inventories and
 *                        {@code report.json}: an empty or new directory outside {@code dataDir}
 * @param port            the port of the throwaway server on 127.0.0.1, 0 for a free one
 * @param keepRunning     leave the server running after the proof
 * @param recoveryTimeout how long crash recovery may take
 * @param server          options of the throwaway server (binaries, user)
 * @param progress        progress reporting
 */
public record CheckRequest(Path dataDir, Path into, int port, boolean keepRunning, Duration recoveryTimeout,
                           ServerOptions server, ProgressListener progress) {
    public CheckRequest {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(recoveryTimeout, "recoveryTimeout");
        if (dataDir == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "CheckRequest.dataDir is missing")
                    .hint("name the copied data directory, the one holding PG_VERSION").build();
        }
        if (into == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "CheckRequest.into is missing")
                    .hint("name an empty or new directory for the copy").build();
        }
        if (port < 0 || port > 65535) {
            throw RecoveryException.of(ErrorCode.USAGE, "CheckRequest.port " + port + " is not a TCP port")
                    .hint("give 1 to 65535, or 0 for a free one").build();
        }
    }

    /** A request with the defaults: a free port, stopped after the proof, an hour for crash recovery. */
    public static CheckRequest of(Path dataDir, Path into) {
        return new CheckRequest(dataDir, into, 0, false, Duration.ofHours(1), ServerOptions.defaults(),
                ProgressListener.NONE);
    }

    public CheckRequest withPort(int value) {
        return new CheckRequest(dataDir, into, value, keepRunning, recoveryTimeout, server, progress);
    }

    public CheckRequest withKeepRunning(boolean value) {
        return new CheckRequest(dataDir, into, port, value, recoveryTimeout, server, progress);
    }

    public CheckRequest withServer(ServerOptions value) {
        return new CheckRequest(dataDir, into, port, keepRunning, recoveryTimeout, value, progress);
    }

    public CheckRequest withProgress(ProgressListener value) {
        return new CheckRequest(dataDir, into, port, keepRunning, recoveryTimeout, server, value);
    }
}
