package io.dbrecover.postgres.demo;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.demo.StagedDemo;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.core.verify.TableCheck;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.postgres.BackupRequest;
import io.dbrecover.postgres.PostgresBackups;
import io.dbrecover.postgres.PostgresRestore;
import io.dbrecover.postgres.RestoreRequest;
import io.dbrecover.postgres.RestoreTarget;
import io.dbrecover.postgres.model.BackupCompression;
import io.dbrecover.postgres.model.BackupFormat;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The point-in-time demo: a PostgreSQL server with a WAL archive holds a small shop; a base backup is taken
 * ({@code pg_basebackup}, tar and gzip), more orders come in, then someone runs {@code DELETE FROM orders} without a
 * WHERE clause, and the data directory is lost. dbrecover restores the last base backup and replays the archived
 * WAL to the moment just before the DELETE; every table then has exactly the rows (count and ordered row hash) it
 * had before the statement.
 */
public final class PostgresPitrDemo extends StagedDemo<ManagedServer, PostgresPitrDemo.Proof> {
    /** The scenario's name for {@code dbrecover demo}. */
    public static final String NAME = "postgres-pitr";
    private static final int LATE_ORDERS = 250;

    private final PostgresServerProvider provider;
    private Path archive;
    private Path backup;

    /**
     * What the shop held just before the destructive statement, and when that was.
     *
     * @param tables the row counts and ordered row hashes
     * @param before the server's clock after the last good commit, before the DELETE
     */
    record Proof(Map<String, RowHash> tables, String before) {
    }

    public PostgresPitrDemo(PostgresServerProvider provider) {
        super(PostgresServerProvider.ENGINE, NAME, "a PostgreSQL data directory is lost after a DELETE without "
                + "WHERE; the last base backup is restored and the archived WAL replayed to the moment before it");
        this.provider = provider;
    }

    @Override
    protected ManagedServer server(ServerOptions options) {
        Path base = options.baseDir() != null ? options.baseDir() : Path.of(System.getProperty("java.io.tmpdir"));
        OutputFiles files = OutputFiles.withoutSources();
        files.createDirectories(base);
        archive = files.createDirectories(base.resolve("wal-archive"));
        backup = base.resolve("base-backup");
        if (OsUsers.isRoot()) {
            // archive_command runs as the server's user
            String user = options.runAsUser() != null ? options.runAsUser() : "postgres";
            OsUsers.lookup(user).or(() -> OsUsers.lookup("nobody")).ifPresent(u -> OsUsers.chownTree(archive, u));
        }
        return provider.create(options.toBuilder().setting("archive_mode", "on")
                .setting("archive_command", "cp %p " + archive + "/%f").setting("wal_level", "replica").build());
    }

    @Override
    protected boolean keepStagedFiles() {
        // the backup and the archive live next to the lost data directory and must outlive the staging server
        return true;
    }

    @Override
    protected Proof stage(ManagedServer server) throws Exception {
        Endpoint ep = server.endpoint();
        try (Connection c = PostgresServer.connect(ep); Statement st = c.createStatement()) {
            DemoData.create(c);
            c.setAutoCommit(true);
            PostgresBackups.backup(BackupRequest.ofServer(ep, backup).as(BackupFormat.TAR, BackupCompression.GZIP));
            // business goes on after the backup: these orders exist only in the archived WAL
            st.execute("INSERT INTO orders SELECT id + 100000, customer_id, amount, currency, placed_at, shipped_at, "
                    + "comment "
                    + "FROM orders WHERE id <= 1000000 + " + LATE_ORDERS);
            Map<String, RowHash> tables = DemoData.prove(c);
            String before = one(st, "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                    + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
            Thread.sleep(200);
            st.execute("DELETE FROM orders");
            String last = one(st, "SELECT pg_walfile_name(pg_current_wal_lsn())");
            st.execute("SELECT pg_switch_wal()");
            for (int i = 0; i < 600 && !Files.exists(archive.resolve(last)); i++) {
                Thread.sleep(100);
            }
            if (!Files.exists(archive.resolve(last))) {
                throw RecoveryException.of(ErrorCode.INTERNAL, "the demo server did not archive " + last).build();
            }
            return new Proof(tables, before);
        }
    }

    @Override
    protected RecoveryReport recover(DemoContext context, Path lostDataDir, Proof proof) {
        // the disaster: the data directory is gone; the backup and the archive are all that is left
        TempDirs.deleteQuietly(lostDataDir);
        if (Files.exists(lostDataDir)) {
            throw RecoveryException.of(ErrorCode.INTERNAL, "the demo could not remove " + lostDataDir).build();
        }
        Path into = context.baseDir().resolve("restored");
        ServerOptions options = derive(context.serverOptions(), context.baseDir().resolve("servers"), null);
        OutputFiles.withoutSources().createDirectories(context.baseDir().resolve("servers"));
        PostgresRestore.Running[] running = new PostgresRestore.Running[1];
        List<Step> steps = List.of(
                new Step("restore", "the data directory " + lostDataDir + " is lost (deleted): restore " + backup
                        + " and replay " + archive + " to " + proof.before() + ", just before the DELETE", sc -> {
                            running[0] = PostgresRestore.restoreAndKeep(RestoreRequest.builder().backup(backup)
                                    .walArchive(archive).into(into).target(RestoreTarget.time(proof.before()))
                                    .server(options).progress(context.progress()).build());
                            copy(running[0].report(), sc);
                        }),
                new Step("compare", "every table against its rows before the DELETE", sc -> compare(sc,
                        running[0], proof)));
        try {
            return RecoveryRun.builder(PostgresServerProvider.ENGINE, "demo " + NAME).source(backup).source(archive)
                    .workDir(context.baseDir().resolve("demo-run")).progress(context.progress()).build()
                    .execute(new Plan(NAME, backup + " " + proof.before(), steps));
        } finally {
            if (running[0] != null) {
                running[0].close();
            }
        }
    }

    private static void copy(RecoveryReport restore, StepContext sc) {
        restore.findings().forEach(sc::finding);
        restore.verifications().forEach(sc::verification);
        restore.tools().forEach(sc::tool);
        for (ItemResult item : restore.items()) {
            sc.item(new ItemResult("restored " + item.name(), item.status(), item.detail()));
        }
        sc.finding(Finding.info("RESTORE_REPORT", "the restore's own report: " + restore.workDir() + "/"
                + RecoveryRun.REPORT_FILE));
    }

    private static void compare(StepContext sc, PostgresRestore.Running running, Proof proof) throws SQLException {
        Endpoint ep = running.server().endpoint();
        try (Connection c = PostgresServer.connect(ep)) {
            for (Map.Entry<String, RowHash> e : proof.tables().entrySet()) {
                TableCheck.record(sc, "public." + e.getKey(), e.getValue(), () -> DemoData.proveTable(c, e.getKey()),
                        DemoData.orderedQuery(e.getKey()));
            }
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
