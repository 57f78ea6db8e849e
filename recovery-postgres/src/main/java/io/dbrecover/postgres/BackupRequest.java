package io.dbrecover.postgres;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.postgres.model.BackupCompression;
import io.dbrecover.postgres.model.BackupFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code dbrecover postgres backup} is asked to do: a base backup with {@code pg_basebackup}
 * ({@code --checkpoint=fast}, {@code -X stream}, always with a manifest) of one of:
 * <ul>
 *   <li>a running server ({@link #server}): host, port, user and password (which reaches pg_basebackup through a
 *       private {@code PGPASSFILE}, never its command line);</li>
 *   <li>a data directory ({@link #pgdata}) of a stopped cluster: a throwaway server is started on a copy of it (the
 *       original is only read), backed up and stopped.</li>
 * </ul>
 *
 * @param pgdata       a stopped cluster's data directory, or {@code null} when {@code server} is given
 * @param server       a running server to back up, or {@code null} when {@code pgdata} is given; its user needs the
 *                     REPLICATION privilege and a {@code pg_hba.conf} line for replication connections
 * @param out          the backup directory: must not exist or be empty, and lie outside {@code pgdata}
 * @param format       plain (a data directory) or tar
 * @param compression  compression of the tar files (only with {@link BackupFormat#TAR})
 * @param osUser       the OS user pg_basebackup runs as when this process is root (the backup's owner), or
 *                     {@code null} for {@code postgres} when that user exists, else this process's user
 * @param serverOptions options of the throwaway server for {@code pgdata} (binaries, base dir, user)
 * @param verify       whether to verify the new backup against its manifest afterwards (as
 *                     {@link PostgresBackups#verify} does)
 * @param timeout      how long pg_basebackup may run
 */
public record BackupRequest(Path pgdata, Endpoint server, Path out, BackupFormat format,
                            BackupCompression compression, String osUser, ServerOptions serverOptions,
                            boolean verify, Duration timeout) {
    /** The default for {@link #timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

    public BackupRequest {
        if ((pgdata == null) == (server == null)) {
            throw usage("give exactly one of BackupRequest.pgdata and BackupRequest.server",
                    "name the data directory of a stopped cluster, or a running server");
        }
        if (out == null) {
            throw usage("BackupRequest.out is missing", "name an empty or new directory for the backup");
        }
        format = format == null ? BackupFormat.PLAIN : format;
        compression = compression == null ? BackupCompression.NONE : compression;
        if (format == BackupFormat.PLAIN && compression != BackupCompression.NONE) {
            throw usage("BackupRequest.compression " + compression.pgName() + " needs the tar format",
                    "use BackupRequest.format TAR, or no compression");
        }
        serverOptions = serverOptions == null ? ServerOptions.defaults() : serverOptions;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw usage("BackupRequest.timeout must be positive", "give a duration such as 6 hours");
        }
    }

    /** A backup of a stopped cluster's data directory into {@code out}, plain, verified afterwards. */
    public static BackupRequest ofDataDir(Path pgdata, Path out) {
        return new BackupRequest(Objects.requireNonNull(pgdata, "pgdata"), null, out, BackupFormat.PLAIN,
                BackupCompression.NONE, null, null, true, null);
    }

    /** A backup of a running server into {@code out}, plain, verified afterwards. */
    public static BackupRequest ofServer(Endpoint server, Path out) {
        return new BackupRequest(null, Objects.requireNonNull(server, "server"), out, BackupFormat.PLAIN,
                BackupCompression.NONE, null, null, true, null);
    }

    /** The same request in another format and compression. */
    public BackupRequest as(BackupFormat newFormat, BackupCompression newCompression) {
        return new BackupRequest(pgdata, server, out, newFormat, newCompression, osUser, serverOptions, verify,
                timeout);
    }

    /** The same request with other throwaway-server options (for {@code pgdata}). */
    public BackupRequest withServerOptions(ServerOptions options) {
        return new BackupRequest(pgdata, server, out, format, compression, osUser, options, verify, timeout);
    }

    /** The same request run as another OS user (when root). */
    public BackupRequest asUser(String user) {
        return new BackupRequest(pgdata, server, out, format, compression, user, serverOptions, verify, timeout);
    }

    private static RecoveryException usage(String message, String hint) {
        return RecoveryException.of(ErrorCode.USAGE, message).hint(hint).build();
    }
}
