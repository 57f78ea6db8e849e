package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code postgres restore} and {@code postgres check}: mistakes get exit 2 and one clear line, no server. */
class PostgresRestoreCommandsTest {
    @Test
    void thePostgresHelpListsBothCommands() {
        CliTest.Run r = CliTest.run("postgres", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("restore", "check");
    }

    @Test
    void twoTargetsAreAUsageError(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("postgres", "restore", "--backup", tmp.toString(), "--into",
                tmp.resolve("out").toString(), "--target-lsn", "0/3000000", "--target-name", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("give one target");
    }

    @Test
    void aTimeWithoutOffsetIsRefusedBeforeAnythingIsRead(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("postgres", "restore", "--backup", tmp.toString(), "--into",
                tmp.resolve("out").toString(), "--target-time", "2026-12-06 22:00:00");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a time with an offset").doesNotContain("RestoreRequest");
    }

    @Test
    void anUnknownTargetWordNamesTheFlagsToUse(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("postgres", "restore", "--backup", tmp.toString(), "--into",
                tmp.resolve("out").toString(), "--target", "yesterday");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--target takes immediate or latest", "--target-time");
    }

    @Test
    void aDirectoryThatIsNoBackupIsNamedByItsFlag(@TempDir Path tmp) throws Exception {
        Path notBackup = Files.createDirectories(tmp.resolve("nothing"));
        CliTest.Run r = CliTest.run("postgres", "restore", "--backup", notBackup.toString(), "--into",
                tmp.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--backup", "is no base backup").doesNotContain("RestoreRequest");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void restoreRefusesANonEmptyInto(@TempDir Path tmp) throws Exception {
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        Files.writeString(backup.resolve("PG_VERSION"), "15\n");
        Path into = Files.createDirectories(tmp.resolve("into"));
        Files.writeString(into.resolve("x"), "x");
        CliTest.Run r = CliTest.run("postgres", "restore", "--backup", backup.toString(), "--into", into.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--into", "is not empty");
    }

    @Test
    void restoreRefusesAnIntoInsideTheBackup(@TempDir Path tmp) throws Exception {
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        Files.writeString(backup.resolve("PG_VERSION"), "15\n");
        CliTest.Run r = CliTest.run("postgres", "restore", "--backup", backup.toString(), "--into",
                backup.resolve("restored").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", "--into");
        assertThat(backup.resolve("restored")).doesNotExist();
    }

    @Test
    void checkRefusesADirectoryWithoutPgVersion(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        CliTest.Run r = CliTest.run("postgres", "check", "--datadir", dir.toString(), "--into",
                tmp.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--datadir", "no PG_VERSION").doesNotContain("CheckRequest");
    }
}
