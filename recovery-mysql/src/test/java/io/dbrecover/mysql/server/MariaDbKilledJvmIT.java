package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.testkit.ChildJvm;
import io.dbrecover.testkit.JvmKill;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.ServerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL while it starts or runs a throwaway MariaDB leaves no server running and no file
 * holding the server's password: its watchdog kills the server and removes the init file within seconds.
 */
@RequiresServer("mysql")
class MariaDbKilledJvmIT {
    private static final Duration MOMENT_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @Test
    void killedOnceTheInitFileWithThePasswordIsWritten() throws Exception {
        JvmKill.Result r = killWhen(s -> s.hasFile("init.sql"));
        assertNothingLeft(r);
    }

    @Test
    void killedWhileTheServerStartsAndReadsItsInitFile() throws Exception {
        JvmKill.Result r = killWhen(s -> s.running("mariadbd", "--init-file=") && !s.ready());
        assertThat(r.atKill().ready()).as("killed before the server was ready").isFalse();
        assertNothingLeft(r);
    }

    @Test
    void killedWhileTheServerRuns() throws Exception {
        JvmKill.Result r = killWhen(JvmKill.Scene::ready);
        assertThat(r.atKill().running("mariadbd", "--datadir=")).isTrue();
        assertNothingLeft(r);
    }

    private JvmKill.Result killWhen(Predicate<JvmKill.Scene> moment) throws Exception {
        Path base = tmp.resolve("base");
        ChildJvm jvm = ChildJvm.start(tmp.resolve("jvm-tmp"), ServerMain.class, "mysql", base.toString());
        return JvmKill.killWhen(jvm, tmp.toString(), List.of(tmp), moment, MOMENT_TIMEOUT);
    }

    static void assertNothingLeft(JvmKill.Result r) {
        assertThat(r.left()).as("processes and password files " + JvmKill.BOUND.toSeconds() + " s after the "
                + "kill; the JVM's output:\n" + r.output()).isEmpty();
        assertThat(r.passwords()).as("the password was seen, so that looking for it proves something").isNotEmpty();
        assertThat(r.holdingPassword()).as("files holding the password").isEmpty();
    }
}
