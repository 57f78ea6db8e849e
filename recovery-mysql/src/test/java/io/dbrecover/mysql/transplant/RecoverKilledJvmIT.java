package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.mysql.RowHashes;
import io.dbrecover.testkit.ChildJvm;
import io.dbrecover.testkit.JvmKill;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mysql recover} killed with SIGKILL while it imports tables or while it writes and proves its
 * {@code --dump} leaves no server (neither the one holding the tables nor the dump's check server), no client
 * program, and no file holding a password (init files, the option files of mariadb-dump and mariadb).
 */
@RequiresServer("mysql")
class RecoverKilledJvmIT {
    private static final Duration MOMENT_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path staging;
    static Disaster.Staged staged;
    static Path expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void stage() throws Exception {
        staged = Disaster.stage(staging.resolve("stage"), Disaster.Format.CURRENT, Disaster.Ending.CLEAN_SHUTDOWN);
        expected = Files.writeString(staging.resolve("expected.tsv"), RowHashes.format(staged.expected()));
    }

    @Test
    void killedWhileItImportsTables() throws Exception {
        Path journal = tmp.resolve("work").resolve("journal.jsonl");
        JvmKill.Result r = killWhen(s -> tablesDone(journal) >= 2);
        assertThat(r.atKill().running("mariadbd", "--datadir=")).as("the server was running at the kill").isTrue();
        assertNothingLeft(r);
    }

    @Test
    void killedWhileMariadbDumpHasItsOptionFile() throws Exception {
        JvmKill.Result r = killWhen(s -> s.hasFile("client-.*\\.cnf"));
        assertNothingLeft(r);
    }

    @Test
    void killedWhileTheDumpIsLoadedIntoItsCheckServer() throws Exception {
        JvmKill.Result r = killWhen(s -> s.running("--defaults-extra-file=", "source "));
        assertThat(r.atKill().running("mariadbd", "dump-check")).as("the dump's check server was running").isTrue();
        assertNothingLeft(r);
    }

    private JvmKill.Result killWhen(Predicate<JvmKill.Scene> moment) throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        ChildJvm jvm = ChildJvm.start(tmp.resolve("jvm-tmp"), RecoverToKillMain.class,
                staged.orphanDir().toString(), tmp.resolve("work").toString(), tmp.resolve("base").toString(),
                expected.toString(), tmp.resolve("out").resolve("dump.sql").toString());
        // a recovery that ends before the moment fails the test (the moment never comes)
        return JvmKill.killWhen(jvm, tmp.toString(), List.of(tmp), moment, MOMENT_TIMEOUT);
    }

    private static void assertNothingLeft(JvmKill.Result r) {
        assertThat(r.left()).as("processes and password files " + JvmKill.BOUND.toSeconds() + " s after the "
                + "kill; the JVM's output:\n" + r.output()).isEmpty();
        assertThat(r.passwords()).as("passwords seen in the init files and option files").isNotEmpty();
        assertThat(r.holdingPassword()).as("files holding a password").isEmpty();
    }

    private static long tablesDone(Path journal) {
        try {
            return Files.isRegularFile(journal) ? Files.readAllLines(journal).stream()
                    .filter(l -> l.contains("\"step\":\"table:") || l.contains("\"step\" : \"table:")).count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
