package io.dbrecover.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one "can the server's user reach this path" check, as the kernel decides it: owner bits for the owner, group
 * bits for a member of the group (primary or supplementary), others' bits for everyone else; every directory from
 * the root down and the path itself. Users are made up around the test's own uid and gid, so nothing needs root.
 */
class ReachabilityTest {
    private static final int STRANGER = 64999;

    @TempDir
    Path tmp;

    private int uid;
    private int gid;
    private Reachability reach;

    @BeforeEach
    void ownIds() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        gid = (Integer) Files.getAttribute(tmp, "unix:gid");
        // a group file in /etc/group's format in which only "member" belongs to the test's group
        Path groups = Files.writeString(tmp.resolve("group"), "other:x:" + (STRANGER + 1) + ":someone\n"
                + "ours:x:" + gid + ":alice,member,bob\n");
        reach = new Reachability(groups);
    }

    private static OsUsers.OsUser user(String name, int uid, int gid) {
        return new OsUsers.OsUser(name, uid, gid, "/");
    }

    private Path dir(String name, String mode) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
        return d;
    }

    @Test
    void aParentClosedToOthersIsNamedWithTheUserAndTheFix() throws IOException {
        Path locked = dir("locked", "rwx------");
        Path inside = Files.createDirectories(locked.resolve("server"));

        assertThatThrownBy(() -> reach.check("influxd", user("dbrecover-nobody", STRANGER, STRANGER),
                List.of(inside))).isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).isEqualTo("influxd runs as user dbrecover-nobody, who cannot reach "
                            + inside + ": " + locked + " is closed to it");
                    assertThat(e.path()).contains(locked);
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("chmod o+x " + locked));
                });
    }

    @Test
    void everyClosedDirectoryOnTheWayIsNamedSoThatOneFixOpensIt() throws IOException {
        Path outer = dir("outer", "rwx------");
        Path inner = Files.createDirectories(outer.resolve("inner"));
        Files.setPosixFilePermissions(inner, PosixFilePermissions.fromString("rwx------"));
        Path server = Files.createDirectories(inner.resolve("server"));

        assertThat(reach.closed(user("stranger", STRANGER, STRANGER), server)).containsExactly(outer, inner);
        assertThatThrownBy(() -> reach.check("MariaDB", user("mysql", STRANGER, STRANGER), List.of(server)))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.getMessage()).endsWith(": " + outer + " and " + inner + " are closed to it");
                    assertThat(e.path()).contains(outer);
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains(
                            "`chmod o+x " + outer + "` and `chmod o+x " + inner + "`"));
                });
    }

    @Test
    void thePathItselfMustBeSearchableNotOnlyItsParents() throws IOException {
        Path closed = dir("closed", "rwx------");

        assertThat(reach.closed(user("stranger", STRANGER, STRANGER), closed)).containsExactly(closed);
        assertThat(reach.closed(user("stranger", STRANGER, STRANGER), tmp)).isEmpty();
    }

    @Test
    void aProgramNeedsItsExecuteBitForTheUser() throws IOException {
        Path program = Files.writeString(tmp.resolve("server"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-x---"));

        assertThat(reach.closed(user("stranger", STRANGER, STRANGER), program)).containsExactly(program);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(reach.closed(user("stranger", STRANGER, STRANGER), program)).isEmpty();
    }

    @Test
    void theOwnerIsJudgedByTheOwnerBitsAlone() throws IOException {
        Path d = dir("owned", "rw-r-xr-x");

        // the kernel never falls back to the group's or others' bits for the owner
        assertThat(reach.closed(user("owner", uid, STRANGER), d)).containsExactly(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        assertThat(reach.closed(user("owner", uid, STRANGER), d)).isEmpty();
    }

    @Test
    void thePrimaryGroupIsJudgedByTheGroupBits() throws IOException {
        Path d = dir("grouped", "rwx--x---");

        assertThat(reach.closed(user("groupie", STRANGER, gid), d)).isEmpty();
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx---r-x"));
        // a member of the file's group does not get the others' bits
        assertThat(reach.closed(user("groupie", STRANGER, gid), d)).containsExactly(d);
    }

    @Test
    void aSupplementaryGroupCountsLikeThePrimaryOne() throws IOException {
        Path d = dir("shared", "rwx--x---");

        assertThat(reach.closed(user("member", STRANGER, STRANGER), d)).isEmpty();
        assertThat(reach.closed(user("stranger", STRANGER, STRANGER), d)).containsExactly(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx---r-x"));
        assertThat(reach.closed(user("member", STRANGER, STRANGER), d)).containsExactly(d);
    }

    @Test
    void othersAreJudgedByTheOthersBits() throws IOException {
        Path open = dir("open", "rwxr-x--x");
        Path inside = Files.createDirectories(open.resolve("server"));

        assertThatCode(() -> reach.check("PostgreSQL", user("stranger", STRANGER, STRANGER), List.of(inside)))
                .doesNotThrowAnyException();
    }

    @Test
    void aPathThatCannotBeReadIsLeftForTheServerToReport() {
        assertThat(reach.closed(user("stranger", STRANGER, STRANGER), tmp.resolve("missing/deeper"))).isEmpty();
    }
}
