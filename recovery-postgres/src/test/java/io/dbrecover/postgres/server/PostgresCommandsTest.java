package io.dbrecover.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresCommandsTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final Path DATA = Path.of("/tmp/dbrecover-postgres-1/data");

    @Test
    void initialisesWithTrustCLocaleAndChecksums() {
        assertThat(PostgresCommands.initdb(BIN, DATA)).containsExactly("/usr/lib/postgresql/15/bin/initdb", "-D",
                DATA.toString(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C",
                "--data-checksums");
    }

    @Test
    void runsTheServerOnLoopbackWithoutUnixSocket() {
        List<String> cmd = PostgresCommands.server(BIN, DATA, 54321, null, Map.of());
        assertThat(cmd).containsExactly("/usr/lib/postgresql/15/bin/postgres", "-D", DATA.toString(), "-p", "54321",
                "-h", "127.0.0.1", "-k", "");
    }

    @Test
    void passesExtraSettingsLastSoThatTheyWin() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shared_buffers", "16MB");
        settings.put("log_min_messages", "debug1");
        List<String> cmd = PostgresCommands.server(BIN, DATA, 5432, null, settings);
        assertThat(cmd.subList(cmd.size() - 4, cmd.size()))
                .containsExactly("-c", "shared_buffers=16MB", "-c", "log_min_messages=debug1");
    }

    @Test
    void usesItsOwnConfigurationAndNoArchivingOnAForeignDataDirectory() {
        PostgresCommands.ConfigFiles own = PostgresCommands.ConfigFiles.in(Path.of("/tmp/t/conf"));
        List<String> cmd = PostgresCommands.server(BIN, DATA, 5432, own, Map.of("archive_mode", "on"));
        assertThat(cmd).containsSubsequence("-c", "config_file=/tmp/t/conf/postgresql.conf", "-c",
                "hba_file=/tmp/t/conf/pg_hba.conf", "-c", "ident_file=/tmp/t/conf/pg_ident.conf", "-c",
                "archive_mode=off", "-c", "archive_mode=on");
        assertThat(cmd).contains("primary_conninfo=", "restore_command=", "shared_preload_libraries=");
    }

    @Test
    void trustsLoopbackOnly() {
        assertThat(PostgresCommands.trustHba().lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.endsWith("127.0.0.1/32 trust"));
    }

    @Test
    void refusesSettingNamesThePostmasterWouldMisread() {
        assertThatThrownBy(() -> PostgresCommands.server(BIN, DATA, 5432, null, Map.of("port=1 -c x", "2")))
                .isInstanceOf(RecoveryException.class)
                .satisfies(e -> assertThat(((RecoveryException) e).code()).isEqualTo(ErrorCode.USAGE));
    }

    @Test
    void buildsTheJdbcUrlForLoopback() {
        assertThat(PostgresCommands.jdbcUrl(6000)).isEqualTo("jdbc:postgresql://127.0.0.1:6000/postgres");
    }
}
