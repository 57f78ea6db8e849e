package io.dbrecover.postgres.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecoverySettingsTest {
    @Test
    void aTimeTargetPromotesTurnsArchivingOffAndOnlyCopiesOutOfTheArchive() {
        Target t = new Target(Target.Kind.TIME, "2026-12-06 22:00:00.000000+00", Instant.parse(
                "2026-12-06T22:00:00Z"));
        assertThat(RecoverySettings.lines(5433, Path.of("/srv/wal archive"), t, true)).contains("port = 5433",
                "archive_mode = 'off'", "restore_command = 'cp ''/srv/wal archive''/%f \"%p\"'",
                "recovery_target_action = 'promote'", "recovery_target_time = '2026-12-06 22:00:00.000000+00'",
                "recovery_target_inclusive = 'off'");
    }

    @Test
    void withoutAnArchiveRestoreCommandFailsSoThatOnlyPgWalIsRead() {
        assertThat(RecoverySettings.lines(1, null, new Target(Target.Kind.IMMEDIATE, "", null), false))
                .contains("restore_command = 'false'", "recovery_target = 'immediate'")
                .noneMatch(l -> l.startsWith("recovery_target_inclusive"));
    }

    @Test
    void aRestorePointNameIsQuotedForTheConfigurationFile() {
        assertThat(RecoverySettings.lines(1, null, new Target(Target.Kind.NAME, "it's \\ here", null), false))
                .contains("recovery_target_name = 'it''s \\\\ here'");
    }

    @Test
    void aPercentInTheArchivePathIsDoubledAndAQuoteIsRefused() {
        assertThat(RecoverySettings.shellQuote(Path.of("/srv/100%"))).isEqualTo("'/srv/100%%'");
        assertThatThrownBy(() -> RecoverySettings.shellQuote(Path.of("/srv/it's"))).isInstanceOf(
                RecoveryException.class).hasMessageContaining("quote");
    }
}
