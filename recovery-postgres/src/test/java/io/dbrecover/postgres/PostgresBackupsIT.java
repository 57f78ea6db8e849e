package io.dbrecover.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.postgres.model.BackupCompression;
import io.dbrecover.postgres.model.BackupFormat;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupProblem.Kind;
import io.dbrecover.postgres.model.BackupResult;
import io.dbrecover.postgres.model.BackupVerification;
import io.dbrecover.postgres.model.Lsn;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backups taken with {@link PostgresBackups#backup} from a real PostgreSQL 15 (with a tablespace and a WAL archive),
 * verified, and verified again after damage: pg_verifybackup is the reference where it can read the backup.
 */
@RequiresServer(value = "postgres", origin = "system")
class PostgresBackupsIT {
    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static Path base;
    private static Path archive;
    private static ManagedServer source;
    private static Path plain;
    private static Path tarGz;
    /** A table's data file, relative to the data directory (in the default tablespace). */
    private static String dataFile;
    /** The tablespace's OID. */
    private static String tablespace;

    @BeforeAll
    static void takeBackups() throws Exception {
        base = TempDirs.create(null, "pg-backups-it");
        archive = Files.createDirectories(base.resolve("archive"));
        Path tsDir = Files.createDirectories(base.resolve("ts"));
        if (OsUsers.isRoot()) {
            OsUsers.lookup("postgres").ifPresent(u -> {
                OsUsers.chownTree(archive, u);
                OsUsers.chownTree(tsDir, u);
            });
        }
        source = new PostgresServerProvider().create(ServerOptions.builder().origin(
                        io.dbrecover.core.server.BinaryOrigin.SYSTEM).baseDir(base)
                .setting("archive_mode", "on").setting("archive_command", "cp %p " + archive + "/%f").build());
        source.start();
        try (Connection c = PostgresServer.connect(source.endpoint()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLESPACE side LOCATION '" + tsDir + "'");
            st.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
            st.execute("INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 200000) g");
            st.execute("CREATE TABLE far (id int) TABLESPACE side");
            st.execute("INSERT INTO far SELECT generate_series(1, 20000)");
            st.execute("CHECKPOINT");
            try (ResultSet rs = st.executeQuery("SELECT pg_relation_filepath('items'), "
                    + "(SELECT oid FROM pg_tablespace WHERE spcname = 'side')")) {
                rs.next();
                dataFile = rs.getString(1);
                tablespace = rs.getString(2);
            }
        }
        plain = base.resolve("plain");
        tarGz = base.resolve("targz");
        BackupResult p = PostgresBackups.backup(BackupRequest.ofServer(source.endpoint(), plain));
        assertThat(p.verification().problems()).isEmpty();
        BackupResult t = PostgresBackups.backup(BackupRequest.ofServer(source.endpoint(), tarGz)
                .as(BackupFormat.TAR, BackupCompression.GZIP));
        assertThat(t.verification().problems()).isEmpty();
        try (Connection c = PostgresServer.connect(source.endpoint()); Statement st = c.createStatement()) {
            st.execute("SELECT pg_switch_wal()"); // the backups' segments and *.backup files into the archive
        }
        awaitArchived(t.position().end(), t.position().timeline());
    }

    private static void awaitArchived(Lsn end, int timeline) throws InterruptedException {
        String segment = String.format("%08X%08X%08X", timeline, end.high(), end.low() / (16 << 20));
        for (int i = 0; i < 200 && !Files.exists(archive.resolve(segment)); i++) {
            Thread.sleep(50);
        }
        assertThat(archive.resolve(segment)).exists();
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
        TempDirs.deleteQuietly(base);
    }

    private static BackupVerification verify(Path dir, Path wal) {
        SourceSnapshot before = SourceSnapshot.of(dir);
        BackupVerification v = PostgresBackups.verify(new VerifyBackupRequest(dir, wal, true, 0));
        assertThat(before.compareNow().unchanged()).as("the backup is byte-identical after verify").isTrue();
        return v;
    }

    private static ProcessResult pgVerifybackup(Path dir) {
        // our plain backups keep tablespaces inside themselves, which pg_verifybackup is told to pass over
        return new ProcessRunner().run(ProcessSpec.of(PG_BIN.resolve("pg_verifybackup").toString(), "-i",
                "pg_tblspc_data", dir.toString()).okExitCodes(0, 1).timeout(Duration.ofMinutes(5)).build());
    }

    @Test
    void aPlainBackupIsCleanAsPgVerifybackupAgrees() {
        BackupVerification v = verify(plain, null);
        assertThat(v.problems()).isEmpty();
        assertThat(v.format()).isEqualTo(BackupFormat.PLAIN);
        assertThat(v.manifestVersion()).isEqualTo(1);
        assertThat(v.pgVersion()).isEqualTo("15");
        assertThat(v.tablespaces()).containsExactly(tablespace);
        assertThat(v.algorithms()).containsOnlyKeys("CRC32C");
        assertThat(v.bytes()).isGreaterThan(10_000_000);
        assertThat(v.walRanges()).hasSize(1);
        assertThat(v.walRanges().get(0).present()).isNotEmpty().allSatisfy(s -> assertThat(s.where())
                .isEqualTo("pg_wal"));
        assertThat(v.position().start()).isNotNull();
        assertThat(v.position().end()).isEqualTo(v.walRanges().get(0).end());
        assertThat(v.systemIdentifier()).matches("[0-9]+");
        ProcessResult reference = pgVerifybackup(plain);
        assertThat(reference.exitCode()).as(reference.output()).isZero();
        assertThat(reference.output()).contains("backup successfully verified");
    }

    @Test
    void aTarGzipBackupIsCleanAndItsEndAndStopTimeComeFromTheArchive() throws Exception {
        BackupVerification v = verify(tarGz, archive);
        assertThat(v.problems()).isEmpty();
        assertThat(v.format()).isEqualTo(BackupFormat.TAR);
        assertThat(v.archives()).containsExactly("base.tar.gz", tablespace + ".tar.gz", "pg_wal.tar.gz");
        assertThat(v.tablespaces()).containsExactly(tablespace);
        assertThat(v.walRanges().get(0).present()).allSatisfy(s -> assertThat(s.where()).isEqualTo("pg_wal.tar.gz"));
        assertThat(v.position().backupFile()).isNotNull();
        String history = Files.readString(archive.resolve(v.position().backupFile()), StandardCharsets.UTF_8);
        assertThat(history).contains("STOP WAL LOCATION: " + v.position().end() + " ",
                "START WAL LOCATION: " + v.position().start() + " ");
        assertThat(v.position().stopTime()).isNotNull();
        assertThat(v.position().startTime()).isNotNull().isBeforeOrEqualTo(v.position().stopTime());
        // the same backup files checked, whichever the format
        assertThat(v.files()).isEqualTo(verify(plain, null).files() + 1); // tar adds tablespace_map
    }

    @Test
    void aFlippedByteInAPlainBackupsDataFileIsNamedByUsAndByPgVerifybackup() throws Exception {
        Path copy = base.resolve("plain-flipped");
        BackupTestFiles.copyTree(plain, copy);
        BackupTestFiles.flipByte(copy.resolve(dataFile));
        BackupVerification v = verify(copy, null);
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dataFile);
            assertThat(p.kind()).isEqualTo(Kind.CHECKSUM);
            assertThat(p.expected()).isNotEqualTo(p.found()).hasSize(8);
        });
        ProcessResult reference = pgVerifybackup(copy);
        assertThat(reference.exitCode()).isEqualTo(1);
        assertThat(reference.output()).contains("checksum mismatch for file \"" + dataFile + "\"");
    }

    @Test
    void aFlippedByteInsideATarEntryIsNamed() throws Exception {
        Path copy = base.resolve("tar-flipped");
        BackupTestFiles.copyTree(tarGz, copy);
        BackupTestFiles.rewriteTarGz(copy.resolve("base.tar.gz"), (e, data) -> {
            if (e.getName().equals(dataFile)) {
                data[data.length / 2] ^= 0x01;
            }
            return data;
        });
        BackupVerification v = verify(copy, null);
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dataFile);
            assertThat(p.kind()).isEqualTo(Kind.CHECKSUM);
        });
    }

    @Test
    void aMissingWalSegmentIsNamedAndFoundAgainInTheArchive() throws Exception {
        Path copy = base.resolve("tar-nowal");
        BackupTestFiles.copyTree(tarGz, copy);
        BackupTestFiles.rewriteTarGz(copy.resolve("pg_wal.tar.gz"), (e, data) -> e.getName().matches("[0-9A-F]{24}")
                ? null : data);
        BackupVerification v = verify(copy, null);
        List<String> needed = verify(tarGz, null).walRanges().get(0).present().stream().map(s -> s.name()).toList();
        assertThat(v.missingWalSegments()).isEqualTo(needed);
        assertThat(v.problems()).extracting(BackupProblem::kind).containsOnly(Kind.WAL_MISSING);
        assertThat(v.problems()).extracting(BackupProblem::file).containsExactlyElementsOf(needed.stream()
                .map(n -> "pg_wal/" + n).toList());

        BackupVerification withArchive = verify(copy, archive);
        assertThat(withArchive.problems()).isEmpty();
        assertThat(withArchive.walRanges().get(0).present()).allSatisfy(s -> assertThat(s.where())
                .isEqualTo(archive.toString()));

        Path plainCopy = base.resolve("plain-nowal");
        BackupTestFiles.copyTree(plain, plainCopy);
        String first = verify(plain, null).walRanges().get(0).present().get(0).name();
        Files.delete(plainCopy.resolve("pg_wal").resolve(first));
        assertThat(verify(plainCopy, null).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.WAL_MISSING);
            assertThat(p.file()).isEqualTo("pg_wal/" + first);
        });
    }

    @Test
    void tarEntriesLeadingOutsideTheTargetAreNamed() throws Exception {
        Path copy = base.resolve("tar-escape");
        BackupTestFiles.copyTree(tarGz, copy);
        BackupTestFiles.rewriteTarGz(copy.resolve("base.tar.gz"), (e, data) -> data,
                new BackupTestFiles.Extra("../escaped.conf", "x".getBytes(StandardCharsets.UTF_8), null),
                new BackupTestFiles.Extra("global/evil", null, "../../etc"));
        BackupVerification v = verify(copy, null);
        assertThat(v.problems()).extracting(BackupProblem::kind).containsOnly(Kind.UNSAFE_ENTRY);
        assertThat(v.problems()).extracting(BackupProblem::file).containsExactly("base.tar.gz:../escaped.conf",
                "base.tar.gz:global/evil");
    }

    @Test
    void lz4AndZstdTarBackupsAreReadAsStreams() {
        for (BackupCompression c : List.of(BackupCompression.LZ4, BackupCompression.ZSTD)) {
            Path out = base.resolve("tar-" + c.pgName());
            BackupResult r = PostgresBackups.backup(BackupRequest.ofServer(source.endpoint(), out)
                    .as(BackupFormat.TAR, c));
            assertThat(r.files()).contains("base.tar" + c.suffix(), tablespace + ".tar" + c.suffix());
            assertThat(r.verification().problems()).as(c.name()).isEmpty();
            assertThat(r.verification().files()).isGreaterThan(900);
        }
    }

    @Test
    void aStoppedClustersDataDirectoryIsBackedUpThroughACopy() throws Exception {
        Path dataDir;
        try (ManagedServer first = new PostgresServerProvider().create(ServerOptions.builder().baseDir(base)
                .keepFiles(true).build())) {
            first.start();
            try (Connection c = PostgresServer.connect(first.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept AS SELECT generate_series(1, 1000) id");
            }
            dataDir = first.info().dataDir();
        }
        SourceSnapshot before = SourceSnapshot.of(dataDir);
        assertThatThrownBy(() -> PostgresBackups.backup(BackupRequest.ofDataDir(dataDir, dataDir.resolve("inside"))))
                .isInstanceOfSatisfying(RecoveryException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED));
        Path full = Files.createDirectories(base.resolve("not-empty"));
        Files.writeString(full.resolve("x"), "x");
        assertThatThrownBy(() -> PostgresBackups.backup(BackupRequest.ofDataDir(dataDir, full)))
                .isInstanceOfSatisfying(RecoveryException.class, e -> assertThat(e.getMessage())
                        .contains("BackupRequest.out is not empty"));
        BackupResult r = PostgresBackups.backup(BackupRequest.ofDataDir(dataDir, base.resolve("from-pgdata")));
        assertThat(r.verification().problems()).isEmpty();
        assertThat(r.serverVersion()).startsWith("15.");
        assertThat(before.compareNow().unchanged()).as("the data directory was only read").isTrue();
        try (Stream<Path> s = Files.list(base)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dbrecover-pgpass")))
                    .as("no password file left").isEmpty();
        }
        if (OsUsers.isRoot()) {
            assertThat(Files.getOwner(r.out()).getName()).isEqualTo("postgres");
        }
    }

    @Test
    void theServersPasswordReachesPgBasebackupOnlyThroughAPrivateFile() throws Exception {
        Endpoint ep = source.endpoint();
        assertThat(ep.password()).isNotBlank();
        Path out = base.resolve("watched");
        // pg_basebackup's argv and environment as the kernel shows them, sampled while it runs
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                    procs.filter(d -> d.getFileName().toString().matches("[0-9]+")).forEach(d -> {
                        try {
                            String cmd = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8);
                            if (cmd.contains("pg_basebackup") && cmd.contains(out.toString())) {
                                String env = new String(Files.readAllBytes(d.resolve("environ")),
                                        StandardCharsets.UTF_8);
                                seen.add(cmd.replace('\0', ' ') + "\n" + env.replace('\0', ' '));
                            }
                        } catch (java.io.IOException e) {
                            // the process ended meanwhile
                        }
                    });
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        watcher.start();
        BackupResult r;
        try {
            r = PostgresBackups.backup(BackupRequest.ofServer(ep, out));
        } finally {
            done.set(true);
            watcher.join();
        }
        assertThat(r.verification().clean()).isTrue();
        assertThat(r.osUser()).isEqualTo(OsUsers.isRoot() ? "postgres" : null);
        // never the password, in any sample; the private file in at least one: a sample taken while the kernel is
        // between two execs (setpriv, then pg_basebackup) may show a part of the environment only
        assertThat(seen).as("pg_basebackup was seen running").isNotEmpty()
                .allSatisfy(s -> assertThat(s).doesNotContain(ep.password()))
                .anySatisfy(s -> assertThat(s).contains("PGPASSFILE="));
    }
}
