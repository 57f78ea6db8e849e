package io.dbrecover.postgres.backup;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.process.Reachability;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.core.workspace.TreeCopy;
import io.dbrecover.postgres.model.BackupCompression;
import io.dbrecover.postgres.model.BackupFormat;
import io.dbrecover.postgres.model.BackupPosition;
import io.dbrecover.postgres.model.BackupResult;
import io.dbrecover.postgres.model.BackupVerification;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Takes a base backup with {@code pg_basebackup}: from a running server, or from a throwaway server started on a
 * copy of a stopped cluster's data directory (the original only read, and inventoried before and after). The
 * password reaches pg_basebackup through a 0600 {@code PGPASSFILE} that is deleted afterwards, never its command
 * line or environment. As root, pg_basebackup runs as the backup's owner ({@code postgres} by default), which is
 * the user a restore's server will run as.
 */
public final class BaseBackupRunner {
    private final BackupJob job;
    private final ProcessRunner runner = new ProcessRunner();

    public BaseBackupRunner(BackupJob job) {
        this.job = job;
    }

    /** Runs the backup (and its verification when asked). */
    public BackupResult run() {
        Path pgdata = job.pgdata() == null ? null : job.pgdata().toAbsolutePath().normalize();
        OutputFiles files = pgdata == null ? OutputFiles.withoutSources() : OutputFiles.outside(List.of(pgdata));
        Path out = files.check(job.out());
        Optional<OsUsers.OsUser> user = runAs();
        Path pgBasebackup = ClientPrograms.find("pg_basebackup", job.serverOptions().binaryDir());
        prepareOut(files, out, user);
        if (pgdata == null) {
            return backUp(job.server(), out, user, pgBasebackup);
        }
        return fromDataDir(pgdata, out, user, pgBasebackup);
    }

