package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What is at a name, looked at without following a link: its kind, its hard link count and its identity (device
 * and inode); and the errors {@link OutputFiles} gives when it will not write there.
 */
record NameEntry(NameEntry.Kind kind, int links, Object key) {
    /** The kinds of things a name can hold. */
    enum Kind { NONE, FILE, DIRECTORY, LINK, OTHER }

    static NameEntry of(Path p) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new NameEntry(Kind.NONE, 0, null);
        } catch (IOException e) {
            throw IoErrors.of("look at " + p, p, e);
        }
        Kind k = a.isSymbolicLink() ? Kind.LINK : a.isDirectory() ? Kind.DIRECTORY
                : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
        int links = 1;
        if (k == Kind.FILE) {
            try {
                links = (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                links = 1; // no unix view (not Linux): hard links cannot be told
            } catch (NoSuchFileException e) {
                return new NameEntry(Kind.NONE, 0, null);
            } catch (IOException e) {
                throw IoErrors.of("look at " + p, p, e);
            }
        }
        return new NameEntry(k, links, a.fileKey());
    }

    boolean plainFile() {
        return kind == Kind.FILE && links == 1;
    }

    String describe(Path p) {
        return switch (kind) {
            case LINK -> "a symbolic link" + linkTarget(p);
            case FILE -> links > 1 ? "a file with " + links + " hard links" : "a file";
            case DIRECTORY -> "a directory";
            case OTHER -> "a special file (FIFO, socket or device)";
            case NONE -> "nothing";
        };
    }

    private static String linkTarget(Path p) {
        try {
            return " to " + Files.readSymbolicLink(p);
        } catch (IOException e) {
            return "";
        }
    }


    static void requireParentDirectory(Path p) {
        Path parent = p.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw RecoveryException.of(ErrorCode.USAGE, "cannot write " + p + ": " + (Files.exists(parent)
                            ? parent + " is not a directory" : "the directory " + parent + " does not exist"))
                    .path(p).hint("create the directory first, or name a file in an existing one").build();
        }
    }

    static RecoveryException appeared(Path p, IOException e) {
        NameEntry now = NameEntry.of(p);
        return RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "refusing to overwrite " + p + ": "
                        + (now.kind() == Kind.NONE ? "something appeared at its name" : "it is " + now.describe(p)
                        + " that dbrecover did not make"))
                .path(p).hint("move it away if it is expendable, or name another file").cause(e).build();
    }

    static RecoveryException notWritable(Path p, NameEntry e, String doing) {
        return switch (e.kind) {
            case DIRECTORY -> RecoveryException.of(ErrorCode.USAGE, "cannot " + doing + " " + p
                    + ": it is a directory").path(p).hint("name a file, e.g. " + p.resolve("out.sql")).build();
            case OTHER -> RecoveryException.of(ErrorCode.USAGE, "cannot " + doing + " " + p + ": it is "
                    + e.describe(p)).path(p).hint("name a regular file").build();
            case FILE -> e.links() > 1
                    ? RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "refusing to " + doing + " " + p + ": it is "
                            + e.describe(p) + ", and writing it would change every other name of it (one may be a "
                            + "source file)").path(p).hint("remove that name (rm " + p + "; the other names keep "
                            + "the data), or name another file").build()
                    : RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "refusing to overwrite " + p
                            + ": it exists").path(p).hint("move it away if it is expendable, or name another file")
                            .build();
            case LINK -> RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "refusing to " + doing + " " + p
                    + ": it is " + e.describe(p) + ", and dbrecover never writes through a link (it could lead into "
                    + "a source)").path(p).hint("remove the link, or name the file itself").build();
            case NONE -> RecoveryException.of(ErrorCode.IO_ERROR, "cannot " + doing + " " + p + ": it vanished")
                    .path(p).build();
        };
    }
}
