package io.dbrecover.postgres;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.postgres.backup.BackupJob;
import io.dbrecover.postgres.backup.BackupVerifier;
import io.dbrecover.postgres.backup.BaseBackupRunner;
import io.dbrecover.postgres.backup.ServerAddress;
import io.dbrecover.postgres.model.BackupResult;
import io.dbrecover.postgres.model.BackupVerification;

/**
 * PostgreSQL base backups: verify one against its {@code backup_manifest} ({@code dbrecover postgres verify-backup})
 * and take one with {@code pg_basebackup} ({@code dbrecover postgres backup}).
 *
 * <pre>{@code
 * BackupVerification v = PostgresBackups.verify(VerifyBackupRequest.of(Path.of("/backups/2026-12-06"))
 *         .withWalArchive(Path.of("/archive/wal")));
 * v.problems().forEach(p -> System.out.println(p.describe()));
 * }</pre>
 *
 * <p>Verification reads a plain backup's files and a tar backup's archives (compressed with gzip, LZ4 or zstd or
 * not) as streams, writing nothing anywhere: every file the manifest lists must be there with its size and checksum
 * (CRC32C, SHA-224/256/384/512), no file may be there that the manifest does not list (except those PostgreSQL
 * never lists), no tar entry may lead outside its directory, the manifest's own checksum must match, and every WAL
 * segment of the manifest's WAL ranges must be in the backup or the WAL archive. Damage is a
 * {@link io.dbrecover.postgres.model.BackupProblem}, never an exception.
 */
public final class PostgresBackups {
    private PostgresBackups() {
    }

    /**
     * Verifies a base backup against its manifest.
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when the backup directory (or the WAL archive) does not
     *         exist or holds no {@code backup_manifest}; {@code USAGE} for a directory that is no base backup.
     *         Anything wrong inside the backup is a problem in the result instead
     */
    public static BackupVerification verify(VerifyBackupRequest request) {
        return new BackupVerifier(request.backup(), request.walArchive(), request.walPages(), request.threads())
                .verify();
    }

    /**
     * Takes a base backup with {@code pg_basebackup} (with a manifest, {@code --checkpoint=fast}, WAL streamed into
     * the backup), then verifies it when asked to.
     *
     * @throws RecoveryException {@code USAGE} or {@code SOURCE_WRITE_REFUSED} for an {@code out} that is not empty
     *         or lies inside the source, {@code BINARY_NOT_FOUND} without {@code pg_basebackup},
     *         {@code PROCESS_FAILED} with pg_basebackup's last output when it fails
     */
    public static BackupResult backup(BackupRequest request) {
        return new BaseBackupRunner(new BackupJob(request.pgdata(), request.server(), request.out(),
                request.format(), request.compression(), request.osUser(), request.serverOptions(), request.verify(),
                request.timeout())).run();
    }

    /**
     * A running server named by a JDBC URL ({@code jdbc:postgresql://host[:port]/[db]?user=NAME}) and a password
     * read by the caller from a file or the environment; a password inside the URL is refused (command lines are
     * visible to every user of the machine).
     *
     * @param password the password, or {@code null} when the server needs none (or a {@code PGPASSFILE} of the
     *                 caller's environment provides it)
     * @throws RecoveryException {@code USAGE} for a URL that is not a PostgreSQL JDBC URL or holds a password
     */
    public static Endpoint serverFromUrl(String jdbcUrl, String password) {
        if (jdbcUrl == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "BackupRequest.server: no JDBC URL").build();
        }
        return ServerAddress.parse(jdbcUrl, password);
    }
}
