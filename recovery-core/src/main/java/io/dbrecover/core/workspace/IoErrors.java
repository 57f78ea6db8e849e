package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a failed file operation into the error a person can act on. A full disk is named as such ("no space
 * left"), with the place and what is free there, wherever it surfaces: in our own writes, and in the last lines of
 * a server or tool that could not write (MariaDB says "Error number 28 means 'No space left on device'" and then
 * that it cannot open its data directory; the cause is the disk).
 */
public final class IoErrors {
    /** What the C library says for ENOSPC and EDQUOT, as Java, MariaDB, PostgreSQL and Go print it. */
    private static final List<String> NO_SPACE = List.of("no space left on device", "disk quota exceeded",
            "out of disk space");
    /** ENOSPC by its number, as InnoDB prints it ("preallocating ... failed with error 28", "Errcode: 28"). */
    private static final Pattern ERRNO_28 = Pattern.compile("\\b(?:error|errno|errcode)(?: number)?:? 28\\b",
            Pattern.CASE_INSENSITIVE);

    private IoErrors() {
    }

    /**
     * The error for an I/O failure while {@code doing} something with {@code path}.
     *
     * @param doing what failed, e.g. {@code "write the report"}
     * @return {@code IO_ERROR} ("no space left" for ENOSPC/EDQUOT) or {@code PERMISSION_DENIED}
     */
    public static RecoveryException of(String doing, Path path, IOException e) {
        if (path == null && e instanceof FileSystemException fse && fse.getFile() != null) {
            path = Path.of(fse.getFile());
        }
        if (noSpace(e)) {
            return noSpace(doing, path, e);
        }
        if (e instanceof AccessDeniedException) {
            return RecoveryException.of(ErrorCode.PERMISSION_DENIED, "cannot " + doing + ": permission denied ("
                    + describe(e) + ")").path(path).hint("run as a user who may write there, or choose another "
                    + "place").cause(e).build();
        }
        return RecoveryException.of(ErrorCode.IO_ERROR, "cannot " + doing + ": " + describe(e)).path(path)
                .hint("check the disk, free space and permissions there").cause(e).build();
    }

    /** The "no space left" error for {@code path}, naming the free space of its file system. */
    public static RecoveryException noSpace(String doing, Path path, Throwable cause) {
        return RecoveryException.of(ErrorCode.IO_ERROR, "no space left on the disk"
                        + (path == null ? "" : " of " + path) + ": cannot " + doing + freeSpace(path))
                .path(path).hint("free space there, or choose a work dir (or output file) on a disk with room")
                .cause(cause).build();
    }

    /**
     * The same error, said as "no space left" first when its message, its causes or the program output it carries
     * say the disk was full (a server that could not start for want of space blames its data directory), with
     * the output kept. Any other error comes back as it is.
     *
     * @param where the place to name when the error names none, e.g. the work dir
     */
    public static RecoveryException explained(RecoveryException e, Path where) {
        boolean said = e.code() == ErrorCode.IO_ERROR && e.getMessage().startsWith("no space left");
        if (said || !noSpace(e) && !noSpace(e.outputTail())) {
            return e;
        }
        Path at = e.path().orElse(where);
        return RecoveryException.of(ErrorCode.IO_ERROR, "no space left on the disk"
                        + (at == null ? "" : " of " + at) + freeSpace(at) + ": " + e.getMessage())
                .path(at).hint("free space there, or choose a work dir (or output file) on a disk with room")
                .outputTail(e.outputTail()).cause(e).build();
    }

    /** Whether an exception (or one of its causes) is a full disk or an exhausted quota. */
    public static boolean noSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && mentionsNoSpace(t.getMessage())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether the last output lines of a server or tool say it found its disk full. */
    public static boolean noSpace(List<String> outputTail) {
        return outputTail.stream().anyMatch(IoErrors::mentionsNoSpace);
    }

    private static boolean mentionsNoSpace(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return NO_SPACE.stream().anyMatch(lower::contains) || ERRNO_28.matcher(text).find();
    }

    /** ", 12 KiB free there" when the file system of {@code path} (or of its nearest existing parent) tells. */
    static String freeSpace(Path path) {
        for (Path p = path == null ? null : path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return " (" + bytes(Files.getFileStore(p).getUsableSpace()) + " free there)";
                } catch (IOException | SecurityException e) {
                    return "";
                }
            }
        }
        return "";
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** The exception's message, which for file system errors names the file and the reason. */
    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
