package io.dbrecover.postgres.server;

import static io.dbrecover.postgres.server.ServerAssertions.assertGone;
import static io.dbrecover.postgres.server.ServerAssertions.assertOnlyThePasswordGetsIn;
import static io.dbrecover.postgres.server.ServerAssertions.assertSecretHidden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.testkit.LogCapture;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RequiresServer("postgres")
class PostgresExistingDataDirIT {
    private final PostgresServerProvider provider = new PostgresServerProvider();
    // not @TempDir: that is 0700, and the server's user must be able to traverse it
    private Path base;

    @BeforeEach
    void createBase() {
        base = TempDirs.create(null, "postgres-it");
    }

    @AfterEach
    void removeBase() {
        TempDirs.deleteQuietly(base);
    }

    @Test
    void startsOnACopyOfAStoppedServersDataDirectoryWithAStalePidFile() throws Exception {
        Path original;
        try (ManagedServer first = provider.create(ServerOptions.builder().baseDir(base).keepFiles(true).build())) {
            first.start();
            try (Connection c = PostgresServer.connect(first.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
                st.execute("INSERT INTO t SELECT g, 'zeile ' || g FROM generate_series(1, 500) g");
            }
            original = first.info().dataDir();
        }
        assertThat(original.resolve("PG_VERSION")).as("kept by keepFiles").exists();
        Path copy = base.resolve("copy");
        copyTree(original, copy);
        // as found on a disk taken from a crashed machine: the pid file of a server long gone
        Files.writeString(copy.resolve("postmaster.pid"), "999999\n" + original + "\n1700000000\n5432\n");
        SourceSnapshot originalBefore = SourceSnapshot.of(original);

        long pid;
        Path serverTemp;
        try (ManagedServer server = provider.create(ServerOptions.builder().baseDir(base).dataDir(copy).build())) {
            server.start();
            pid = server.info().pid();
            assertThat(server.info().dataDir()).isEqualTo(copy);
            try (var children = Files.list(base)) {
                serverTemp = children.filter(p -> p.getFileName().toString().startsWith("dbrecover-postgres-"))
                        .filter(p -> !original.startsWith(p)).findFirst().orElseThrow();
            }
            assertThat(serverTemp.resolve("conf/pg_hba.conf")).exists();
            try (Connection c = PostgresServer.connect(server.endpoint()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), max(v), current_setting('archive_mode'), "
                         + "current_setting('config_file') FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(500);
                assertThat(rs.getString(2)).isEqualTo("zeile 99");
                assertThat(rs.getString(3)).isEqualTo("off");
                assertThat(rs.getString(4)).isEqualTo(serverTemp.resolve("conf/postgresql.conf").toString());
            }
        }
        assertGone(pid, serverTemp);
        assertThat(copy.resolve("PG_VERSION")).as("an existing data directory is never deleted").exists();
        assertThat(copy.resolve("postmaster.pid")).doesNotExist();
        assertThat(originalBefore.compareNow().unchanged()).as("the original was not touched").isTrue();
    }

    @Test
    void refusesADataDirectoryOfAnotherMajorVersionAndSaysWhatToInstall() throws IOException {
        Path old = Files.createDirectories(base.resolve("pg96"));
        Files.writeString(old.resolve("PG_VERSION"), "9.6\n");
        try (ManagedServer server = provider.create(ServerOptions.builder().baseDir(base).dataDir(old).build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BINARY_NOT_FOUND);
                assertThat(e.getMessage()).contains("PostgreSQL 9.6");
                assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("postgresql-9.6"));
            });
        }
        assertThat(old.resolve("PG_VERSION")).exists();
    }

    @Test
    void refusesADirectoryThatIsNotADataDirectory() throws IOException {
        Path empty = Files.createDirectories(base.resolve("empty"));
        try (ManagedServer server = provider.create(ServerOptions.builder().baseDir(base).dataDir(empty).build())) {
            assertThatThrownBy(server::start).isInstanceOfSatisfying(RecoveryException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT));
        }
    }

    @Test
    void refusesTheDataDirectoryOfARunningServer() {
        try (ManagedServer live = provider.create(ServerOptions.builder().baseDir(base).build())) {
            live.start();
            Path dataDir = live.info().dataDir();
            try (ManagedServer second = provider.create(ServerOptions.builder().baseDir(base).dataDir(dataDir).build())) {
                assertThatThrownBy(second::start).isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).contains("is running on " + dataDir);
                });
            }
            assertThat(live.isRunning()).isTrue();
            assertThat(dataDir.resolve("postmaster.pid")).exists();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Test
    void anExistingDataDirectoryGetsAThrowawayRoleThatIsRemovedAtStop() throws Exception {
        Path dataDir;
        String firstPassword;
        try (PostgresServer first = (PostgresServer) provider.create(ServerOptions.builder().baseDir(base).keepFiles(true)
                .build())) {
            first.start();
            dataDir = first.info().dataDir();
            firstPassword = first.endpoint().password();
        }
        try (LogCapture logs = new LogCapture(); PostgresServer again = (PostgresServer) provider.create(ServerOptions.builder()
                .baseDir(base).dataDir(dataDir).build())) {
            again.start();
            Endpoint ep = again.endpoint();
            assertThat(ep.user()).isEqualTo(PostgresAuth.ROLE);
            assertThat(ep.password()).isNotEqualTo(firstPassword);
            assertOnlyThePasswordGetsIn(ep);
            assertSecretHidden(again, logs.text());
            again.stop();
            assertThat(logs.text()).doesNotContain("could not remove the role");
        }
        // the cluster's own superuser still has its own password, and our role is gone
        try (PostgresServer check = (PostgresServer) provider.create(ServerOptions.builder().baseDir(base).dataDir(dataDir)
                .build())) {
            check.start();
            Endpoint ep = check.endpoint();
            Endpoint postgres = new Endpoint(ep.host(), ep.port(), ep.url(), "postgres", firstPassword);
            try (Connection c = PostgresServer.connect(postgres); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = 'dbrecover'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1); // the role of this third start only
            }
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();
    }
}
