package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command line's contract without starting anything: help, version, usage errors, exit codes. */
class CliTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DbRecoverCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("doctor", "demo", "engines", "mysql", "postgres", "influx",
                "0 done and verified", "5 environment problem");
    }

    @Test
    void noArgumentsPrintsUsage() {
        Run r = run();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: dbrecover");
    }

    @Test
    void versionNamesTheBuild() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("dbrecover ").doesNotContain("unknown");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwoAndNoStackTrace() {
        Run r = run("doctor", "--no-such-option");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option").doesNotContain("at io.dbrecover", "Exception");
    }

    @Test
    void badEnumValueIsAUsageError() {
        Run r = run("mysql", "server", "--origin", "cloud");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).containsIgnoringCase("system").containsIgnoringCase("embedded").contains("cloud");
    }

    @Test
    void unknownEngineInDemoIsAUsageErrorNamingTheKnownOnes() {
        Run r = run("demo", "--engine", "oracle");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown engine 'oracle'", "mysql", "postgres", "influx")
                .doesNotContain("\tat ");
    }

    @Test
    void enginesListsEveryEngineModuleWithItsCapabilities() {
        Run r = run("engines");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("mysql", "postgres", "influx", "THROWAWAY_SERVER", "DEMO");
    }

    @Test
    void stacktraceOptionIsAcceptedEverywhere() {
        Run r = run("demo", "--engine", "oracle", "--stacktrace");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void serverOnAnExistingDataDirNeedsAWorkDirSoTheOriginalIsNeverWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        Run r = run("postgres", "server", "--datadir", tmp.toString(), "--check");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--datadir needs --workdir", "--in-place");
        Run inside = run("mysql", "server", "--datadir", tmp.toString(), "--workdir", tmp.resolve("work").toString(),
                "--check");
        assertThat(inside.exit()).isEqualTo(2);
        assertThat(inside.err()).contains("SOURCE_WRITE_REFUSED");
        assertThat(tmp.resolve("work")).doesNotExist();
    }
}
