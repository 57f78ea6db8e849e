package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Writes a base backup's files into the new directories: tar entries extracted, a plain backup copied. Nothing is
 * ever written outside the directory it belongs in: a tar entry with an absolute name or {@code ..}, a link other
 * than a tablespace's {@code pg_tblspc/<oid>}, a hard link or a device is refused. Every write goes through
 * {@link OutputFiles} (never into a source; new files created exclusively).
 */
final class Layout {
    private static final Pattern TABLESPACE_LINK = Pattern.compile("pg_tblspc/([1-9][0-9]{0,9})");

    private final OutputFiles files;
    private long fileCount;
    private long bytes;

    Layout(OutputFiles files) {
        this.files = files;
    }

    long files() {
        return fileCount;
    }

    long bytes() {
        return bytes;
    }

    /**
     * Extracts a tar (decompressed as its name says) into {@code target}.
     *
     * @return the tablespace links met ({@code pg_tblspc/<oid>} entries), OID to their original location
     */
    Map<String, String> extract(Path tar, Path target) {
        Map<String, String> links = new LinkedHashMap<>();
        files.createDirectories(target);
        try (InputStream raw = BackupFiles.open(tar); TarArchiveInputStream in = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = entryName(tar, e.getName());
                if (name.isEmpty()) {
                    continue;
                }
                if (e.isSymbolicLink()) {
                    var m = TABLESPACE_LINK.matcher(name);
                    if (!m.matches()) {
                        throw refused(tar, e.getName(), "a symbolic link to " + e.getLinkName());
                    }
                    links.put(m.group(1), e.getLinkName());
                } else if (e.isDirectory()) {
                    files.createDirectories(target.resolve(name));
                } else if (e.isFile() && !e.isLink()) {
                    Path out = target.resolve(name);
                    files.createDirectories(out.getParent());
                    try (OutputStream o = files.newFile(out)) {
                        bytes += in.transferTo(o);
                    }
                    fileCount++;
                } else {
                    throw refused(tar, e.getName(), e.isLink() ? "a hard link to " + e.getLinkName()
                            : "a special file (type " + (char) e.getLinkFlag() + ")");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "cannot read " + tar + ": " + e.getMessage())
                    .path(tar).hint("run `dbrecover postgres verify-backup` on the backup; the file may be truncated "
                            + "or damaged").cause(e).build();
        }
        return links;
    }

    /**
     * An entry's name relative to the tar's directory; refused when it is absolute or climbs out with {@code ..}.
     */
    static String entryName(Path tar, String raw) {
        String n = raw;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.equals(".")) {
            return "";
        }
        if (n.startsWith("/") || n.indexOf('\0') >= 0 || n.indexOf('\\') >= 0) {
            throw refused(tar, raw, "an absolute or malformed name");
        }
        for (String part : n.split("/", -1)) {
            if (part.equals("..") || part.isEmpty() || part.equals(".")) {
                throw refused(tar, raw, "a name that leaves its directory");
            }
        }
        return n;
    }

    private static RecoveryException refused(Path tar, String entry, String what) {
        String shown = entry.length() > 200 ? entry.substring(0, 200) + "…" : entry;
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, tar.getFileName() + " holds the entry '" + shown
                        + "', " + what + ": extracting it could write outside the restored directory, so the "
                        + "restore is refused")
                .path(tar).hint("pg_basebackup never writes such entries; this tar was made or changed by something "
                        + "else — check where it came from").build();
    }

    /**
     * Copies a plain backup into {@code target}, following no link but {@code pg_tblspc/<oid>} (whose directories
     * are returned, to be laid out as tablespaces) and a {@code pg_wal} link (whose files are copied into
     * {@code target/pg_wal}).
     *
     * @param skip directories of the backup not to copy into the data directory (tablespaces kept inside the
     *             backup behind their links, laid out on their own)
     * @return the tablespace links, OID to the directory they point at
     */
    Map<String, Path> copyPlain(Path backup, Path target, java.util.Set<Path> skip) {
        Map<String, Path> links = new LinkedHashMap<>();
        files.createDirectories(target);
        try {
            Files.walkFileTree(backup, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (skip.contains(dir.toRealPath())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    files.createDirectories(target.resolve(backup.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = backup.relativize(file).toString();
                    if (attrs.isSymbolicLink()) {
                        Path to = file.toRealPath();
                        var m = TABLESPACE_LINK.matcher(rel);
                        if (m.matches() && Files.isDirectory(to)) {
                            links.put(m.group(1), to);
                        } else if (rel.equals("pg_wal") && Files.isDirectory(to)) {
                            copyTree(to, target.resolve("pg_wal"));
                        } else {
                            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the backup holds the link "
                                    + file + " (to " + to + "), which is neither a tablespace (pg_tblspc/<oid>) nor "
                                    + "pg_wal").path(file).hint("restore from a copy without it").build();
                        }
                    } else if (attrs.isRegularFile()) {
                        copyFile(file, target.resolve(rel));
                    } else {
                        throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the backup holds the special file "
                                + file).path(file).hint("restore from a copy without it").build();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    throw exc;
                }
            });
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot copy " + backup + ": " + e.getMessage())
                    .path(backup).hint("check that every file of the backup is readable and that " + target
                            + " has room").cause(e).build();
        }
        return links;
    }

    /** Copies a directory tree (a tablespace, a relocated pg_wal) of plain files and directories only. */
    void copyTree(Path from, Path target) {
        files.createDirectories(target);
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    files.createDirectories(target.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile()) {
                        throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the backup holds " + file
                                + ", which is no plain file").path(file).hint("restore from a copy without it")
                                .build();
                    }
                    copyFile(file, target.resolve(from.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    throw exc;
                }
            });
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot copy " + from + ": " + e.getMessage()).path(from)
                    .cause(e).build();
        }
    }

    private void copyFile(Path from, Path to) {
        files.copyNew(from, to);
        fileCount++;
        try {
            bytes += Files.size(to);
        } catch (IOException e) {
            // only counted for the report
        }
    }

    /** Whether the path exists without following links. */
    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
