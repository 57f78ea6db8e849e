package io.dbrecover.postgres.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code postgres verify-backup} found in a base backup: what was checked and every problem. The backup is
 * fit to restore from only when {@link #clean()}.
 *
 * @param backup           the backup directory verified
 * @param format           plain directory or tar files
 * @param archives         for a tar backup, the tar files read (e.g. {@code base.tar.gz}, {@code 16385.tar},
 *                         {@code pg_wal.tar.gz}), in the order read; empty for a plain backup
 * @param manifestVersion  {@code PostgreSQL-Backup-Manifest-Version} (1 for PostgreSQL 13 to 16, 2 from 17), 0 when
 *                         the manifest could not be read
 * @param systemIdentifier the manifest's {@code System-Identifier} (version 2), else {@code global/pg_control}'s
 *                         when readable, else {@code null}
 * @param pgVersion        the backup's major version ({@code PG_VERSION}, e.g. {@code 15}), or {@code null} when
 *                         not found
 * @param files            how many files the manifest lists (each checked for presence, size and checksum)
 * @param bytes            the bytes read and checksummed
 * @param algorithms       how many listed files have each checksum algorithm ({@code CRC32C}, {@code SHA256}, …,
 *                         {@code NONE} for files listed without a checksum)
 * @param tablespaces      the tablespace OIDs met ({@code pg_tblspc/<oid>} in a plain backup, {@code <oid>.tar} in
 *                         a tar backup), in order
 * @param walRanges        the manifest's WAL ranges, each with the segments found and missing
 * @param walSegmentSize   the WAL segment size the segment names were computed with, in bytes
 * @param walPagesChecked  whether the page headers of the WAL segments found were checked (magic, timeline,
 *                         address), beyond their presence and size
 * @param position         where the backup starts and ends, and when
 * @param problems         every problem, in the order found (files in manifest order, then extras, then WAL)
 */
public record BackupVerification(Path backup, BackupFormat format, List<String> archives, int manifestVersion,
                                 String systemIdentifier, String pgVersion, long files, long bytes,
                                 Map<String, Long> algorithms, List<String> tablespaces,
                                 List<WalRangeCheck> walRanges, long walSegmentSize, boolean walPagesChecked,
                                 BackupPosition position, List<BackupProblem> problems) {
    public BackupVerification {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(position, "position");
        archives = List.copyOf(archives);
        algorithms = Map.copyOf(algorithms);
        tablespaces = List.copyOf(tablespaces);
        walRanges = List.copyOf(walRanges);
        problems = List.copyOf(problems);
    }

    /** Whether no problem was found: every file present with its size and checksum, every WAL segment found. */
    public boolean clean() {
        return problems.isEmpty();
    }

    /** The problems of one kind. */
    public List<BackupProblem> problems(BackupProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    /** Every WAL segment the backup needs that was found nowhere, in range order. */
    public List<String> missingWalSegments() {
        return walRanges.stream().flatMap(r -> r.missing().stream()).toList();
    }
}
