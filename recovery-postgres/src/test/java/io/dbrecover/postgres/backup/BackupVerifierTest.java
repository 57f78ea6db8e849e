package io.dbrecover.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.postgres.manifest.ChecksumAlgorithm;
import io.dbrecover.postgres.model.BackupFormat;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupProblem.Kind;
import io.dbrecover.postgres.model.BackupVerification;
import io.dbrecover.postgres.model.Lsn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The verifier on backups made in the test (the real ones are PostgresBackupsIT's). */
class BackupVerifierTest {
    private static BackupVerification verify(Path dir) {
        return new BackupVerifier(dir, null, true, 2).verify();
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void aSoundPlainBackupIsCleanWithEveryChecksumAlgorithm(ChecksumAlgorithm a, @TempDir Path dir) throws Exception {
        BackupVerification v = verify(new SyntheticBackup().algorithm(a).writePlain(dir));
        assertThat(v.problems()).isEmpty();
        assertThat(v.format()).isEqualTo(BackupFormat.PLAIN);
        assertThat(v.files()).isEqualTo(6);
        assertThat(v.algorithms()).containsExactly(java.util.Map.entry(a.name(), 6L));
        assertThat(v.pgVersion()).isEqualTo("15");
        assertThat(v.systemIdentifier()).isEqualTo(Long.toUnsignedString(SyntheticBackup.SYSTEM_ID));
        assertThat(v.walRanges()).singleElement().satisfies(r -> {
            assertThat(r.present()).extracting(s -> s.name()).containsExactly(SyntheticBackup.SEGMENT_NAME);
            assertThat(r.missing()).isEmpty();
        });
        assertThat(v.position().start()).isEqualTo(Lsn.parse(SyntheticBackup.START));
        assertThat(v.position().end()).isEqualTo(Lsn.parse(SyntheticBackup.END));
        assertThat(v.position().startTime()).isEqualTo(Instant.parse("2026-12-06T22:09:46Z"));
        assertThat(v.position().label()).isEqualTo("synthetic");
    }

    @Test
    void everyKindOfFileDamageIsNamedWithExpectedAndFound(@TempDir Path dir) throws Exception {
        new SyntheticBackup().writePlain(dir);
        byte[] table = Files.readAllBytes(dir.resolve("base/5/16385"));
        table[100] ^= 1;
        Files.write(dir.resolve("base/5/16385"), table);
        Files.write(dir.resolve("base/5/16385_fsm"), new byte[10]);
        Files.delete(dir.resolve("global/pg_filenode.map"));
        Files.writeString(dir.resolve("base/5/stray"), "x");
        Files.writeString(dir.resolve("postgresql.auto.conf"), "# written after the backup by pg_basebackup -R\n");
        BackupVerification v = verify(dir);
        assertThat(v.problems()).extracting(BackupProblem::file, BackupProblem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("base/5/16385", Kind.CHECKSUM),
                org.assertj.core.groups.Tuple.tuple("base/5/16385_fsm", Kind.SIZE),
                org.assertj.core.groups.Tuple.tuple("base/5/stray", Kind.EXTRA),
                org.assertj.core.groups.Tuple.tuple("global/pg_filenode.map", Kind.MISSING));
        assertThat(v.problems().get(1).expected()).isEqualTo("8192 bytes");
        assertThat(v.problems().get(1).found()).isEqualTo("10 bytes");
    }

    @Test
    void aVersion2ManifestOfAnotherClusterThanPgControlIsNamed(@TempDir Path dir) throws Exception {
        BackupVerification same = verify(new SyntheticBackup().version2(SyntheticBackup.SYSTEM_ID)
                .writePlain(dir.resolve("same")));
        assertThat(same.problems()).isEmpty();
        assertThat(same.manifestVersion()).isEqualTo(2);
        BackupVerification other = verify(new SyntheticBackup().version2(42).writePlain(dir.resolve("other")));
        assertThat(other.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.SYSTEM_IDENTIFIER);
            assertThat(p.expected()).isEqualTo("42");
            assertThat(p.found()).isEqualTo(Long.toUnsignedString(SyntheticBackup.SYSTEM_ID));
        });
    }

    @Test
    void walDamageInsideTheNeededRangeIsNamedAndAMissingSegmentToo(@TempDir Path dir) throws Exception {
        Path backup = new SyntheticBackup().writePlain(dir.resolve("b"));
        Path segment = backup.resolve("pg_wal").resolve(SyntheticBackup.SEGMENT_NAME);
        byte[] wal = Files.readAllBytes(segment);
        ByteBuffer.wrap(wal).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) 0xD10D); // release 14's magic
        Files.write(segment, wal);
        assertThat(verify(backup).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.WAL_DAMAGED);
            assertThat(p.file()).isEqualTo("pg_wal/" + SyntheticBackup.SEGMENT_NAME);
            assertThat(p.what()).contains("0xD10D", "0xD110");
        });
        Files.delete(segment);
        assertThat(verify(backup).missingWalSegments()).containsExactly(SyntheticBackup.SEGMENT_NAME);
    }

    @Test
    void aTarGzBackupIsReadAsAStreamAndAFlippedByteInAnEntryIsNamed(@TempDir Path dir) throws Exception {
        SyntheticBackup b = new SyntheticBackup();
        BackupVerification clean = verify(b.writeTarGz(dir.resolve("clean")));
        assertThat(clean.problems()).isEmpty();
        assertThat(clean.archives()).containsExactly("base.tar.gz", "pg_wal.tar.gz");
        assertThat(clean.walRanges().get(0).present()).extracting(s -> s.where()).containsExactly("pg_wal.tar.gz");
        String manifest = b.manifest();
        b.files().get("base/5/16385")[5000] ^= 4;
        Path damaged = b.writeTarGz(dir.resolve("damaged"));
        Files.writeString(damaged.resolve("backup_manifest"), manifest);
        assertThat(verify(damaged).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CHECKSUM);
            assertThat(p.file()).isEqualTo("base/5/16385");
        });
    }

    @Test
    void aTruncatedCompressedArchiveIsNamedAndItsUnreadFilesAreMissing(@TempDir Path dir) throws Exception {
        Path backup = new SyntheticBackup().writeTarGz(dir);
        byte[] gz = Files.readAllBytes(backup.resolve("base.tar.gz"));
        Files.write(backup.resolve("base.tar.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        BackupVerification v = verify(backup);
        assertThat(v.problems()).first().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.UNREADABLE);
            assertThat(p.file()).isEqualTo("base.tar.gz");
        });
        assertThat(v.problems(Kind.MISSING)).isNotEmpty();
    }

    @Test
    void aDamagedManifestIsAProblemNotAnException(@TempDir Path dir) throws Exception {
        Path backup = new SyntheticBackup().writePlain(dir);
        String m = Files.readString(backup.resolve("backup_manifest"));
        Files.writeString(backup.resolve("backup_manifest"), m.replace("\"Size\": 3,", "\"Size\": 4,"));
        BackupVerification v = verify(backup);
        assertThat(v.problems()).extracting(BackupProblem::kind).containsExactly(Kind.MANIFEST, Kind.SIZE);
        Files.writeString(backup.resolve("backup_manifest"), m.substring(0, 300));
        assertThat(verify(backup).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MANIFEST);
            assertThat(p.what()).contains("does not end in a newline");
        });
    }

    @Test
    void aDirectoryWithoutManifestIsRefusedAsNoBackup(@TempDir Path dir) {
        assertThatThrownBy(() -> verify(dir)).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
            assertThat(e.getMessage()).contains("no backup_manifest");
        });
        assertThatThrownBy(() -> verify(dir.resolve("nope"))).isInstanceOfSatisfying(RecoveryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND));
    }

    @Test
    void tarEntryNamesAreNormalisedAndEscapesRefused() {
        assertThat(TarBackupReader.normalize("./base/5/1")).isEqualTo("base/5/1");
        assertThat(TarBackupReader.normalize("base//5/")).isEqualTo("base/5");
        assertThat(TarBackupReader.normalize("../x")).isNull();
        assertThat(TarBackupReader.normalize("base/../../x")).isNull();
        assertThat(TarBackupReader.normalize("/etc/passwd")).isNull();
        assertThat(TarBackupReader.insideTarget("base/5/l", "../1", false)).isTrue();
        assertThat(TarBackupReader.insideTarget("base/l", "../../etc", false)).isFalse();
        assertThat(TarBackupReader.insideTarget("a", "/etc/passwd", false)).isFalse();
        assertThat(TarBackupReader.insideTarget("a/b", "base/5/1", true)).isTrue();
    }

    @Test
    void walSegmentNamesFollowTimelineAndLocation() {
        assertThat(WalNames.name(1, WalNames.segment(Lsn.parse("0/2000028"), SyntheticBackup.SEGMENT),
                SyntheticBackup.SEGMENT)).isEqualTo("000000010000000000000002");
        assertThat(WalNames.name(3, WalNames.segment(Lsn.parse("1A/FF000000"), SyntheticBackup.SEGMENT),
                SyntheticBackup.SEGMENT)).isEqualTo("000000030000001A000000FF");
        assertThat(WalNames.needed(1, Lsn.parse("0/1FFFFFF"), Lsn.parse("0/3000000"), SyntheticBackup.SEGMENT))
                .containsExactly("000000010000000000000001", "000000010000000000000002");
        assertThat(WalNames.name(1, WalNames.segment(Lsn.parse("0/44000000"), 1L << 30), 1L << 30))
                .isEqualTo("000000010000000000000001");
    }
}
