package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerSlot;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MariaDB whose data directory lives in the work dir, so that a second run resumes with the tables the
 * first one finished. Every table in it is recover's own.
 */
final class ThrowawayTarget extends Target {
    /** Where the throwaway server lives in the work dir (the dump's client files go there too). */
    static final String SERVER_DIR = "server";
    private static final String DATADIR_MARKER = "datadir.path";

    private final ServerOptions server;
    private final MariaDbServerProvider provider;
    private final ServerSlot<MariaDbServer> slot = new ServerSlot<>();

    ThrowawayTarget(ServerOptions server, MariaDbServerProvider provider) {
        this.server = server;
        this.provider = provider;
    }

    @Override
    Step ready(Assessment.Result assessed) {
        int pageSize = assessed.pageSize();
        return Step.rerunOnResume("start-server", "start the throwaway MariaDB whose data directory is kept "
                + "in the work dir" + (pageSize == 16384 ? "" : ", initialised with innodb_page_size="
                + pageSize), sc -> start(sc, pageSize));
    }

    @Override
    String createDatabasesDescription() {
        return "create the databases";
    }

    @Override
    void createDatabases(List<Scan.Database> databases) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (Scan.Database db : databases) {
                st.execute(TransplantSql.createDatabase(db));
            }
        }
    }

    @Override
    List<Step> afterTables() {
        return List.of();
    }

    @Override
    List<Step> atEnd() {
        return List.of(new Step("stop-server", "stop the throwaway server (its data directory stays in the work "
                + "dir)", sc -> slot.running().stop()));
    }

    /** Anything of that name goes first: the server is recover's own. */
    @Override
    void createOwn(Connection c, String database, String table, String createSql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TransplantSql.qualified(database, table));
            st.execute(createSql);
        }
    }

    @Override
    void dropOwn(Connection c, String database, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TransplantSql.qualified(database, table));
        }
    }

    @Override
    boolean mayDrop(String database, String table) {
        return true;
    }

    /** Into the work dir, where the server's data directory is. */
    @Override
    void place(Path file, Path target, StepContext sc) {
        sc.workspace().copyIn(file, sc.workDir().relativize(target).toString());
    }

    @Override
    public void close() {
        slot.close();
    }

    private void start(StepContext sc, int pageSize) throws IOException {
        Path serverDir = sc.workspace().dir(SERVER_DIR);
        Path marker = serverDir.resolve(DATADIR_MARKER);
        ServerOptions.Builder options = server.toBuilder().baseDir(serverDir).keepFiles(true);
        if (pageSize != 16384) {
            // a page size only takes when the data directory is made; a resumed run's server was made with it
            options.setting("innodb_page_size", Integer.toString(pageSize));
        }
        Optional<Path> existing = Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(keptDataDir(sc, serverDir, marker)) : Optional.empty();
        removeStaleSecrets(serverDir);
        if (existing.isPresent() && Files.isDirectory(existing.get())) {
            stopLeftover(serverDir, existing.get(), sc);
            options.dataDir(existing.get());
        }
        MariaDbServer server = provider.createServer(options.build());
        slot.set(server);
        server.start();
        ServerInfo info = server.info();
        readied(server.endpoint(), info.dataDir());
        if (existing.isEmpty()) {
            sc.workspace().files().write(marker, info.dataDir().toString() + "\n");
        }
        sc.tool(new ToolVersion(server.installation().server().getFileName().toString(), info.version(),
                server.installation().server().toString(), info.origin().label()));
        sc.finding(Finding.info("TARGET_SERVER", "throwaway MariaDB " + info.version() + " on "
                + server.endpoint().host() + ":" + server.endpoint().port() + ", data directory " + info.dataDir()
                + " (kept in the work dir)"));
    }

    /**
     * Password files an earlier run left (its init files, the client option files of its dump): the JVM's
     * watchdog removes them when the JVM dies, so only a run whose watchdog died too leaves any.
     */
    private static void removeStaleSecrets(Path serverDir) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(serverDir)) {
            for (Path d : dirs) {
                Secrets.deleteQuietly(d.resolve("private").resolve("init.sql"));
            }
        }
        Path clientDir = serverDir.resolve("client");
        if (Files.isDirectory(clientDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(clientDir, "client-*.cnf")) {
                for (Path f : files) {
                    Secrets.deleteQuietly(f);
                }
            }
        }
    }

    /**
     * The data directory an earlier run's server kept, as its marker names it: only a directory of that server, in
     * the work dir, holding no link and no hard-linked file (the server writes wherever they lead).
     */
    private static Path keptDataDir(StepContext sc, Path serverDir, Path marker) throws IOException {
        Path named = Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip()).toAbsolutePath().normalize();
        if (!named.startsWith(serverDir) || named.equals(serverDir)) {
            throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, marker + " names " + named + " as the data "
                            + "directory of an earlier run, which is not in " + serverDir + "; the throwaway server "
                            + "only ever works in the work dir").path(marker)
                    .hint("start over with a new RecoverRequest.workDir").build();
        }
        return sc.workspace().files().checkTree(named);
    }

    /**
     * A run killed with SIGKILL has its servers stopped by the JVM's watchdog; if the watchdog died too, its server
     * still runs on the work dir's data directory, and a resumed run stops it first. Only a process whose command
     * line names this data directory is touched.
     */
    private static void stopLeftover(Path serverDir, Path dataDir, StepContext sc) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(serverDir)) {
            for (Path d : dirs) {
                Path pidFile = d.resolve("mysqld.pid");
                if (!Files.isRegularFile(pidFile)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
                } catch (NumberFormatException e) {
                    continue;
                }
                Optional<ProcessHandle> p = ProcessHandle.of(pid);
                Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
                if (p.isEmpty() || !Files.isReadable(cmdline)) {
                    continue;
                }
                String cmd = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
                if (!cmd.contains("--datadir=" + dataDir)) {
                    continue;
                }
                sc.finding(Finding.warning("LEFTOVER_SERVER_STOPPED", "stopped the throwaway server (pid " + pid
                        + ") an earlier, killed run left running on " + dataDir, null));
                p.get().destroyForcibly();
                try {
                    p.get().onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw RecoveryException.of(ErrorCode.SERVER_START_FAILED, "the server an earlier run left "
                            + "running (pid " + pid + ") does not stop").hint("kill it: kill -9 " + pid).build();
                }
            }
        }
    }
}
