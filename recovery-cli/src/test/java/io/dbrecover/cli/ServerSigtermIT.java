package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.testkit.ChildJvm;
import io.dbrecover.testkit.Leftovers;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code <engine> server} stopped with SIGTERM (as {@code kill PID} or a service manager stops it) removes the
 * client file that holds the password, every time: the JVM halts as soon as its shutdown hooks end, so the hook
 * itself must remove it. Eight runs in a row per engine.
 */
@RequiresServer("mysql")
@RequiresServer("postgres")
@RequiresServer("influx")
class ServerSigtermIT {
    private static final int RUNS = 8;
    private static final Duration START = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres", "influx"})
    void sigtermLeavesNoClientFileNoServerAndNoPasswordEightTimesInARow(String engine) throws Exception {
        // PostgreSQL and InfluxDB run as their own users, who must traverse the test's directory
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        for (int run = 1; run <= RUNS; run++) {
            Path jvmTmp = tmp.resolve(engine + "-" + run);
            try (ChildJvm jvm = ChildJvm.start(jvmTmp, DbRecoverCli.class, engine, "server")) {
                String line = jvm.awaitLine("  password: in ", START);
                jvm.awaitLine("Press Ctrl-C", START);
                Path clientFile = Path.of(line.replaceAll("^  password: in (\\S+) .*$", "$1"));
                assertThat(clientFile).as("run " + run + ": " + line).isRegularFile().startsWith(jvmTmp);
                List<String> passwords = Leftovers.passwordsIn(clientFile);
                assertThat(passwords).as("run " + run + ": the password in " + clientFile).hasSize(1);
                Map<Long, String> family = Leftovers.family(jvmTmp.toString());

                int exit = jvm.terminate(Duration.ofSeconds(60));

                String context = "run " + run + " of " + engine + " (exit " + exit + "); its output:\n" + jvm.output();
                assertThat(clientFile).as(context).doesNotExist();
                try (Stream<Path> left = Files.list(jvmTmp)) {
                    assertThat(left.filter(p -> p.getFileName().toString().startsWith("dbrecover-client-")))
                            .as("client directories; " + context).isEmpty();
                }
                assertThat(Leftovers.awaitGone(Duration.ofSeconds(5), jvmTmp.toString(), family, List.of(jvmTmp)))
                        .as("processes and password files; " + context).isEmpty();
                assertThat(Leftovers.filesContaining(List.of(jvmTmp), passwords)).as(context).isEmpty();
            }
        }
    }
}
