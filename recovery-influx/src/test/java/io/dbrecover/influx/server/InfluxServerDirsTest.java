package io.dbrecover.influx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.process.Reachability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks made on directories before influxd starts (file system only, no process). */
class InfluxServerDirsTest {
    private static final OsUsers.OsUser STRANGER = new OsUsers.OsUser("dbrecover-nobody", 64999, 64999, "/");

    @TempDir
    Path tmp;

    @Test
    void acceptsAServerDirWithMetaAndData() throws IOException {
        Files.createDirectories(tmp.resolve("meta"));
        Files.createDirectories(tmp.resolve("data"));

        assertThat(InfluxServer.existingServerDir(tmp)).isEqualTo(tmp.toAbsolutePath().normalize());
    }

    @Test
    void refusesADirWithoutMetaOrData() throws IOException {
        Files.createDirectories(tmp.resolve("data"));

        assertThatThrownBy(() -> InfluxServer.existingServerDir(tmp))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
                    assertThat(e.getMessage()).contains("meta/ missing");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("/var/lib/influxdb"));
                });
        assertThatThrownBy(() -> InfluxServer.existingServerDir(tmp.resolve("nope")))
                .isInstanceOf(RecoveryException.class).hasMessageContaining("no InfluxDB server directory");
    }

    @Test
    void refusesADirBehindAParentOtherUsersCannotEnter() throws IOException {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Path inside = Files.createDirectories(locked.resolve("server"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> Reachability.require("influxd", STRANGER, List.of(inside)))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("dbrecover-nobody", locked.toString());
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("chmod o+x " + locked));
                });
    }

    @Test
    void acceptsADirOtherUsersCanEnter() throws IOException {
        Path open = Files.createDirectories(tmp.resolve("open"));
        Path inside = Files.createDirectories(open.resolve("server"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-x--x"));

        assertThatCode(() -> Reachability.require("influxd", STRANGER, List.of(inside))).doesNotThrowAnyException();
    }
}
