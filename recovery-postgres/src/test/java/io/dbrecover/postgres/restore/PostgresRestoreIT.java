package io.dbrecover.postgres.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One source cluster (an archive, three databases, a table in its own tablespace, 250 000 rows), a tar+gzip and a
 * plain backup, then named changes after them; every target restored with the exact row counts the source had at
 * that moment, from either format.
 */
@RequiresServer("postgres")
class PostgresRestoreIT {
    private static Path base;
    private static Path archive;
    private static Path tarBackup;
    private static Path plainBackup;
    private static Path plainTablespace;
    private static String timeAfterInsert;
    private static String lsnBeforeTruncate;
    private static String truncateXid;
    private static SourceSnapshot tarBefore;
    private static SourceSnapshot plainBefore;
    private static SourceSnapshot plainTsBefore;
    private static SourceSnapshot archiveBefore;

    /** orders, items (tablespace ts1), notes: counts at the backup. */
    private static final Map<String, Long> AT_BACKUP = counts(200_000, 50_000, 1_000);
    /** After 1000 more orders (the time, LSN and name targets). */
    private static final Map<String, Long> AFTER_INSERT = counts(201_000, 50_000, 1_000);
    /** After the TRUNCATE of items (the xid target, inclusive). */
    private static final Map<String, Long> AFTER_TRUNCATE = counts(201_000, 0, 1_000);
    /** After DELETE of 500 orders: the end of the WAL. */
    private static final Map<String, Long> AT_END = counts(200_500, 0, 1_000);

    @BeforeAll
    static void sourceClusterAndBackups() throws Exception {
        base = TempDirs.create(null, "pg-restore-it");
        archive = base.resolve("archive");
        Path ts = base.resolve("ts1");
        Files.createDirectories(archive);
        Files.createDirectories(ts);
        OsUsers.OsUser pg = OsUsers.lookup("postgres").orElseThrow();
        OsUsers.chownTree(archive, pg);
        OsUsers.chownTree(ts, pg);
        ServerOptions options = ServerOptions.builder().baseDir(base).setting("archive_mode", "on")
                .setting("archive_command", "cp %p " + archive + "/%f").setting("wal_level", "replica").build();
        try (ManagedServer src = new PostgresServerProvider().create(options)) {
            src.start();
            try (Connection c = PostgresServer.connect(src.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE shop");
                st.execute("CREATE DATABASE other");
                st.execute("CREATE TABLESPACE ts1 LOCATION '" + ts + "'");
            }
            try (Connection c = connect(src, "shop"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE orders (id int PRIMARY KEY, v text)");
                st.execute("INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 200000) g");
                st.execute("CREATE TABLE items (id int PRIMARY KEY, n int) TABLESPACE ts1");
                st.execute("INSERT INTO items SELECT g, g % 7 FROM generate_series(1, 50000) g");
            }
            try (Connection c = connect(src, "other"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE notes (id serial PRIMARY KEY, t text)");
                st.execute("INSERT INTO notes (t) SELECT 'note ' || g FROM generate_series(1, 1000) g");
            }
            int port = src.endpoint().port();
            tarBackup = base.resolve("backup-tar");
            plainBackup = base.resolve("backup-plain");
            plainTablespace = base.resolve("backup-plain-ts1");
            basebackup(src, List.of("-D", tarBackup.toString(), "-Ft", "-z", "-Xs"), port);
            basebackup(src, List.of("-D", plainBackup.toString(), "-Fp", "-Xs", "-T", ts + "=" + plainTablespace),
                    port);
            try (Connection c = connect(src, "shop"); Statement st = c.createStatement()) {
                st.execute("INSERT INTO orders SELECT g, 'late ' || g FROM generate_series(200001, 201000) g");
                timeAfterInsert = one(st, "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
                Thread.sleep(300);
                st.execute("SELECT pg_create_restore_point('before_truncate')");
                lsnBeforeTruncate = one(st, "SELECT pg_current_wal_lsn()");
                c.setAutoCommit(false);
                truncateXid = one(st, "SELECT txid_current()");
                st.execute("TRUNCATE items");
                c.commit();
                c.setAutoCommit(true);
                Thread.sleep(300);
                st.execute("DELETE FROM orders WHERE id <= 500");
                String last = one(st, "SELECT pg_walfile_name(pg_current_wal_lsn())");
                st.execute("SELECT pg_switch_wal()");
                awaitArchived(st, last);
            }
        }
        tarBefore = SourceSnapshot.of(tarBackup);
        plainBefore = SourceSnapshot.of(plainBackup);
        plainTsBefore = SourceSnapshot.of(plainTablespace);
        archiveBefore = SourceSnapshot.of(archive);
    }

    @AfterAll
    static void removeBase() {
        TempDirs.deleteQuietly(base);
    }

    @AfterEach
    void sourcesAreUnchanged() {
        assertThat(tarBefore.compareNow().unchanged()).isTrue();
        assertThat(plainBefore.compareNow().unchanged()).isTrue();
        assertThat(plainTsBefore.compareNow().unchanged()).isTrue();
        assertThat(archiveBefore.compareNow().unchanged()).isTrue();
    }

    @Test
    void restoresTheTarBackupToARestorePoint() {
        RecoveryReport r = restore(tarBackup, "name", RestoreTarget.name("before_truncate"));
        assertCounts(r, AFTER_INSERT);
        assertThat(r.findings()).anyMatch(f -> f.message().contains("recovery stopping at restore point"));
    }

    @Test
    void restoresThePlainBackupToAnLsnWithItsTablespace() {
        RecoveryReport r = restore(plainBackup, "lsn", RestoreTarget.lsn(lsnBeforeTruncate));
        assertCounts(r, AFTER_INSERT);
        assertThat(r.findings()).anyMatch(f -> f.code().equals("TABLESPACE"));
    }

    @Test
    void restoresTheTarBackupToATime() {
        assertCounts(restore(tarBackup, "time", RestoreTarget.time(timeAfterInsert)), AFTER_INSERT);
    }

    @Test
    void restoresThePlainBackupToATransactionInclusive() {
        assertCounts(restore(plainBackup, "xid", RestoreTarget.xid(truncateXid)), AFTER_TRUNCATE);
    }

    @Test
    void restoresTheTarBackupToItsOwnEndWithTargetImmediateAndKeepsItsServerRunning() throws Exception {
        ManagedServer server;
        try (PostgresRestore.Running running = PostgresRestore.restoreAndKeep(request(tarBackup,
                base.resolve("r-immediate"), RestoreTarget.immediate()))) {
            assertThat(running.report().outcome()).isEqualTo(Outcome.VERIFIED);
            assertCounts(running.report(), AT_BACKUP);
            server = running.server();
            assertThat(server.isRunning()).isTrue();
            try (Connection c = connect(server, "shop"); Statement st = c.createStatement()) {
                assertThat(one(st, "SELECT count(*) FROM orders")).isEqualTo("200000");
                assertThat(one(st, "SELECT pg_is_in_recovery()")).isEqualTo("f");
            }
        }
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void restoresBothFormatsToTheEndOfTheArchive() {
        assertCounts(restore(plainBackup, "latest-plain", RestoreTarget.latest()), AT_END);
        assertCounts(restore(tarBackup, "latest-tar", RestoreTarget.latest()), AT_END);
    }

    @Test
    void refusesATargetBeforeTheBackupsEnd() {
        Path into = base.resolve("r-before");
        assertThatThrownBy(() -> PostgresRestore.restore(request(tarBackup, into,
                RestoreTarget.time(Instant.parse("2001-01-01T00:00:00Z")))))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).contains("before the backup's end");
                });
        assertThat(into.resolve("data")).doesNotExist();
    }

    @Test
    void reportsATargetAfterTheArchivedWalAsFailedNeverAsSuccess() {
        Path into = base.resolve("r-after");
        assertThatThrownBy(() -> PostgresRestore.restore(request(plainBackup, into, RestoreTarget.lsn("FF/0"))))
                .isInstanceOfSatisfying(RecoveryRun.RecoveryAbortedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                    assertThat(e.report().outcome()).isNotEqualTo(Outcome.VERIFIED);
                    assertThat(e.report().exitCode()).isEqualTo(4);
                    assertThat(e.report().verifications()).anyMatch(v -> v.check().equals("recovery-ended")
                            && !v.passed());
                });
    }

    private static RecoveryReport restore(Path backup, String name, RestoreTarget target) {
        RecoveryReport r = PostgresRestore.restore(request(backup, base.resolve("r-" + name), target));
        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.VERIFIED);
        assertThat(r.sourcesVerdict().unchanged()).isTrue();
        assertThat(r.verifications()).filteredOn(v -> v.check().equals("recovery-target")).singleElement()
                .satisfies(v -> assertThat(v.passed()).isTrue());
        assertThat(r.verifications()).noneMatch(v -> !v.passed());
        return r;
    }