    private BackupResult fromDataDir(Path pgdata, Path out, Optional<OsUsers.OsUser> user, Path pgBasebackup) {
        if (!Files.isRegularFile(pgdata.resolve("PG_VERSION"))) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "not a PostgreSQL data directory (no PG_VERSION): "
                    + pgdata).path(pgdata).hint("name the directory that holds PG_VERSION, base/ and global/").build();
        }
        refuseRunning(pgdata);
        Path work = TempDirs.create(job.serverOptions().baseDir(), "pgbackup");
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(pgdata), work, ProgressListener.NONE)) {
            TreeCopy.Result copy = TreeCopy.copy(ws, pgdata, "data", TreeCopy.Links.REFUSE, "a cluster with "
                    + "tablespaces (links in pg_tblspc) or a linked pg_wal cannot be copied safely; start it and "
                    + "back it up through BackupRequest.server", null, ProgressListener.NONE);
            BackupResult result;
            try (ManagedServer server = new PostgresServerProvider(runner).create(job.serverOptions().toBuilder()
                    .dataDir(copy.target()).baseDir(work).build())) {
                server.start();
                result = backUp(server.endpoint(), out, user, pgBasebackup);
            }
            InventoryVerdict verdict = ws.verifySources(ProgressListener.NONE);
            if (!verdict.unchanged()) {
                throw RecoveryException.of(ErrorCode.SOURCE_CHANGED, pgdata + " changed while it was copied ("
                                + String.join(", ", verdict.changed().stream().limit(5).toList())
                                + "); the backup in " + out + " may not match it")
                        .path(pgdata).hint("stop whatever writes to it and take the backup again").build();
            }
            return result;
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }

    private BackupResult backUp(Endpoint server, Path out, Optional<OsUsers.OsUser> user, Path pgBasebackup) {
        Map<String, String> tablespaces = new LinkedHashMap<>();
        String serverVersion = inspect(server, tablespaces);
        List<String> command = new ArrayList<>(List.of(pgBasebackup.toString(), "-h", server.host(), "-p",
                Integer.toString(server.port()), "-U", server.user() == null ? "postgres" : server.user(),
                "-D", out.toString(), "-F", job.format() == BackupFormat.TAR ? "t" : "p", "-X", "stream",
                "--checkpoint=fast", "--no-password", "--manifest-checksums=CRC32C"));
        if (job.compression() != BackupCompression.NONE) {
            command.add("--compress=client-" + job.compression().pgName());
        }
        List<Path> tablespaceDirs = new ArrayList<>();
        if (job.format() == BackupFormat.PLAIN) {
            for (Map.Entry<String, String> ts : tablespaces.entrySet()) {
                // a plain backup would otherwise write into the tablespace's own directory
                Path dir = out.resolve("pg_tblspc_data").resolve(ts.getKey());
                tablespaceDirs.add(dir);
                command.add("--tablespace-mapping=" + ts.getValue().replace("=", "\\=") + "="
                        + dir.toString().replace("=", "\\="));
            }
        }
        Path secrets = null;
        ProcessSpec.Builder spec = ProcessSpec.of(command).cleanEnvironment(true).env("LC_ALL", "C")
                .env("PGAPPNAME", "dbrecover-backup").timeout(job.timeout()).logName("pg_basebackup")
                .runAsUser(user.map(OsUsers.OsUser::name).orElse(null)).tailLines(40);
        ProcessResult result;
        try {
            if (server.password() != null) {
                secrets = TempDirs.create(job.serverOptions().baseDir(), "pgpass");
                Path dir = Secrets.privateDir(secrets.resolve("private"));
                Path pgpass = Secrets.writePrivateFile(dir.resolve("pgpass"), PgPass.line(server));
                Path owned = secrets;
                user.ifPresent(u -> OsUsers.chownTree(owned, u));
                spec.env("PGPASSFILE", pgpass.toString());
            }
            result = runner.run(spec.build());
        } catch (RecoveryException e) {
            throw RecoveryException.of(e.code(), "pg_basebackup could not back up " + server.host() + ":"
                            + server.port() + ": " + e.getMessage()).path(out)
                    .hint("see its last output below; the user needs the REPLICATION privilege and a pg_hba.conf "
                            + "line for replication connections").outputTail(e.outputTail()).cause(e).build();
        } finally {
            if (secrets != null) {
                TempDirs.deleteQuietly(secrets);
            }
        }
        relinkTablespaces(out, tablespaces.keySet());
        BackupVerification verification = job.verify()
                ? new BackupVerifier(out, null, true, 0).verify() : null;
        BackupPosition position = verification != null ? verification.position()
                : new BackupVerifier(out, null, false, 0).position();
        return new BackupResult(out, job.format(), job.compression(), topFiles(out), tablespaceDirs, serverVersion,
                toolVersion(pgBasebackup), user.map(OsUsers.OsUser::name).orElse(null), position,
                result.duration(), verification);
    }

    /**
     * Points each tablespace link of a plain backup at its directory inside the backup by a relative path, so that a
     * copy of the backup (cp -a, rsync) reads its own tablespaces, not the original's.
     */
    private static void relinkTablespaces(Path out, java.util.Set<String> oids) {
        if (!Files.isDirectory(out.resolve("pg_tblspc_data"))) {
            return;
        }
        OutputFiles files = OutputFiles.withoutSources();
        for (String oid : oids) {
            Path link = out.resolve("pg_tblspc").resolve(oid);
            if (Files.isSymbolicLink(link)) {
                files.delete(link);
                try {
                    Files.createSymbolicLink(link, Path.of("..", "pg_tblspc_data", oid));
                } catch (IOException e) {
                    throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot relink " + link + ": " + e.getMessage())
                            .path(link).cause(e).build();
                }
            }
        }
    }

    /** The server's version and its tablespaces (OID to location), through JDBC. */
    private static String inspect(Endpoint server, Map<String, String> tablespaces) {
        try (Connection c = PostgresServer.connect(server); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT oid, pg_tablespace_location(oid) FROM pg_tablespace "
                    + "WHERE spcname NOT IN ('pg_default', 'pg_global') ORDER BY oid")) {
                while (rs.next()) {
                    tablespaces.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT current_setting('server_version')")) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "cannot connect to " + server.host() + ":"
                            + server.port() + " as " + server.user() + ": " + e.getMessage())
                    .hint("check the host, port, user and password (BackupRequest.server)").cause(e).build();
        }
    }

    private Optional<OsUsers.OsUser> runAs() {
        if (!OsUsers.isRoot()) {
            if (job.osUser() != null && !job.osUser().equals(System.getProperty("user.name"))) {
                throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "BackupRequest.osUser " + job.osUser()
                        + " needs root: this process runs as " + System.getProperty("user.name"))
                        .hint("leave BackupRequest.osUser unset, or run as root").build();
            }
            return Optional.empty();
        }
        if (job.osUser() != null) {
            return Optional.of(OsUsers.lookup(job.osUser()).orElseThrow(() -> RecoveryException.of(ErrorCode.USAGE,
                    "BackupRequest.osUser: no such user: " + job.osUser()).build()));
        }
        return OsUsers.lookup("postgres");
    }

    private static void prepareOut(OutputFiles files, Path out, Optional<OsUsers.OsUser> user) {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw RecoveryException.of(ErrorCode.USAGE, "BackupRequest.out is not a directory: " + out).path(out)
                        .hint("name a new or empty directory").build();
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw RecoveryException.of(ErrorCode.USAGE, "BackupRequest.out is not empty: " + out).path(out)
                            .hint("name a new or empty directory: a backup is never mixed with other files").build();
                }
            } catch (IOException | UncheckedIOException e) {
                throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list " + out + ": " + e.getMessage())
                        .path(out).cause(e).build();
            }
        }
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
            files.createDirectories(out.getParent());
        }
        files.createPrivateDirectory(out);
        user.ifPresent(u -> {
            Reachability.require("pg_basebackup", u, List.of(out.getParent()));
            OsUsers.chownTree(out, u);
        });
    }

    private static List<String> topFiles(Path out) {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private String toolVersion(Path program) {
        try {
            return runner.run(ProcessSpec.of(program.toString(), "--version").timeout(Duration.ofSeconds(30))
                    .build()).output().trim();
        } catch (RecoveryException e) {
            return null;
        }
    }

    /** A live postmaster on the original: its copy would be torn, and its own server is the one to back up. */
    private static void refuseRunning(Path pgdata) {
        Path pid = pgdata.resolve("postmaster.pid");
        if (!Files.isRegularFile(pid)) {
            return;
        }
        try {
            String first = Files.readAllLines(pid).stream().findFirst().orElse("").trim();
            long p = Long.parseLong(first);
            if (ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)) {
                throw RecoveryException.of(ErrorCode.USAGE, "a PostgreSQL server (pid " + p + ") is running on "
                                + pgdata + "; a copy of a running cluster's files is no backup").path(pgdata)
                        .hint("back up the running server through its connection (BackupRequest.server), or stop it "
                                + "first").build();
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable or odd pid file is the throwaway server's to judge
        }
    }
}
