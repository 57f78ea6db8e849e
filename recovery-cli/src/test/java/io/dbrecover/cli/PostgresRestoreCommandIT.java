package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code postgres restore} as a user runs it: a real backup and archive, text and JSON, exit 0 and exit 4. */
@RequiresServer(value = "postgres", origin = "system")
class PostgresRestoreCommandIT {
    @Test
    void restoresToARestorePointAndFailsWithExitFourForATargetBeyondTheArchive() throws Exception {
        Path base = TempDirs.create(null, "pg-restore-cli-it");
        try {
            Path archive = Files.createDirectories(base.resolve("archive"));
            OsUsers.lookup("postgres").ifPresent(u -> OsUsers.chownTree(archive, u));
            Path backup = base.resolve("backup");
            try (ManagedServer server = Engines.byId("postgres").servers().orElseThrow().create(ServerOptions
                    .builder().origin(BinaryOrigin.SYSTEM).baseDir(base).setting("archive_mode", "on")
                    .setting("archive_command", "cp %p " + archive + "/%f").build())) {
                server.start();
                Endpoint ep = server.endpoint();
                Path pw = base.resolve("pw");
                Files.writeString(pw, ep.password() + "\n");
                Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
                Properties p = new Properties();
                p.setProperty("user", ep.user());
                p.setProperty("password", ep.password());
                try (Connection c = DriverManager.getConnection(ep.url(), p); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE t (id int PRIMARY KEY)");
                    st.execute("INSERT INTO t SELECT generate_series(1, 1000)");
                    CliTest.Run b = CliTest.run("postgres", "backup", "--jdbc-url", "jdbc:postgresql://127.0.0.1:"
                                    + ep.port() + "/postgres?user=" + ep.user(), "--password-file", pw.toString(),
                            "--out", backup.toString(), "--format", "tar", "--compress", "gzip");
                    assertThat(b.exit()).as(b.err()).isZero();
                    st.execute("INSERT INTO t SELECT generate_series(1001, 1234)");
                    st.execute("SELECT pg_create_restore_point('cli_point')");
                    st.execute("TRUNCATE t");
                    String last;
                    try (ResultSet rs = st.executeQuery("SELECT pg_walfile_name(pg_current_wal_lsn())")) {
                        rs.next();
                        last = rs.getString(1);
                    }
                    st.execute("SELECT pg_switch_wal()");
                    for (int i = 0; i < 300 && !Files.exists(archive.resolve(last)); i++) {
                        Thread.sleep(100);
                    }
                }
            }

            CliTest.Run text = CliTest.run("postgres", "restore", "--backup", backup.toString(), "--wal-archive",
                    archive.toString(), "--into", base.resolve("r1").toString(), "--target-name", "cli_point");
            assertThat(text.exit()).as(text.out() + text.err()).isZero();
            assertThat(text.out()).contains("VERIFIED", "postgres.public.t", "1234 rows",
                    "recovery stopping at restore point");

            CliTest.Run json = CliTest.run("postgres", "restore", "--backup", backup.toString(), "--wal-archive",
                    archive.toString(), "--into", base.resolve("r2").toString(), "--target-lsn", "FF/0", "--json");
            assertThat(json.exit()).as(json.out() + json.err()).isEqualTo(4);
            JsonNode report = Json.mapper().readTree(json.out());
            assertThat(report.get("outcome").asText()).isNotEqualTo("VERIFIED");
            assertThat(json.err()).contains("ended before the recovery target was reached").doesNotContain("\tat ");
        } finally {
            TempDirs.deleteQuietly(base);
        }
    }
}
