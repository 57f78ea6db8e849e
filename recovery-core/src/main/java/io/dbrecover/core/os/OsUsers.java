package io.dbrecover.core.os;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;

/** Who we run as, and the OS users servers run as. Reads {@code /etc/passwd}; no child process needed. */
public final class OsUsers {
    private OsUsers() {
    }

    /**
     * An OS account.
     *
     * @param name  login name
     * @param uid   numeric user id
     * @param gid   numeric primary group id
     * @param home  home directory
     */
    public record OsUser(String name, int uid, int gid, String home) {
    }

    /** Whether this JVM runs as root (uid 0). */
    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Looks a user up in {@code /etc/passwd}. */
    public static Optional<OsUser> lookup(String name) {
        Path passwd = Path.of("/etc/passwd");
        if (!Files.isReadable(passwd)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(passwd);
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[0].equals(name)) {
                    return Optional.of(new OsUser(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The first of the given users that exists, e.g. {@code postgres} then {@code nobody}. */
    public static Optional<OsUser> firstExisting(String... names) {
        for (String n : names) {
            Optional<OsUser> u = lookup(n);
            if (u.isPresent()) {
                return u;
            }
        }
        return Optional.empty();
    }

    /** Gives a directory tree (not following links) to a user and its primary group. */
    public static void chownTree(Path root, OsUser user) {
        try {
            UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user.name());
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(Integer.toString(user.gid()));
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    own(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    own(file);
                    return FileVisitResult.CONTINUE;
                }

                private void own(Path p) throws IOException {
                    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS);
                    view.setOwner(owner);
                    view.setGroup(group);
                }
            });
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.PERMISSION_DENIED,
                            "cannot give " + root + " to user " + user.name() + ": " + e.getMessage())
                    .path(root).hint("run dbrecover as root, or as the user the server runs as").cause(e).build();
        }
    }
}
