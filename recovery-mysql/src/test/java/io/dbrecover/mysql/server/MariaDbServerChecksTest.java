package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks made before a server starts on an existing data directory. */
class MariaDbServerChecksTest {
    @TempDir
    Path tmp;

    @Test
    void refusesAMissingDirectory() {
        assertThatThrownBy(() -> MariaDbServer.checkExistingDataDir(tmp.resolve("gone")))
                .isInstanceOfSatisfying(RecoveryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND));
    }

    @Test
    void refusesADirectoryThatIsNoDataDirectory() {
        assertThatThrownBy(() -> MariaDbServer.checkExistingDataDir(tmp))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
                    assertThat(e.getMessage()).contains("neither ibdata1 nor mysql/");
                });
    }

    @Test
    void refusesAMySql8DataDirectoryWhichMariaDbCannotOpen() throws IOException {
        Files.writeString(tmp.resolve("ibdata1"), "x");
        Files.writeString(tmp.resolve("mysql.ibd"), "x");
        assertThatThrownBy(() -> MariaDbServer.checkExistingDataDir(tmp))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
                    assertThat(e.getMessage()).contains("MySQL 8");
                });
    }

    @Test
    void acceptsAnUnlockedDataDirectory() throws IOException {
        Files.writeString(tmp.resolve("ibdata1"), "x");
        Files.writeString(tmp.resolve("aria_log_control"), "x");
        Files.createDirectories(tmp.resolve("mysql"));
        assertThatCode(() -> MariaDbServer.checkExistingDataDir(tmp)).doesNotThrowAnyException();
    }
}
