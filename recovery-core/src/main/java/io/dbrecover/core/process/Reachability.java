package io.dbrecover.core.process;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether an OS user can reach a path: every directory from the root down to it, and the path itself, must be
 * searchable (executable, for a program) by that user, as the kernel decides it: the owner's bits for the owner,
 * else the group's bits for a member of the file's group (primary or supplementary, from {@code /etc/group}),
 * else the others' bits. Servers that run as another user check this before they start, so that a closed
 * directory (a 0700 temp dir, a home directory) is named instead of a bare "permission denied" from the server.
 */
public final class Reachability {
    private static final Reachability SYSTEM = new Reachability(Path.of("/etc/group"));

    private final Path groupFile;

    /** For tests: membership of supplementary groups read from another file in {@code /etc/group}'s format. */
    Reachability(Path groupFile) {
        this.groupFile = groupFile;
    }

    /**
     * Refuses the first path the user cannot reach, naming every directory on the way that is closed to it, so
     * that one fix opens the whole way.
     *
     * @param program who runs as the user, for the message (e.g. {@code PostgreSQL})
     * @param user    the user the program runs as
     * @param paths   what it must reach: its programs, and directories that stay as they are (for a directory
     *                that is given to the user before the start, pass its parent)
     */
    public static void require(String program, OsUsers.OsUser user, List<Path> paths) {
        SYSTEM.check(program, user, paths);
    }

    /** The directories (and the path itself) that the user may not search, from the root down; empty if none. */
    public static List<Path> closedTo(OsUsers.OsUser user, Path path) {
        return SYSTEM.closed(user, path);
    }

    void check(String program, OsUsers.OsUser user, List<Path> paths) {
        for (Path path : paths) {
            List<Path> closed = closed(user, path);
            if (!closed.isEmpty()) {
                String names = closed.stream().map(Path::toString).collect(Collectors.joining(" and "));
                String fix = closed.stream().map(p -> "`chmod o+x " + p + "`").collect(Collectors.joining(" and "));
                throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, program + " runs as user " + user.name()
                                + ", who cannot reach " + path + ": " + names + (closed.size() == 1 ? " is" : " are")
                                + " closed to it")
                        .path(closed.get(0)).hint("use a base or work directory every user can traverse (e.g. under "
                                + "/tmp), run " + fix + ", or name another runAsUser").build();
            }
        }
    }

    List<Path> closed(OsUsers.OsUser user, Path path) {
        List<Path> chain = new ArrayList<>();
        for (Path p = path.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        return chain.stream().filter(p -> !searchable(p, user)).toList();
    }

    private boolean searchable(Path p, OsUsers.OsUser user) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:uid,gid,mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true; // cannot tell (missing, no unix view): the server says what is wrong
        }
        int mode = (Integer) a.get("mode");
        if ((Integer) a.get("uid") == user.uid()) {
            return (mode & 0100) != 0;
        }
        int gid = (Integer) a.get("gid");
        if (gid == user.gid() || isMember(user.name(), gid)) {
            return (mode & 0010) != 0;
        }
        return (mode & 0001) != 0;
    }

    /** Supplementary group membership, from {@code /etc/group}. */
    private boolean isMember(String user, int gid) {
        try {
            for (String line : Files.readAllLines(groupFile, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[2].equals(Integer.toString(gid))) {
                    return List.of(f[3].split(",")).contains(user);
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
