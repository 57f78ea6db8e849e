package io.dbrecover.postgres.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.postgres.PostgresRestore;
import io.dbrecover.postgres.RestoreRequest;
import io.dbrecover.postgres.RestoreTarget;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL 14 cluster (zonky's binaries, fetched into the local Maven repository by the build), backed up with
 * Debian's PostgreSQL 15 {@code pg_basebackup}, restored on a server of its own major version: the system's 15
 * would refuse its data directory.
 */
@RequiresServer("postgres")
class PostgresVersionMatchIT {
    private Path base;

    @BeforeEach
    void createBase() {
        base = TempDirs.create(null, "pg-version-it");
    }

    @AfterEach
    void removeBase() {
        TempDirs.deleteQuietly(base);
    }

    @Test
    void restoresAPostgres14BackupOnAPostgres14Server() throws Exception {
        Path jar = ServerChoice.localRepositoryJar("14").orElseThrow(() -> new AssertionError("zonky's PostgreSQL "
                + "14 is not in the local Maven repository; the build's dependency:copy fetches it"));
        Path bin14 = ServerChoice.unpack(jar);
        Path archive = Files.createDirectories(base.resolve("archive"));
        OsUsers.chownTree(archive, OsUsers.lookup("postgres").orElseThrow());
        Path backup = base.resolve("backup");
        ServerOptions options = ServerOptions.builder().baseDir(base).binaryDir(bin14).setting("archive_mode", "on")
                .setting("archive_command", "cp %p " + archive + "/%f").build();
        try (ManagedServer src = new PostgresServerProvider().create(options)) {
            src.start();
            assertThat(src.info().version()).startsWith("14.");
            Endpoint ep = src.endpoint();
            try (Connection c = PostgresServer.connect(ep); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
                st.execute("INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 30000) g");
            }
            new ProcessRunner().run(ProcessSpec.of("/usr/lib/postgresql/15/bin/pg_basebackup", "-h", ep.host(), "-p",
                    Integer.toString(ep.port()), "-U", ep.user(), "--checkpoint=fast", "-D", backup.toString(), "-Fp",
                    "-Xs").env("PGPASSWORD", ep.password()).build());
            try (Connection c = PostgresServer.connect(ep); Statement st = c.createStatement()) {
                st.execute("INSERT INTO t SELECT g, 'late' FROM generate_series(30001, 31234) g");
                st.execute("SELECT pg_create_restore_point('after_late_rows')");
                st.execute("DELETE FROM t");
                String last;
                try (ResultSet rs = st.executeQuery("SELECT pg_walfile_name(pg_current_wal_lsn())")) {
                    rs.next();
                    last = rs.getString(1);
                }
                st.execute("SELECT pg_switch_wal()");
                for (int i = 0; i < 300 && !Files.exists(archive.resolve(last)); i++) {
                    Thread.sleep(100);
                }
                assertThat(archive.resolve(last)).exists();
            }
        }
        assertThat(Files.readString(backup.resolve("PG_VERSION")).trim()).isEqualTo("14");
        SourceSnapshot backupBefore = SourceSnapshot.of(backup);
        SourceSnapshot archiveBefore = SourceSnapshot.of(archive);

        RecoveryReport r = PostgresRestore.restore(RestoreRequest.builder().backup(backup).walArchive(archive)
                .into(base.resolve("restored")).target(RestoreTarget.name("after_late_rows"))
                .server(ServerOptions.builder().baseDir(base).build()).build());

        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.VERIFIED);
        assertThat(r.findings()).anyMatch(f -> f.code().equals("SERVER") && f.message().contains("PostgreSQL 14")
                && f.message().contains("local Maven repository"));
        assertThat(r.tools()).anyMatch(t -> t.name().equals("postgres") && t.version().startsWith("14."));
        assertThat(r.verifications()).anyMatch(v -> v.item().equals("postgres.public.t")
                && v.check().equals("heap-row-count") && v.actual().equals("31234 rows"));
        assertThat(r.verifications()).noneMatch(v -> !v.passed());
        assertThat(backupBefore.compareNow().unchanged()).isTrue();
        assertThat(archiveBefore.compareNow().unchanged()).isTrue();
    }
}
