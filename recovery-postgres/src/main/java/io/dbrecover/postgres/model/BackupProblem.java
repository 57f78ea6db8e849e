package io.dbrecover.postgres.model;

import java.util.Objects;

/**
 * One thing wrong with a base backup.
 *
 * @param file     the file concerned, as the manifest names it relative to the data directory (e.g.
 *                 {@code base/5/16384}, {@code pg_wal/000000010000000000000003}), or the backup's own file for
 *                 problems of the backup as a whole ({@code backup_manifest}, {@code base.tar.gz}, an entry name
 *                 inside a tar)
 * @param kind     what sort of problem
 * @param what     what is wrong, for a person
 * @param expected what the manifest (or the format) says, or {@code null} when it says nothing
 * @param found    what the backup holds, or {@code null} when there is nothing to show (a missing file)
 */
public record BackupProblem(String file, Kind kind, String what, String expected, String found) {
    /** The kinds of problem. */
    public enum Kind {
        /** The manifest cannot be read or parsed, or its own checksum does not match. */
        MANIFEST,
        /** A file the manifest lists is not in the backup. */
        MISSING,
        /** A file in the backup that the manifest does not list (and PostgreSQL never leaves out). */
        EXTRA,
        /** A file whose size differs from the manifest's. */
        SIZE,
        /** A file whose checksum differs from the manifest's. */
        CHECKSUM,
        /** A file or archive that could not be read (I/O error, damaged compression, truncated tar). */
        UNREADABLE,
        /** A tar entry that would be written outside the target directory, or a link pointing outside it. */
        UNSAFE_ENTRY,
        /** The manifest's system identifier differs from {@code global/pg_control}'s. */
        SYSTEM_IDENTIFIER,
        /** A WAL segment that the backup needs is in none of the places searched. */
        WAL_MISSING,
        /** A WAL segment that is there but damaged (size, page header magic, timeline, address). */
        WAL_DAMAGED
    }

    public BackupProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(what, "what");
    }

    /** A problem without expected and found values. */
    public static BackupProblem of(String file, Kind kind, String what) {
        return new BackupProblem(file, kind, what, null, null);
    }

    /** One line: file, kind, what, and expected vs found when known. */
    public String describe() {
        StringBuilder b = new StringBuilder(file).append(": ").append(what);
        if (expected != null || found != null) {
            b.append(" (expected ").append(expected == null ? "-" : expected).append(", found ")
                    .append(found == null ? "-" : found).append(')');
        }
        return b.toString();
    }
}
