package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectToolTest {
    @TempDir
    Path tmp;

    @Test
    void buildsTheOneXCommandLineWithBothDirectoriesAndACacheForTheLargestWal() {
        InspectTool tool = new InspectTool(Path.of("/usr/bin/influx_inspect"), InspectTool.Version.V1);

        assertThat(tool.command(Path.of("/out/data"), Path.of("/out/wal"), 512L << 20)).containsExactly(
                "/usr/bin/influx_inspect", "buildtsi", "-datadir", "/out/data", "-waldir", "/out/wal",
                "-max-cache-size", Long.toString(4L << 30));
    }

    @Test
    void buildsTheTwoXCommandLine() {
        InspectTool tool = new InspectTool(Path.of("/opt/influxd"), InspectTool.Version.V2);

        assertThat(tool.command(Path.of("/o/engine/data"), Path.of("/o/engine/wal"), 0)).containsExactly(
                "/opt/influxd", "inspect", "build-tsi", "--data-path", "/o/engine/data", "--wal-path",
                "/o/engine/wal", "--max-cache-size", Long.toString(1L << 30));
    }

    @Test
    void answersYesToTheRootQuestionOnlyWhenItRunsAsRootAndOnlyForOneX() {
        InspectTool v1 = new InspectTool(Path.of("influx_inspect"), InspectTool.Version.V1);
        InspectTool v2 = new InspectTool(Path.of("influxd"), InspectTool.Version.V2);

        assertThat(new String(v1.answer(true), StandardCharsets.US_ASCII)).isEqualTo("y\n");
        assertThat(v1.answer(false)).isEmpty();
        assertThat(v2.answer(true)).isEmpty();
    }

    @Test
    void recognisesTheToolsSilentFailures() {
        assertThat(InspectTool.failure("You are currently running as root. ...\nAre you sure you want to continue? "
                + "(y/N): operation aborted\n")).hasValueSatisfying(m -> assertThat(m).contains("aborted"));
        assertThat(InspectTool.failure("Usage of buildtsi:\n  -datadir string\n")).isPresent();
        assertThat(InspectTool.failure("ts=… lvl=info msg=\"Rebuilding shard\" path=/d/db/rp/1\n")).isEmpty();
    }

    @Test
    void findsInfluxInspectOnThePathAndPrefersTheEnvironmentVariable() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path onPath = executable(bin.resolve("influx_inspect"));
        Path elsewhere = executable(Files.createDirectories(tmp.resolve("opt")).resolve("influx_inspect"));
        ProcessRunner runner = new ProcessRunner();

        assertThat(InspectTool.find(null, Map.of("PATH", "/nonexistent:" + bin), runner))
                .hasValue(new InspectTool(onPath.toAbsolutePath(), InspectTool.Version.V1));
        assertThat(InspectTool.find(null, Map.of("PATH", bin.toString(), InspectTool.ENV, elsewhere.toString()),
                runner)).hasValue(new InspectTool(elsewhere.toAbsolutePath(), InspectTool.Version.V1));
        assertThat(InspectTool.find(null, Map.of("PATH", tmp.resolve("empty").toString()), runner)).isEmpty();
    }

    @Test
    void refusesANamedToolThatIsNoExecutable() throws IOException {
        Path notExecutable = Files.writeString(tmp.resolve("influx_inspect"), "not a program");

        assertThatThrownBy(() -> InspectTool.find(notExecutable, Map.of(), new ProcessRunner()))
                .isInstanceOf(RecoveryException.class)
                .satisfies(e -> assertThat(((RecoveryException) e).code()).isEqualTo(ErrorCode.BINARY_NOT_FOUND))
                .hasMessageContaining("RebuildRequest.inspectTool").hasMessageContaining("not an executable file");
    }

    @Test
    void sizesTheCacheForTheDecodedWal() {
        assertThat(InspectTool.maxCacheSize(0)).isEqualTo(1L << 30);
        assertThat(InspectTool.maxCacheSize(1L << 30)).isEqualTo(8L << 30);
        assertThat(InspectTool.maxCacheSize(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
    }

    private static Path executable(Path p) throws IOException {
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
