package io.dbrecover.postgres.backup;

import io.airlift.compress.zstd.ZstdInputStream;
import io.dbrecover.core.workspace.InputFiles;
import io.dbrecover.postgres.model.BackupCompression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/** The tar files of a tar backup, by name, and their decompressed streams. */
final class TarArchives {
    private static final Pattern NAME = Pattern.compile("(base|pg_wal|[0-9]+)\\.tar(\\.gz|\\.lz4|\\.zst)?");

    /** What a tar file holds. */
    enum Kind { BASE, TABLESPACE, WAL }

    /**
     * A tar file of the backup.
     *
     * @param file        the file
     * @param kind        what it holds
     * @param oid         the tablespace OID ({@link Kind#TABLESPACE}), else {@code null}
     * @param compression by its suffix
     */
    record Archive(Path file, Kind kind, String oid, BackupCompression compression) {
        /** Where its entries lie in the data directory: {@code ""}, {@code pg_tblspc/<oid>/} or {@code pg_wal/}. */
        String prefix() {
            return switch (kind) {
                case BASE -> "";
                case TABLESPACE -> "pg_tblspc/" + oid + "/";
                case WAL -> "pg_wal/";
            };
        }

        /** Its file name. */
        String name() {
            return file.getFileName().toString();
        }
    }

    private TarArchives() {
    }

    /** The archive a file name stands for, if it is one pg_basebackup writes. */
    static Optional<Archive> of(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        String base = m.group(1);
        String suffix = m.group(2) == null ? "" : m.group(2);
        BackupCompression c = switch (suffix) {
            case ".gz" -> BackupCompression.GZIP;
            case ".lz4" -> BackupCompression.LZ4;
            case ".zst" -> BackupCompression.ZSTD;
            default -> BackupCompression.NONE;
        };
        Kind kind = base.equals("base") ? Kind.BASE : base.equals("pg_wal") ? Kind.WAL : Kind.TABLESPACE;
        return Optional.of(new Archive(file, kind, kind == Kind.TABLESPACE ? base : null, c));
    }

    /** The decompressed bytes of an archive (the caller closes the stream). */
    static InputStream open(Archive a) throws IOException {
        FileChannel ch = InputFiles.open(a.file());
        InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), StreamHash.BUFFER);
        try {
            return switch (a.compression()) {
                case NONE -> raw;
                case GZIP -> new GZIPInputStream(raw, 1 << 16);
                case LZ4 -> new FramedLZ4CompressorInputStream(raw, true);
                case ZSTD -> new ZstdInputStream(raw);
            };
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
