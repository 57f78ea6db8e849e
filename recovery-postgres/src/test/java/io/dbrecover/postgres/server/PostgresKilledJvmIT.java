package io.dbrecover.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.testkit.ChildJvm;
import io.dbrecover.testkit.JvmKill;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.ServerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL while it makes, starts or runs a throwaway PostgreSQL leaves no process of it (initdb,
 * postmaster, backends) and no file holding the password: its watchdog kills their process group and removes the
 * pwfile within seconds.
 */
@RequiresServer("postgres")
class PostgresKilledJvmIT {
    private static final Duration MOMENT_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @Test
    void killedWhileInitdbReadsThePasswordFile() throws Exception {
        JvmKill.Result r = killWhen(s -> s.hasFile("pwfile") && s.running("initdb", "--pwfile="));
        assertNothingLeft(r);
        assertThat(r.passwords()).as("the password, read from the pwfile").isNotEmpty();
        assertThat(r.holdingPassword()).isEmpty();
    }

    @Test
    void killedWhileThePostmasterStarts() throws Exception {
        JvmKill.Result r = killWhen(s -> s.running("bin/postgres -D") && !s.ready());
        assertThat(r.atKill().ready()).as("killed before the server was ready").isFalse();
        assertNothingLeft(r);
    }

    @Test
    void killedWhileTheServerRunsWithItsBackends() throws Exception {
        JvmKill.Result r = killWhen(JvmKill.Scene::ready);
        assertNothingLeft(r);
        assertThat(r.passwords()).isNotEmpty();
        assertThat(r.holdingPassword()).as("files holding the password").isEmpty();
    }

    private JvmKill.Result killWhen(Predicate<JvmKill.Scene> moment) throws Exception {
        // the server runs as its own user, who must be able to traverse the test's directory
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        ChildJvm jvm = ChildJvm.start(tmp.resolve("jvm-tmp"), ServerMain.class, "postgres",
                tmp.resolve("base").toString());
        return JvmKill.killWhen(jvm, tmp.toString(), List.of(tmp), moment, MOMENT_TIMEOUT);
    }

    private static void assertNothingLeft(JvmKill.Result r) {
        assertThat(r.left()).as("processes and password files " + JvmKill.BOUND.toSeconds() + " s after the "
                + "kill; the JVM's output:\n" + r.output()).isEmpty();
    }
}
