package io.dbrecover.postgres.model;

/** Compression of a tar backup's files, as {@code pg_basebackup --compress} names it, with the file suffix. */
public enum BackupCompression {
    /** Not compressed. */
    NONE(""),
    /** gzip ({@code .gz}). */
    GZIP(".gz"),
    /** LZ4 frame format ({@code .lz4}). */
    LZ4(".lz4"),
    /** Zstandard ({@code .zst}). */
    ZSTD(".zst");

    private final String suffix;

    BackupCompression(String suffix) {
        this.suffix = suffix;
    }

    /** The file name suffix pg_basebackup gives such files, e.g. {@code .gz}; empty for {@link #NONE}. */
    public String suffix() {
        return suffix;
    }

    /** The name {@code pg_basebackup --compress} takes ({@code gzip}, {@code lz4}, {@code zstd}, {@code none}). */
    public String pgName() {
        return this == NONE ? "none" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
