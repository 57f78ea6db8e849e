package io.dbrecover.postgres;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Path;

/**
 * What {@code dbrecover postgres verify-backup} is asked to check.
 *
 * @param backup     the backup directory: a plain base backup (a data directory with {@code backup_manifest}) or
 *                   the directory of a tar backup ({@code base.tar[.gz|.lz4|.zst]}, {@code <oid>.tar…},
 *                   {@code pg_wal.tar…}, {@code backup_manifest}); only read
 * @param walArchive a WAL archive directory (as {@code archive_command} fills it) searched for the segments the
 *                   backup needs and for its {@code *.backup} file, or {@code null}; only read
 * @param walPages   whether to check each WAL segment found (page header magic, timeline, address, size), not only
 *                   its presence
 * @param threads    how many files of a plain backup are hashed at once; 0 for one per available core
 */
public record VerifyBackupRequest(Path backup, Path walArchive, boolean walPages, int threads) {
    public VerifyBackupRequest {
        if (backup == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "VerifyBackupRequest.backup is missing")
                    .hint("name the backup directory (the one holding backup_manifest)").build();
        }
        if (threads < 0) {
            throw RecoveryException.of(ErrorCode.USAGE, "VerifyBackupRequest.threads must be 0 or more, not "
                    + threads).build();
        }
    }

    /** A request for a backup directory alone: WAL page headers checked, one thread per core. */
    public static VerifyBackupRequest of(Path backup) {
        return new VerifyBackupRequest(backup, null, true, 0);
    }

    /** The same request with a WAL archive directory. */
    public VerifyBackupRequest withWalArchive(Path dir) {
        return new VerifyBackupRequest(backup, dir, walPages, threads);
    }
}
