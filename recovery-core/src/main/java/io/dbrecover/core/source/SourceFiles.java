package io.dbrecover.core.source;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reading files of a source as parsers need them: only regular files are opened (a FIFO would block the reader
 * until some writer appears, a device may never end), and never more bytes than the format can hold, decided
 * before anything is read. A damaged or hostile source cannot make a reader block or run out of memory, and a
 * failure says why ("permission denied", "input/output error"), not only which file.
 */
public final class SourceFiles {
    /** {@code st_mode & S_IFMT} values of POSIX. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFSOCK = 0140000;

    private SourceFiles() {
    }

    /** What a directory entry is. */
    public enum Kind {
        FILE("a regular file"),
        DIRECTORY("a directory"),
        SYMLINK("a symbolic link"),
        FIFO("a FIFO (named pipe)"),
        SOCKET("a socket"),
        CHARACTER_DEVICE("a character device"),
        BLOCK_DEVICE("a block device"),
        OTHER("a special file"),
        MISSING("missing");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** For people: "a FIFO (named pipe)". */
        public String description() {
            return description;
        }
    }

    /** What the entry itself is, a symbolic link not followed; {@link Kind#MISSING} when there is none. */
    public static Kind kind(Path path) {
        return kind(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * What the entry is after following symbolic links; {@link Kind#MISSING} for a dangling link or a missing
     * entry.
     */
    public static Kind kindFollowingLinks(Path path) {
        return kind(path, new LinkOption[0]);
    }

    private static Kind kind(Path path, LinkOption... options) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", options);
            if (mode instanceof Integer m) {
                switch (m & S_IFMT) {
                    case S_IFREG: return Kind.FILE;
                    case S_IFDIR: return Kind.DIRECTORY;
                    case S_IFLNK: return Kind.SYMLINK;
                    case S_IFIFO: return Kind.FIFO;
                    case S_IFSOCK: return Kind.SOCKET;
                    case S_IFCHR: return Kind.CHARACTER_DEVICE;
                    case S_IFBLK: return Kind.BLOCK_DEVICE;
                    default: return Kind.OTHER;
                }
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" view on this file system: the basic attributes tell less, but enough to stay safe
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        } catch (IOException e) {
            // fall through to the basic attributes, which fail the same way or tell what there is
        }
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, options);
            return a.isRegularFile() ? Kind.FILE : a.isDirectory() ? Kind.DIRECTORY : a.isSymbolicLink() ? Kind.SYMLINK
                    : Kind.OTHER;
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        } catch (IOException e) {
            return Kind.OTHER;
        }
    }

    /**
     * Reads a whole file of a source, refusing before any read what cannot be such a file: anything but a regular
     * file (after following symbolic links), and a file larger than {@code maxBytes}. Reads at most
     * {@code maxBytes + 1} bytes even when the file grows meanwhile.
     *
     * @param what the kind of file, for messages: {@code ".frm file"}, {@code "db.opt file"}
     * @param limitReason why no such file is larger, for the message: {@code "MariaDB writes at most 1 MiB"}
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} (missing), {@code CORRUPT_INPUT} (not a regular file, too
     *         large: offset = the limit), {@code PERMISSION_DENIED}, {@code IO_ERROR} (with the reason)
     */
    public static byte[] read(Path file, long maxBytes, String what, String limitReason) {
        requireRegular(file, what);
        try (FileChannel ch = InputFiles.open(file)) {
            long size = ch.size();
            if (size > maxBytes) {
                throw tooLarge(file, size, maxBytes, what, limitReason);
            }
            byte[] data = new byte[(int) Math.min(size + 1, maxBytes + 1)];
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            if (buf.position() > maxBytes) {
                throw tooLarge(file, buf.position(), maxBytes, what, limitReason);
            }
            return buf.position() == data.length ? data : Arrays.copyOf(data, buf.position());
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * The first {@code n} bytes of a regular file (fewer when it is shorter), refusing anything but a regular file
     * as {@link #read} does.
     */
    public static byte[] readHead(Path file, int n, String what) {
        requireRegular(file, what);
        try (FileChannel ch = InputFiles.open(file)) {
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read until n bytes or the end
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /** The size of a regular file, refusing anything else as {@link #read} does. */
    public static long size(Path file, String what) {
        requireRegular(file, what);
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * Fails unless the path is a regular file after following links: a FIFO, a device, a socket or a directory
     * named like a data file is never opened.
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} or {@code CORRUPT_INPUT}
     */
    public static void requireRegular(Path file, String what) {
        Kind kind = kindFollowingLinks(file);
        if (kind == Kind.FILE) {
            return;
        }
        if (kind == Kind.MISSING) {
            boolean dangling = kind(file) == Kind.SYMLINK;
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, file + ": " + (dangling
                    ? "a symbolic link to " + linkTarget(file) + ", which does not exist" : "no such file"))
                    .path(file).build();
        }
        throw notAFile(file, kind, what);
    }

    /** The error for an entry named like a data file that is something else (a FIFO, a directory…). */
    public static RecoveryException notAFile(Path file, Kind kind, String what) {
        String via = kind(file) == Kind.SYMLINK ? " (through a symbolic link to " + linkTarget(file) + ")" : "";
        String why = kind == Kind.FIFO ? ": not opened, since reading a FIFO waits until something writes into it"
                : kind == Kind.DIRECTORY ? ": not read" : ": not opened";
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": named like a " + what + " but "
                + kind.description() + via + why).path(file)
                .hint("a data directory holds regular files only; if this is a copy, copy the file itself (cp -L, or "
                        + "rsync without --specials/--devices)").build();
    }

    /** The error for a failed read, with the reason the system gave. */
    public static RecoveryException cannotRead(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return RecoveryException.of(ErrorCode.PERMISSION_DENIED, file + ": cannot read: permission denied")
                    .path(file).cause(e).hint("run dbrecover as a user who can read the source (e.g. root), or "
                            + "fix the file's permissions in a copy").build();
        }
        if (e instanceof NoSuchFileException) {
            return RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, file + ": cannot read: no such file").path(file)
                    .cause(e).build();
        }
        return RecoveryException.of(ErrorCode.IO_ERROR, file + ": cannot read: " + reason(e)).path(file).cause(e)
                .hint("check the disk (dmesg) and try another copy of the file").build();
    }

    /**
     * Why an I/O operation failed, in the system's words where it gave some: "permission denied", "no such file or
     * directory", "input/output error". Java's own message of an {@link AccessDeniedException} is only the path.
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic links form a loop";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Where a symbolic link points, as stored; {@code "?"} when it cannot be read. */
    public static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    private static RecoveryException tooLarge(Path file, long size, long max, String what, String limitReason) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": " + size + " bytes, but a " + what
                + " is at most " + max + " bytes (" + limitReason + "): not read, it is no " + what
                + " or it is damaged")
                .path(file).offset(max).hint("check that the file is what its name says; a damaged copy cannot be "
                        + "read, try another copy of it").build();
    }
}
