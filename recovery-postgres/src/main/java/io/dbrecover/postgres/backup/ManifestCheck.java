package io.dbrecover.postgres.backup;

import io.dbrecover.postgres.manifest.ChecksumAlgorithm;
import io.dbrecover.postgres.manifest.Manifest;
import io.dbrecover.postgres.manifest.ManifestFile;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupProblem.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files of a backup held against its manifest as they are met, in any order and from several threads: each
 * listed file must be met once with its size and checksum; a file met that is not listed is extra unless
 * PostgreSQL never lists it; a listed file never met is missing.
 */
final class ManifestCheck {
    /**
     * What PostgreSQL never lists in a manifest (pg_verifybackup's ignore list of release 15): these names at the
     * top of the data directory, and everything below them.
     */
    static final Set<String> NEVER_LISTED = Set.of("backup_manifest", "pg_wal", "postgresql.auto.conf",
            "recovery.signal", "standby.signal");

    private final Manifest manifest;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<BackupProblem> problems = new ArrayList<>();
    private final AtomicLong bytes = new AtomicLong();

    ManifestCheck(Manifest manifest) {
        this.manifest = manifest;
    }

    /** Whether a path (relative to the data directory) is one PostgreSQL leaves out of manifests. */
    static boolean neverListed(String path) {
        int slash = path.indexOf('/');
        return NEVER_LISTED.contains(slash < 0 ? path : path.substring(0, slash));
    }

    /** The manifest's entry for a path, or {@code null}. */
    ManifestFile entry(String path) {
        return manifest.files().get(path);
    }

    /**
     * A file met: compared with its entry (size first; the checksum only when the size matches and {@code hex} is
     * given), or counted as extra.
     *
     * @param hex its checksum by the entry's algorithm, or {@code null} when it was not read (size differs)
     */
    void met(String path, long size, String hex) {
        if (neverListed(path)) {
            return; // as pg_verifybackup: pg_basebackup -R rewrites postgresql.auto.conf after the manifest is made
        }
        ManifestFile f = manifest.files().get(path);
        if (f == null) {
            problem(new BackupProblem(path, Kind.EXTRA, "present in the backup but not in the manifest", null,
                    size + " bytes"));
            return;
        }
        if (!seen.add(path)) {
            problem(BackupProblem.of(path, Kind.EXTRA, "present twice in the backup"));
            return;
        }
        bytes.addAndGet(hex == null ? 0 : size);
        if (f.size() != size) {
            problem(new BackupProblem(path, Kind.SIZE, "size differs from the manifest's", f.size() + " bytes",
                    size + " bytes"));
        } else if (hex != null && f.algorithm() != ChecksumAlgorithm.NONE && !f.checksum().equals(hex)) {
            problem(new BackupProblem(path, Kind.CHECKSUM, f.algorithm() + " checksum differs from the manifest's",
                    f.checksum(), hex));
        }
    }

    /** A file listed in the manifest that is there but could not be read. */
    void unreadable(String path, String why) {
        seen.add(path);
        problem(BackupProblem.of(path, Kind.UNREADABLE, why));
    }

    synchronized void problem(BackupProblem p) {
        problems.add(p);
    }

    /** Every problem so far plus one per listed file never met, in manifest order. */
    synchronized List<BackupProblem> finish() {
        List<BackupProblem> all = new ArrayList<>(problems);
        for (ManifestFile f : manifest.files().values()) {
            if (!seen.contains(f.path()) && !neverListed(f.path())) {
                all.add(new BackupProblem(f.path(), Kind.MISSING, "listed in the manifest but not in the backup",
                        f.size() + " bytes", null));
            }
        }
        return all;
    }

    /** Bytes of listed files read and checksummed. */
    long bytes() {
        return bytes.get();
    }

    /** How many listed files have each algorithm. */
    Map<String, Long> algorithms() {
        Map<ChecksumAlgorithm, Long> counts = new EnumMap<>(ChecksumAlgorithm.class);
        manifest.files().values().forEach(f -> counts.merge(f.algorithm(), 1L, Long::sum));
        Map<String, Long> named = new TreeMap<>();
        counts.forEach((a, n) -> named.put(a.name(), n));
        return named;
    }
}
