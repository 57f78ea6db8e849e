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
    void initialisesWithScramPasswordFromAFileCLocaleAndChecksums() {
        assertThat(PostgresCommands.initdb(BIN, DATA, Path.of("/t/private/pwfile"))).containsExactly(
                "/usr/lib/postgresql/15/bin/initdb", "-D", DATA.toString(), "-A", "scram-sha-256",
                "--pwfile=/t/private/pwfile", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C",
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
    void demandsAPasswordOnLoopbackOnly() {
        assertThat(PostgresAuth.hba().lines().filter(l -> !l.startsWith("#")))
                .hasSize(2).allMatch(l -> l.endsWith("127.0.0.1/32 scram-sha-256"));
    }

    @Test
    void singleUserModeReadsItsStatementFromStandardInputAndNeverQuotesIt() {
        List<String> cmd = PostgresCommands.singleUser(BIN, DATA, PostgresCommands.ConfigFiles.in(Path.of("/t/conf")),
                Map.of("shared_buffers", "32MB"));
        assertThat(cmd).startsWith("/usr/lib/postgresql/15/bin/postgres", "--single", "-D", DATA.toString())
                .contains("hba_file=/t/conf/pg_hba.conf", "archive_mode=off", "shared_buffers=32MB",
                        "log_min_error_statement=panic").endsWith("template1");
    }

    @Test
    void theRoleGetsAScramVerifierNeverThePassword() {
        String pw = "abcDEF012_-abcDEF012_-abcDEF012_";
        String sql = PostgresAuth.createRoleSql(pw);
        assertThat(sql).doesNotContain(pw).contains("CREATE ROLE dbrecover WITH SUPERUSER LOGIN PASSWORD 'SCRAM-SHA-256$4096:")
                .endsWith("$dbrecover$;\n").hasLineCount(1);
        assertThat(PostgresAuth.dropRoleSql()).contains("DROP ROLE IF EXISTS dbrecover", "NOLOGIN").hasLineCount(1);
        assertThatThrownBy(() -> PostgresAuth.createRoleSql("x' SUPERUSER --")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void scramVerifierMatchesTheRfc7677Example() {
        // RFC 7677 section 3: user "user", password "pencil", this salt, 4096 iterations; the server's signature
        // there derives from this ServerKey, and PostgreSQL computes the same for that password and salt
        byte[] salt = java.util.Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        assertThat(PostgresAuth.scramVerifier("pencil", salt)).startsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$")
                .matches("SCRAM-SHA-256\\$4096:[^$]+\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}");
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
