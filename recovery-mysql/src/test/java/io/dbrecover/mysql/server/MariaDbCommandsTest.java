package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.BinaryOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MariaDbCommandsTest {
    private static final MariaDbVersion V10 = MariaDbVersion.fromServer("10.11.19-MariaDB").orElseThrow();

    @TempDir
    Path tmp;

    private static MariaDbInstallation debian() {
        return new MariaDbInstallation(BinaryOrigin.SYSTEM, Path.of("/usr/sbin/mariadbd"),
                Path.of("/usr/bin/mariadb-install-db"), null, null, V10);
    }

    @Test
    void startsTheServerWithoutDefaultsOnLoopbackWithOurPathsFirst() {
        List<String> c = MariaDbCommands.server(debian(), Path.of("/t/data"), 33306, Path.of("/t/mysqld.sock"),
                Path.of("/t/mysqld.pid"), Path.of("/t/private/init.sql"), "root",
                MariaDbCommands.defaults(false, Optional.of("8M")), Map.of());
        assertThat(c).containsExactly("/usr/sbin/mariadbd", "--no-defaults", "--datadir=/t/data", "--port=33306",
                "--socket=/t/mysqld.sock", "--bind-address=127.0.0.1", "--pid-file=/t/mysqld.pid",
                "--init-file=/t/private/init.sql", "--user=root",
                "--skip-ssl", "--skip-name-resolve", "--skip-log-bin", "--skip-slave-start",
                "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=8M");
    }

    @Test
    void skipsGrantTablesOnExistingDataDirectoriesAndKeepsTheirLogSize() {
        List<String> c = MariaDbCommands.server(debian(), Path.of("/w/datadir"), 1, Path.of("/t/s"), Path.of("/t/p"),
                null, null, MariaDbCommands.defaults(true, Optional.of("100663296")), Map.of());
        assertThat(c).contains("--skip-grant-tables", "--innodb-log-file-size=100663296").doesNotContain("--user=root");
        assertThat(MariaDbCommands.server(debian(), Path.of("/w/datadir"), 1, Path.of("/t/s"), Path.of("/t/p"),
                null, null, MariaDbCommands.defaults(true, Optional.empty()), Map.of()))
                .noneMatch(o -> o.startsWith("--innodb-log-file-size"));
    }

    @Test
    void settingsReplaceOurDefaultsWhateverTheirSpelling() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("innodb_buffer_pool_size", "256M");
        settings.put("skip_grant_tables", "0");
        settings.put("innodb_checksum_algorithm", "crc32");
        settings.put("ssl", "ON");
        List<String> c = MariaDbCommands.mergedOptions(MariaDbCommands.defaults(true, Optional.empty()),
                MariaDbCommands.checkedSettings(settings));
        assertThat(c).containsExactly("--skip-name-resolve", "--skip-log-bin", "--skip-slave-start",
                "--innodb_buffer_pool_size=256M",
                "--skip_grant_tables=0", "--innodb_checksum_algorithm=crc32", "--ssl=ON");
    }

    @Test
    void aSettingWithoutValueIsAFlag() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("--lower-case-table-names", "1");
        settings.put("skip-innodb-adaptive-hash-index", "");
        assertThat(MariaDbCommands.mergedOptions(Map.of(), MariaDbCommands.checkedSettings(settings)))
                .containsExactly("--lower-case-table-names=1", "--skip-innodb-adaptive-hash-index");
    }

    @Test
    void refusesSettingsForOptionsDbrecoverManages() {
        for (String name : List.of("datadir", "port", "socket", "bind_address", "user", "log-error", "skip-networking",
                "--pid-file", "loose-basedir")) {
            assertThatThrownBy(() -> MariaDbCommands.checkedSettings(Map.of(name, "x")))
                    .as(name).isInstanceOfSatisfying(RecoveryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                        assertThat(e.getMessage()).contains("set by dbrecover");
                    });
        }
    }

    @Test
    void refusesSettingsThatAreNotOptionNamesOrCarryLineBreaks() {
        assertThatThrownBy(() -> MariaDbCommands.checkedSettings(Map.of("innodb size", "1")))
                .isInstanceOfSatisfying(RecoveryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
        assertThatThrownBy(() -> MariaDbCommands.checkedSettings(Map.of("init_connect", "a\nb")))
                .isInstanceOfSatisfying(RecoveryException.class, e -> assertThat(e.getMessage()).contains("line break"));
    }

    @Test
    void installsDataDirectoriesWithSocketOnlyRootAndTheSmallLog() {
        assertThat(MariaDbCommands.installDb(debian(), Path.of("/t/data"), Map.of(), true)).containsExactly(
                "/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=/t/data",
                "--auth-root-authentication-method=socket", "--skip-test-db", "--user=root",
                "--innodb-log-file-size=8M");
        assertThat(MariaDbCommands.installDb(debian(), Path.of("/t/data"), Map.of("innodb_page_size", "4k"), false))
                .doesNotContain("--user=root").contains("--innodb_page_size=4k");
    }

    @Test
    void runsAnInstallScriptWithoutExecBitThroughShAndPassesTheBaseDirectory() throws IOException {
        Path base = tmp.resolve("mariadb-11.4.5");
        Path script = base.resolve("scripts/mariadb-install-db");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(base.resolve("share/charsets"));
        MariaDbInstallation embedded = new MariaDbInstallation(BinaryOrigin.EMBEDDED, base.resolve("bin/mariadbd"),
                script, base, base.resolve("share"), MariaDbVersion.fromServer("11.4.5-MariaDB").orElseThrow());
        assertThat(MariaDbCommands.installDb(embedded, Path.of("/t/d"), Map.of(), true))
                .startsWith("sh", script.toString(), "--no-defaults", "--basedir=" + base);
        assertThat(MariaDbCommands.server(embedded, Path.of("/t/d"), 1, Path.of("/t/s"), Path.of("/t/p"), null,
                "root", Map.of(), Map.of())).contains("--basedir=" + base, "--lc-messages-dir=" + base.resolve("share"),
                "--character-sets-dir=" + base.resolve("share/charsets"));
    }

    @Test
    void readsTheRedoLogSizeOfSingleFileLogsOnly() throws IOException {
        assertThat(MariaDbCommands.existingLogFileSize(tmp)).isEmpty();
        Path log0 = tmp.resolve("ib_logfile0");
        try (var ch = java.nio.channels.FileChannel.open(log0, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.allocate(1), 8L * 1024 * 1024 - 1);
        }
        assertThat(MariaDbCommands.existingLogFileSize(tmp)).contains("8388608");
        Files.createFile(tmp.resolve("ib_logfile1"));
        assertThat(MariaDbCommands.existingLogFileSize(tmp)).isEmpty();
    }

    @Test
    void aTooLongSocketPathDoesNotFit() {
        assertThat(MariaDbCommands.fitsSocket(Path.of("/tmp/dbrecover-mysql-123/mysqld.sock"))).isTrue();
        assertThat(MariaDbCommands.fitsSocket(Path.of("/tmp/" + "x".repeat(100) + "/mysqld.sock"))).isFalse();
    }

    @Test
    void turnsKnownServerComplaintsIntoHints() {
        assertThat(MariaDbCommands.hintFor(List.of("2026-11-24 15:50:25 0 [ERROR] /usr/sbin/mariadbd: unknown "
                + "variable 'no-such-option=1'"))).hasValueSatisfying(h -> assertThat(h)
                .contains("not known to this MariaDB version", "unknown variable 'no-such-option=1'"));
        assertThat(MariaDbCommands.hintFor(List.of("[ERROR] Fatal error: Please consult the Knowledge Base to find "
                + "out how to run mysqld as root!"))).hasValueSatisfying(h -> assertThat(h).contains("--user=root"));
        assertThat(MariaDbCommands.hintFor(List.of("FATAL ERROR: Could not find /x/bin/my_print_defaults")))
                .hasValueSatisfying(h -> assertThat(h).contains("exec bits"));
        assertThat(MariaDbCommands.hintFor(List.of("[ERROR] mariadbd: Can't lock aria control file "
                + "'/d/aria_log_control' for exclusive use, error: 11. Will retry for 30 seconds")))
                .hasValueSatisfying(h -> assertThat(h).contains("another server"));
        assertThat(MariaDbCommands.hintFor(List.of("[Note] all fine"))).isEmpty();
    }

    @Test
    void knowsWhenThePortWasTaken() {
        assertThat(MariaDbCommands.portTaken(List.of("[ERROR] Can't start server: Bind on TCP/IP port. Got error: "
                + "98: Address already in use"))).isTrue();
        assertThat(MariaDbCommands.portTaken(List.of("[ERROR] Aborting"))).isFalse();
        assertThat(MariaDbCommands.hintFor(List.of("[ERROR] Can't start server: Bind on TCP/IP port. Got error: 98: "
                + "Address already in use"))).hasValueSatisfying(h -> assertThat(h).contains("port is taken"));
    }

    @Test
    void theJdbcUrlPointsAtLoopbackInPlainText() {
        assertThat(MariaDbCommands.jdbcUrl(3307)).startsWith("jdbc:mysql://127.0.0.1:3307/?")
                .contains("sslMode=DISABLED", "characterEncoding=UTF-8");
    }

    @Test
    void initFileMakesOurAccountOnLoopbackOnlyAndRefusesOddPasswords() {
        String sql = MariaDbCommands.initSql("abcDEF012_-abcDEF012_-abcDEF012_");
        assertThat(sql).startsWith("FLUSH PRIVILEGES;\n")
                .contains("CREATE OR REPLACE USER 'dbrecover'@'127.0.0.1' IDENTIFIED BY 'abcDEF012_-abcDEF012_-abcDEF012_';")
                .contains("GRANT ALL PRIVILEGES ON *.* TO 'dbrecover'@'127.0.0.1' WITH GRANT OPTION;");
        assertThat(catchThrowable(() -> MariaDbCommands.initSql("x'; DROP USER root; --")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInitFileIsAnOptionDbrecoverManages() {
        assertThat(catchThrowable(() -> MariaDbCommands.checkedSettings(Map.of("init_file", "/tmp/x.sql"))))
                .isInstanceOf(io.dbrecover.core.api.RecoveryException.class);
    }
}
