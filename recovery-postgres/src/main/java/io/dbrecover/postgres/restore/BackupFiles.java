package io.dbrecover.postgres.restore;

import io.airlift.compress.zstd.ZstdInputStream;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * The files of a base backup as {@code pg_basebackup} writes them: a plain data directory ({@code -Fp}), or tar
 * files ({@code -Ft}) {@code base.tar}, {@code <oid>.tar} per tablespace and {@code pg_wal.tar}, each possibly
 * compressed ({@code .gz}, {@code .lz4}, {@code .zst}).
 *
 * @param dir         the backup directory
 * @param plain       whether it is a plain data directory
 * @param base        the tar of the data directory ({@code null} when plain)
 * @param wal         the tar of {@code pg_wal}, or {@code null}
 * @param tablespaces the tablespace tars by OID, in name order
 */
record BackupFiles(Path dir, boolean plain, Path base, Path wal, List<Tablespace> tablespaces) {
    private static final Pattern TAR = Pattern.compile("(base|pg_wal|[1-9][0-9]{0,9})\\.tar(\\.gz|\\.lz4|\\.zst)?");

    /** A tablespace's tar. */
    record Tablespace(String oid, Path tar) {
    }

    BackupFiles {
        tablespaces = List.copyOf(tablespaces);
    }

    /** Reads the directory's listing and tells its format. */
    static BackupFiles of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "RestoreRequest.backup " + dir
                    + " is not a directory").path(dir).hint("name the directory pg_basebackup wrote").build();
        }
        if (Files.isRegularFile(dir.resolve("PG_VERSION"), LinkOption.NOFOLLOW_LINKS)) {
            return new BackupFiles(dir, true, null, null, List.of());
        }
        Path base = null;
        Path wal = null;
        List<Tablespace> tablespaces = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                Matcher m = TAR.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                switch (m.group(1)) {
                    case "base" -> base = twice(base, p);
                    case "pg_wal" -> wal = twice(wal, p);
                    default -> tablespaces.add(new Tablespace(m.group(1), p));
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list " + dir + ": " + e.getMessage()).path(dir)
                    .cause(e).build();
        }
        if (base == null) {
            throw RecoveryException.of(ErrorCode.USAGE, "RestoreRequest.backup " + dir + " is no base backup: it "
                            + "holds neither PG_VERSION (plain format) nor base.tar[.gz|.lz4|.zst] (tar format)")
                    .path(dir).hint("name the directory pg_basebackup wrote").build();
        }
        return new BackupFiles(dir, false, base, wal, tablespaces);
    }

    private static Path twice(Path earlier, Path p) {
        if (earlier != null) {
            throw RecoveryException.of(ErrorCode.USAGE, "the backup holds both " + earlier.getFileName() + " and "
                    + p.getFileName() + "; which one to restore is unclear").path(p)
                    .hint("remove the one that does not belong to this backup from a copy of it").build();
        }
        return p;
    }

    /** The tar of a tablespace, if the backup has one. */
    Optional<Tablespace> tablespace(String oid) {
        return tablespaces.stream().filter(t -> t.oid().equals(oid)).findFirst();
    }

    /** Opens a tar file, decompressed as its name says. */
    static InputStream open(Path tar) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(tar, LinkOption.NOFOLLOW_LINKS), 1 << 16);
        String name = tar.getFileName().toString();
        try {
            if (name.endsWith(".gz")) {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            if (name.endsWith(".lz4")) {
                return new BufferedInputStream(new FramedLZ4CompressorInputStream(in, true), 1 << 16);
            }
            if (name.endsWith(".zst")) {
                return new BufferedInputStream(new ZstdInputStream(in), 1 << 16);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
