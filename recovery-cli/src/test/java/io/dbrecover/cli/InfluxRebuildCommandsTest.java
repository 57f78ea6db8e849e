package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code influx rebuild-index} and {@code influx restore}: mistakes get exit 2 and one clear line, no server. */
class InfluxRebuildCommandsTest {
    @Test
    void theInfluxHelpListsBothCommands() {
        CliTest.Run r = CliTest.run("influx", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rebuild-index", "restore");
    }

    @Test
    void anUnknownStrategyIsAUsageErrorNamingTheChoices(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        CliTest.Run r = CliTest.run("influx", "rebuild-index", "--datadir", data.toString(), "--out",
                tmp.resolve("out").toString(), "--strategy", "magic");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--strategy must be auto, buildtsi or replay", "magic");
    }

    @Test
    void aMissingDataDirectoryIsNamedByItsFlag(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("influx", "rebuild-index", "--datadir", tmp.resolve("nope").toString(), "--out",
                tmp.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_NOT_FOUND", "--datadir", "nope").doesNotContain("RebuildRequest");
    }

    @Test
    void restoreRefusesATargetInsideTheOldDirectory(@TempDir Path tmp) throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old/data"));
        CliTest.Run r = CliTest.run("influx", "restore", "--from", old.getParent().toString(), "--into",
                old.getParent().resolve("new").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", "--into").doesNotContain("RestoreRequest");
        assertThat(old.getParent().resolve("new")).doesNotExist();
    }

    @Test
    void restoreRefusesANonEmptyTarget(@TempDir Path tmp) throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old/data"));
        Path into = Files.createDirectories(tmp.resolve("into"));
        Files.writeString(into.resolve("x"), "x");
        CliTest.Run r = CliTest.run("influx", "restore", "--from", old.getParent().toString(), "--into",
                into.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--into", "is not empty");
    }
}
