package io.dbrecover.postgres.model;

/** How a base backup is laid out, as {@code pg_basebackup --format} names it. */
public enum BackupFormat {
    /** A directory that is a data directory ({@code -Fp}), tablespaces under {@code pg_tblspc} links. */
    PLAIN,
    /**
     * A directory of tar files ({@code -Ft}): {@code base.tar}, one {@code <oid>.tar} per tablespace and
     * {@code pg_wal.tar}, each possibly compressed ({@code .gz}, {@code .lz4}, {@code .zst}).
     */
    TAR
}