    private static RestoreRequest request(Path backup, Path into, RestoreTarget target) {
        return RestoreRequest.builder().backup(backup).walArchive(archive).into(into).target(target)
                .server(ServerOptions.builder().baseDir(base).build()).build();
    }

    private static void assertCounts(RecoveryReport r, Map<String, Long> expected) {
        Map<String, Long> found = new LinkedHashMap<>();
        for (Verification v : r.verifications()) {
            if (v.check().equals("heap-row-count") && expected.containsKey(v.item())) {
                found.put(v.item(), Long.parseLong(v.actual().replace(" rows", "")));
            }
        }
        assertThat(found).isEqualTo(expected);
        assertThat(r.verifications()).filteredOn(v -> v.check().startsWith("index-row-count")).hasSize(3)
                .allMatch(Verification::passed);
        // Debian's postgresql-15 ships amcheck: every primary key checked against its heap
        assertThat(r.verifications()).filteredOn(v -> v.check().startsWith("bt_index_check")).hasSize(3)
                .allMatch(Verification::passed);
    }

    private static Map<String, Long> counts(long orders, long items, long notes) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("shop.public.orders", orders);
        m.put("shop.public.items", items);
        m.put("other.public.notes", notes);
        return m;
    }

    private static void basebackup(ManagedServer src, List<String> args, int port) {
        List<String> cmd = new java.util.ArrayList<>(List.of(src.info().binDir().resolve("pg_basebackup").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", src.endpoint().user(), "--checkpoint=fast"));
        cmd.addAll(args);
        new ProcessRunner().run(ProcessSpec.of(cmd).env("PGPASSWORD", src.endpoint().password()).build());
    }

    private static Connection connect(ManagedServer s, String db) throws SQLException {
        var ep = s.endpoint();
        return PostgresServer.connect(new io.dbrecover.core.server.Endpoint(ep.host(), ep.port(),
                "jdbc:postgresql://" + ep.host() + ":" + ep.port() + "/" + db, ep.user(), ep.password()));
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void awaitArchived(Statement st, String segment) throws Exception {
        for (int i = 0; i < 300; i++) {
            String last = one(st, "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver");
            if (last.compareTo(segment) >= 0 && last.length() == 24) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("WAL segment " + segment + " was not archived");
    }
}
