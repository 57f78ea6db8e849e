package io.dbrecover.postgres.backup;

import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.postgres.model.BackupCompression;
import io.dbrecover.postgres.model.BackupFormat;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A backup to take, as the face's {@code BackupRequest} (already checked) hands it over.
 *
 * @param pgdata        a stopped cluster's data directory, or {@code null}
 * @param server        a running server, or {@code null}
 * @param out           the backup directory
 * @param format        plain or tar
 * @param compression   compression of the tar files
 * @param osUser        whom pg_basebackup runs as when root, or {@code null} for the default
 * @param serverOptions the throwaway server's options for {@code pgdata}
 * @param verify        whether to verify the backup afterwards
 * @param timeout       how long pg_basebackup may run
 */
public record BackupJob(Path pgdata, Endpoint server, Path out, BackupFormat format, BackupCompression compression,
                        String osUser, ServerOptions serverOptions, boolean verify, Duration timeout) {
}
