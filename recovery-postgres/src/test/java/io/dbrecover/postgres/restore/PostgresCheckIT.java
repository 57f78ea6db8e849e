package io.dbrecover.postgres.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.postgres.CheckRequest;
import io.dbrecover.postgres.PostgresRestore;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code postgres check} on the data directory of a server killed with SIGKILL, copied as it lay on the disk. */
@RequiresServer("postgres")
class PostgresCheckIT {
    private Path base;

    @BeforeEach
    void createBase() {
        base = TempDirs.create(null, "pg-check-it");
    }

    @AfterEach
    void removeBase() {
        TempDirs.deleteQuietly(base);
    }

    @Test
    void crashRecoveryOnACopyKeepsEveryCommittedRowAndNoUncommittedOne() throws Exception {
        Path crashed = base.resolve("crashed");
        try (ManagedServer src = new PostgresServerProvider().create(ServerOptions.builder().baseDir(base)
                .keepFiles(true).build())) {
            src.start();
            Endpoint ep = src.endpoint();
            try (Connection c = PostgresServer.connect(ep); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE shop");
            }
            Endpoint shop = new Endpoint(ep.host(), ep.port(), "jdbc:postgresql://" + ep.host() + ":" + ep.port()
                    + "/shop", ep.user(), ep.password());
            try (Connection c = PostgresServer.connect(shop); Statement st = c.createStatement();
                 Connection open = PostgresServer.connect(shop); Statement ost = open.createStatement()) {
                st.execute("CREATE TABLE orders (id int PRIMARY KEY, v text)");
                st.execute("INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 100000) g");
                open.setAutoCommit(false);
                ost.execute("INSERT INTO orders SELECT g, 'never committed' FROM generate_series(100001, 150000) g");
                // the power goes out: every process of the server at once, the open transaction never commits
                ProcessHandle postmaster = ProcessHandle.of(src.info().pid()).orElseThrow();
                List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
                all.add(postmaster);
                all.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle h : all) {
                    h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (java.sql.SQLException expectedAfterTheKill) {
                // closing connections to a dead server may fail
            }
            copyTree(src.info().dataDir(), crashed);
        }
        assertThat(crashed.resolve("postmaster.pid")).exists();
        SourceSnapshot before = SourceSnapshot.of(crashed);

        RecoveryReport r = PostgresRestore.check(new CheckRequest(crashed, base.resolve("checked"), 0, false,
                Duration.ofMinutes(5), ServerOptions.builder().baseDir(base).build(),
                io.dbrecover.core.api.ProgressListener.NONE));

        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.VERIFIED);
        assertThat(r.verifications()).noneMatch(v -> !v.passed());
        assertThat(r.verifications()).anyMatch(v -> v.item().equals("shop.public.orders")
                && v.check().equals("heap-row-count") && v.actual().equals("100000 rows"));
        assertThat(r.verifications()).anyMatch(v -> v.item().equals("shop.public.orders")
                && v.check().startsWith("bt_index_check") && v.passed());
        assertThat(r.findings()).anyMatch(f -> f.code().equals("RECOVERY_LOG")
                && (f.message().contains("not properly shut down") || f.message().contains("interrupted")));
        assertThat(r.findings()).anyMatch(f -> f.code().equals("RECOVERY_LOG") && f.message().contains("redo"));
        assertThat(r.sourcesVerdict().unchanged()).isTrue();
        assertThat(before.compareNow().unchanged()).isTrue();
        assertThat(base.resolve("checked/data/PG_VERSION")).exists();
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
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
