package io.dbrecover.postgres.backup;

import io.dbrecover.postgres.manifest.ChecksumAlgorithm;
import io.dbrecover.postgres.manifest.ManifestFile;
import io.dbrecover.postgres.manifest.ManifestParser;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupProblem.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar backup read as streams, nothing extracted: each archive decompressed on the fly, each entry's name checked
 * (no absolute path, no {@code ..}, no link leading outside), each file hashed as it passes and compared with the
 * manifest, WAL segments handed to the WAL check.
 */
final class TarBackupReader {
    private final ManifestCheck check;
    private final ClusterFacts facts;
    private final WalCheck wal;
    private final byte[] buffer = new byte[StreamHash.BUFFER];

    TarBackupReader(ManifestCheck check, ClusterFacts facts, WalCheck wal) {
        this.check = check;
        this.facts = facts;
        this.wal = wal;
    }

    /** Reads one archive to its end; damage to the archive itself becomes a problem naming it. */
    void read(TarArchives.Archive archive) {
        String entryName = null;
        try (InputStream in = TarArchives.open(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entryName = e.getName();
                entry(archive, e, tar);
            }
        } catch (IOException | RuntimeException ex) {
            // a RuntimeException too: decompressors and the tar reader throw unchecked ones on some damage
            check.problem(BackupProblem.of(archive.name(), Kind.UNREADABLE, "the archive is damaged"
                    + (entryName == null ? "" : " after its entry " + ManifestParser.shown(entryName)) + ": "
                    + ex.getMessage() + "; the files after that point were not read"));
        }
        wal.cluster(facts.pgVersion, facts.controlSystemId);
    }

    private void entry(TarArchives.Archive archive, TarArchiveEntry e, TarArchiveInputStream tar)
            throws IOException {
        String where = archive.name() + ":" + e.getName();
        String name = normalize(e.getName());
        if (name == null) {
            check.problem(BackupProblem.of(where, Kind.UNSAFE_ENTRY, "the entry's name would lead outside the "
                    + "target directory (absolute, '..' or NUL)"));
            return;
        }
        if (e.isSymbolicLink() || e.isLink()) {
            String target = e.getLinkName();
            boolean tablespaceLink = archive.kind() == TarArchives.Kind.BASE && e.isSymbolicLink()
                    && name.matches("pg_tblspc/[0-9]+");
            if (!tablespaceLink && !insideTarget(name, target, e.isLink())) {
                check.problem(new BackupProblem(where, Kind.UNSAFE_ENTRY, (e.isLink() ? "a hard link" : "a symbolic "
                        + "link") + " that leads outside the target directory", "a target inside the backup",
                        ManifestParser.shown(target)));
            } else if (!tablespaceLink) {
                check.problem(BackupProblem.of(where, Kind.EXTRA, "a link; base backups hold no links but "
                        + "pg_tblspc/<oid>"));
            }
            return;
        }
        if (e.isDirectory()) {
            return;
        }
        if (!e.isFile()) {
            check.problem(BackupProblem.of(where, Kind.UNSAFE_ENTRY, "neither a file nor a directory (a device or "
                    + "a pipe)"));
            return;
        }
        String path = archive.prefix() + name;
        if (path.startsWith("pg_wal/")) {
            String file = path.substring("pg_wal/".length());
            if (WalNames.isSegment(file)) {
                wal.met(file, archive.name(), e.getSize(), tar);
            }
            return;
        }
        ManifestFile entry = check.entry(path);
        int head = ClusterFacts.headWanted(path);
        if (entry == null || entry.size() != e.getSize()) {
            byte[] first = head > 0 ? tar.readNBytes(head) : null;
            facts.take(path, first);
            check.met(path, e.getSize(), null);
            return;
        }
        ChecksumAlgorithm algorithm = entry.algorithm();
        StreamHash.Result r = StreamHash.of(tar, algorithm, buffer, head);
        facts.take(path, r.head());
        if (r.bytes() != e.getSize()) {
            check.unreadable(path, "the tar entry ends after " + r.bytes() + " of its " + e.getSize() + " bytes");
            return;
        }
        check.met(path, e.getSize(), r.hex());
    }

    /** The entry's path without {@code ./} and trailing {@code /}, or {@code null} when it would escape. */
    static String normalize(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            return name.isEmpty() ? "" : null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return null; // even a '..' that stays inside is refused: no backup writes one
            }
            parts.addLast(part);
        }
        return String.join("/", parts);
    }

    /** Whether a link's target stays inside the archive's directory. */
    static boolean insideTarget(String name, String target, boolean hardLink) {
        if (target == null || target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return false;
        }
        Deque<String> parts = new ArrayDeque<>();
        if (!hardLink) {
            // a symbolic link's target is relative to its own directory; a hard link's to the archive's top
            String[] own = name.split("/");
            for (int i = 0; i < own.length - 1; i++) {
                parts.addLast(own[i]);
            }
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return false;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return true;
    }
}
