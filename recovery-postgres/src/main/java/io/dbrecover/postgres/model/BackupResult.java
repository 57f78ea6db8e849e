package io.dbrecover.postgres.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A base backup taken by {@code postgres backup}.
 *
 * @param out                the backup directory ({@code backup_manifest} is in it, or in its tar files' directory)
 * @param format             plain or tar
 * @param compression        compression of the tar files ({@link BackupCompression#NONE} for plain)
 * @param files              the files pg_basebackup wrote at the top of {@code out}, sorted by name (for tar:
 *                           {@code base.tar.gz}, {@code pg_wal.tar.gz}, {@code backup_manifest}, …)
 * @param tablespaceDirs     for a plain backup of a cluster with tablespaces, the directories under {@code out}
 *                           they were written to ({@code out/pg_tblspc_data/<oid>}); empty otherwise
 * @param serverVersion      the version of the server backed up ({@code server_version})
 * @param toolVersion        the {@code pg_basebackup --version} used
 * @param osUser             the OS user pg_basebackup ran as (the owner of the files), or {@code null} for this
 *                           process's user
 * @param position           where the backup starts and ends (from its {@code backup_label} and manifest)
 * @param duration           how long {@code pg_basebackup} took
 * @param verification       the verification of the new backup, or {@code null} when not asked for
 */
public record BackupResult(Path out, BackupFormat format, BackupCompression compression, List<String> files,
                           List<Path> tablespaceDirs, String serverVersion, String toolVersion, String osUser,
                           BackupPosition position, Duration duration, BackupVerification verification) {
    public BackupResult {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        files = List.copyOf(files);
        tablespaceDirs = List.copyOf(tablespaceDirs);
    }
}
