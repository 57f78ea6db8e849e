package io.dbrecover.influx.server;

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
 * A JVM killed with SIGKILL while it starts or runs a throwaway InfluxDB leaves no influxd behind: its watchdog
 * kills it within seconds. That matters most while it starts: until the admin is made, InfluxDB lets anyone
 * create the first admin without credentials.
 */
@RequiresServer("influx")
class InfluxKilledJvmIT {
    private static final Duration MOMENT_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @Test
    void killedWhileInfluxdStartsWithoutAnyUser() throws Exception {
        JvmKill.Result r = killWhen(s -> s.running("influxd", "-config") && !s.ready());
        assertThat(r.atKill().ready()).as("killed before the server was ready").isFalse();
        assertThat(r.left()).as("what is left " + JvmKill.BOUND.toSeconds() + " s after the kill; the JVM's "
                + "output:\n" + r.output()).isEmpty();
    }

    @Test
    void killedWhileTheServerRuns() throws Exception {
        JvmKill.Result r = killWhen(JvmKill.Scene::ready);
        assertThat(r.atKill().running("influxd", "-config")).isTrue();
        assertThat(r.left()).as("what is left " + JvmKill.BOUND.toSeconds() + " s after the kill; the JVM's "
                + "output:\n" + r.output()).isEmpty();
        assertThat(r.passwords()).isNotEmpty();
        assertThat(r.holdingPassword()).as("files holding the password").isEmpty();
    }

    private JvmKill.Result killWhen(Predicate<JvmKill.Scene> moment) throws Exception {
        // the server runs as its own user, who must be able to traverse the test's directory
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        ChildJvm jvm = ChildJvm.start(tmp.resolve("jvm-tmp"), ServerMain.class, "influx",
                tmp.resolve("base").toString());
        return JvmKill.killWhen(jvm, tmp.toString(), List.of(tmp), moment, MOMENT_TIMEOUT);
    }
}
