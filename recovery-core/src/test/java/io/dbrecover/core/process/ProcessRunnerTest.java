package io.dbrecover.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner's contract, exercised with /bin/sh (part of every POSIX system). These start short local processes
 * but no server and no network: the runner itself is the unit under test.
 */
class ProcessRunnerTest {
    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void capturesOutputAndTail() {
        ProcessResult r = runner.run(ProcessSpec.of("/bin/sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done")
                .tailLines(2).build());
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).isEqualTo("line1\nline2\nline3\nline4\nline5\n");
        assertThat(r.tail()).containsExactly("line4", "line5");
    }

    @Test
    void aLineListenerSeesEveryLineOfAServerInOrderBeyondItsTail() throws InterruptedException {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RunningProcess p = runner.start(ProcessSpec.of("/bin/sh", "-c", "i=0; while [ $i -lt 3000 ]; do "
                + "echo line$i; i=$((i+1)); done; echo ready; sleep 60").tailLines(10).lineListener(seen::add)
                .build())) {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!p.tail().contains("ready") && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(p.tail()).hasSize(10).endsWith("ready");
            // the listener is called before a line reaches the tail: once "ready" is there, all came before it
            assertThat(seen).hasSize(3001).startsWith("line0", "line1").endsWith("line2999", "ready");
        }
    }

    @Test
    void failedExitCodeBecomesATypedErrorWithTheOutputTail() {
        RecoveryException e = catchThrowableOfType(RecoveryException.class, () -> runner.run(
                ProcessSpec.of("/bin/sh", "-c", "echo about to fail >&2; exit 3").logName("failing-tool").build()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_FAILED);
        assertThat(e.getMessage()).contains("failing-tool", "exit code 3");
        assertThat(e.outputTail()).containsExactly("about to fail");
        assertThat(e.describe()).contains("about to fail");
    }

    @Test
    void acceptedExitCodesAreNotErrors() {
        assertThat(runner.run(ProcessSpec.of("/bin/sh", "-c", "exit 1").okExitCodes(0, 1).build()).exitCode()).isEqualTo(1);
    }

    @Test
    void timeoutKillsTheProcess() {
        long t0 = System.nanoTime();
        RecoveryException e = catchThrowableOfType(RecoveryException.class, () -> runner.run(
                ProcessSpec.of("/bin/sh", "-c", "echo started; sleep 30").timeout(Duration.ofMillis(500)).build()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_TIMEOUT);
        assertThat(e.outputTail()).first().isEqualTo("started");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void missingProgramIsBinaryNotFound() {
        RecoveryException e = catchThrowableOfType(RecoveryException.class,
                () -> runner.run(ProcessSpec.of("/nonexistent/bin/mariadbd", "--version").build()));
        assertThat(e.code()).isEqualTo(ErrorCode.BINARY_NOT_FOUND);
        assertThat(e.exitCode()).isEqualTo(5);
    }

    @Test
    void cleanEnvironmentDropsThisJvmsVariablesButKeepsPathAndExplicitOnes() {
        // a variable this JVM really has, that is not one of those a clean environment keeps
        String inherited = System.getenv().keySet().stream()
                .filter(k -> k.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .filter(k -> !List.of("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "TZ").contains(k))
                .findFirst().orElseThrow();
        String script = "echo \"[$DBR_X][${" + inherited + ":-unset}][${PATH:+path}]\"";
        ProcessResult clean = runner.run(ProcessSpec.of("/bin/sh", "-c", script)
                .env("DBR_X", "1").cleanEnvironment(true).build());
        assertThat(clean.output().trim()).isEqualTo("[1][unset][path]");
        ProcessResult inheritedEnv = runner.run(ProcessSpec.of("/bin/sh", "-c", script).env("DBR_X", "1").build());
        assertThat(inheritedEnv.output().trim()).isEqualTo("[1][" + System.getenv(inherited) + "][path]");
    }

    @Test
    void startedProcessStopsWithItsChildrenAndCloseIsIdempotent() {
        RunningProcess p = runner.start(ProcessSpec.of("/bin/sh", "-c", "sleep 60 & echo child $!; wait").build());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.tail().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long child = Long.parseLong(p.tail().get(0).substring("child ".length()));
        assertThat(ProcessHandle.of(child)).isPresent();
        p.close();
        p.close();
        assertThat(p.isAlive()).isFalse();
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void secretsInArgumentsAreRedactedFromMessages() {
        assertThat(ProcessRunner.redact(List.of("mysql", "--password=hunter2", "-uroot")))
                .containsExactly("mysql", "--password=***", "-uroot");
    }

    @Test
    void standardInputReachesTheProgramAndStaysOutOfTheSpecText() {
        byte[] input = "secret-line\nsecond\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ProcessSpec spec = ProcessSpec.of("/bin/sh", "-c", "wc -l").stdin(input).build();
        assertThat(runner.run(spec).output().trim()).isEqualTo("2");
        assertThat(spec.toString()).doesNotContain("secret-line").contains("bytes of input");
    }

    @Test
    void withoutInputTheProgramReadsEndOfFile() {
        assertThat(runner.run(ProcessSpec.of("/bin/sh", "-c", "cat; echo end").build()).output()).isEqualTo("end\n");
    }

    @Test
    void aProgramNamedWithoutItsDirectoryIsFoundInThePath() {
        assertThat(runner.run(ProcessSpec.of("sh", "-c", "echo found").build()).output()).isEqualTo("found\n");
        RecoveryException e = catchThrowableOfType(RecoveryException.class,
                () -> runner.run(ProcessSpec.of("dbrecover-no-such-program-here").build()));
        assertThat(e.code()).isEqualTo(ErrorCode.BINARY_NOT_FOUND);
        assertThat(e.getMessage()).contains("dbrecover-no-such-program-here", "no such program in PATH");
    }

    @Test
    void aFileThatMayNotBeRunIsAClearFailure(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path plain = java.nio.file.Files.writeString(tmp.resolve("tool"), "#!/bin/sh\necho hi\n");
        RecoveryException e = catchThrowableOfType(RecoveryException.class,
                () -> runner.run(ProcessSpec.of(plain.toString()).build()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_FAILED);
        assertThat(e.getMessage()).contains(plain.toString(), "not executable");
    }
}
