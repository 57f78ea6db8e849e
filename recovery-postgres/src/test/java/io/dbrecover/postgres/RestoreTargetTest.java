package io.dbrecover.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestoreTargetTest {
    @Test
    void timesWithAnOffsetBecomeUtcInPostgresSyntax() {
        assertThat(RestoreTarget.time("2026-12-06T23:00:00.5+01:00").value()).isEqualTo(
                "2026-12-06 22:00:00.500000+00");
        assertThat(RestoreTarget.time("2026-12-06 22:00:00+00").instant()).isEqualTo(
                Instant.parse("2026-12-06T22:00:00Z"));
        assertThat(RestoreTarget.time(Instant.parse("2026-12-06T22:00:00.123456Z")).value()).isEqualTo(
                "2026-12-06 22:00:00.123456+00");
    }

    @Test
    void aTimeWithoutOffsetIsRefused() {
        assertThatThrownBy(() -> RestoreTarget.time("2026-12-06 22:00:00")).isInstanceOfSatisfying(
                RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).contains("offset");
                });
    }

    @Test
    void lsnsXidsAndNamesAreChecked() {
        assertThat(RestoreTarget.lsn("0/3a000028").value()).isEqualTo("0/3A000028");
        assertThatThrownBy(() -> RestoreTarget.lsn("3A000028")).isInstanceOf(RecoveryException.class);
        assertThat(RestoreTarget.xid("741").describe()).isEqualTo("xid 741");
        assertThatThrownBy(() -> RestoreTarget.xid("2")).isInstanceOf(RecoveryException.class);
        assertThatThrownBy(() -> RestoreTarget.xid("-5")).isInstanceOf(RecoveryException.class);
        assertThatThrownBy(() -> RestoreTarget.name("")).isInstanceOf(RecoveryException.class);
        assertThatThrownBy(() -> RestoreTarget.name("a\nb")).isInstanceOf(RecoveryException.class);
        assertThat(RestoreTarget.latest().describe()).isEqualTo("latest");
    }

    @Test
    void exclusiveNeedsATargetOfTheUsersChoosing() {
        assertThatThrownBy(() -> RestoreRequest.builder().backup(java.nio.file.Path.of("/b"))
                .into(java.nio.file.Path.of("/i")).target(RestoreTarget.latest()).exclusive(true).build())
                .isInstanceOf(RecoveryException.class).hasMessageContaining("exclusive");
    }
}
