package io.dbrecover.postgres.manifest;

import io.dbrecover.postgres.model.Lsn;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code backup_manifest}.
 *
 * @param version          {@code PostgreSQL-Backup-Manifest-Version}: 1 or 2
 * @param systemIdentifier {@code System-Identifier} (version 2), or {@code null}
 * @param files            the files by path, in manifest order
 * @param walRanges        the WAL ranges, in manifest order
 * @param checksumWritten  {@code Manifest-Checksum} as written (lower-case hex)
 * @param checksumComputed the SHA-256 of the manifest's bytes up to and including its next-to-last newline
 */
public record Manifest(int version, Long systemIdentifier, Map<String, ManifestFile> files, List<WalRange> walRanges,
                       String checksumWritten, String checksumComputed) {
    public Manifest {
        files = Collections.unmodifiableMap(Objects.requireNonNull(files, "files"));
        walRanges = List.copyOf(walRanges);
    }

    /** Whether the manifest's own checksum matches. */
    public boolean checksumMatches() {
        return checksumWritten != null && checksumWritten.equals(checksumComputed);
    }

    /**
     * One {@code WAL-Ranges} entry.
     *
     * @param timeline {@code Timeline}
     * @param start    {@code Start-LSN}
     * @param end      {@code End-LSN}
     */
    public record WalRange(int timeline, Lsn start, Lsn end) {
    }
}
