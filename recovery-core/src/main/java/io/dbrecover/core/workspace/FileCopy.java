package io.dbrecover.core.workspace;

import io.dbrecover.core.os.OsUsers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashSet;

/** The bytes and attributes of a copy {@link OutputFiles} has created, as {@code cp -p} would keep them. */
final class FileCopy {
    private FileCopy() {
    }

    /**
     * Copies {@code from} into {@code out} (a new, empty file at {@code to}, closed here), then gives the copy the
     * original's mode and times, and its owner and group when this process runs as root.
     */
    static void copy(Path from, FileChannel out, Path to) {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(from, PosixFileAttributes.class);
        } catch (IOException e) {
            throw IoErrors.of("read " + from, from, e);
        }
        try (FileChannel in = InputFiles.open(from); out) {
            long pos = 0;
            for (long n; (n = in.transferTo(pos, Long.MAX_VALUE, out)) > 0; ) {
                pos += n;
            }
        } catch (IOException e) {
            throw IoErrors.of("copy " + from + " to " + to, to, e);
        }
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            view.setPermissions(new HashSet<>(attrs.permissions()));
            view.setTimes(attrs.lastModifiedTime(), attrs.lastAccessTime(), null);
            if (OsUsers.isRoot()) {
                view.setOwner(attrs.owner());
                view.setGroup(attrs.group());
            }
        } catch (IOException e) {
            throw IoErrors.of("give the copy " + to + " the mode and times of " + from, to, e);
        }
    }
}
