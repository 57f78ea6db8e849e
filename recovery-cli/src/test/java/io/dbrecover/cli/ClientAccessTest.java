package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.ClientAccess;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.spi.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAccessTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"mysql, client.cnf, mariadb --defaults-extra-file=", "postgres, pgpass, PGPASSFILE=",
        "influx, influx.env, . "})
    void thePasswordIsOnlyInAFileOfTheUsersOwnNeverInTheCommand(String engine, String fileName, String command)
            throws Exception {
        String pw = Secrets.newPassword();
        ClientAccess access = Engines.byId(engine).servers().orElseThrow().writeClientAccess(new Endpoint("127.0.0.1",
                40123, "x://127.0.0.1:40123", "dbrecover", pw), tmp);
        assertThat(access.file().getFileName()).hasToString(fileName);
        assertThat(access.file().getParent()).startsWith(tmp);
        assertThat(Files.readString(access.file())).contains(pw, "dbrecover");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(access.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(access.file().getParent())))
                .isEqualTo("rwx------");
        assertThat(access.command()).startsWith(command).contains(access.file().toString()).doesNotContain(pw);
        access.delete();
        assertThat(access.file().getParent()).doesNotExist();
    }
}
