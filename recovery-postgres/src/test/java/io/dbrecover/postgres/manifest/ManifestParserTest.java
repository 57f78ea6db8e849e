package io.dbrecover.postgres.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.postgres.backup.SyntheticBackup;
import io.dbrecover.postgres.model.Lsn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestParserTest {
    /** The manifest pg_basebackup of Debian's PostgreSQL 15 wrote for a fresh cluster with one tablespace. */
    static final Path PG15 = Path.of("src/test/resources/manifest/pg15-plain.backup_manifest");

    private static Manifest parse(Path dir, String text) throws Exception {
        Path f = dir.resolve("backup_manifest");
        Files.writeString(f, text);
        return new ManifestParser(f).parse();
    }

    @Test
    void readsAManifestOfPostgres15() {
        Manifest m = new ManifestParser(PG15).parse();
        assertThat(m.version()).isEqualTo(1);
        assertThat(m.systemIdentifier()).isNull();
        assertThat(m.files()).hasSize(967);
        assertThat(m.checksumMatches()).isTrue();
        assertThat(m.files().get("PG_VERSION")).satisfies(f -> {
            assertThat(f.size()).isEqualTo(3);
            assertThat(f.algorithm()).isEqualTo(ChecksumAlgorithm.CRC32C);
            assertThat(f.checksum()).isEqualTo("8a744722");
            assertThat(f.lastModified()).endsWith("GMT");
        });
        assertThat(m.files()).containsKey("pg_tblspc/16384/PG_15_202209061/5/16385");
        assertThat(m.walRanges()).containsExactly(new Manifest.WalRange(1, Lsn.parse("0/2000028"),
                Lsn.parse("0/2000100")));
    }

    @Test
    void crc32cIsWrittenAsTheLittleEndianBytesOfTheCrc() {
        ChecksumAlgorithm.Hasher h = ChecksumAlgorithm.CRC32C.hasher();
        byte[] pgVersion = "15\n".getBytes(StandardCharsets.US_ASCII);
        h.update(pgVersion, 0, pgVersion.length);
        // PostgreSQL's CRC of PG_VERSION is 0x2247748a; the manifest above says 8a744722
        assertThat(h.hex()).isEqualTo("8a744722");
    }

    @Test
    void anEditedManifestNoLongerMatchesItsOwnChecksum(@TempDir Path dir) throws Exception {
        String text = Files.readString(PG15).replace("\"Size\": 3,", "\"Size\": 4,");
        Manifest m = parse(dir, text);
        assertThat(m.checksumMatches()).isFalse();
        assertThat(m.checksumWritten()).isNotEqualTo(m.checksumComputed());
    }

    @Test
    void anEncodedPathIsTheHexOfThePathsBytes(@TempDir Path dir) throws Exception {
        Manifest m = parse(dir, SyntheticBackup.withChecksum("{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n"
                + "\"Files\": [\n{ \"Encoded-Path\": \"626173652f63616ec3a9\", \"Size\": 0, \"Last-Modified\": "
                + "\"2026-12-06 22:09:46 GMT\" }\n],\n\"WAL-Ranges\": [\n],\n"));
        assertThat(m.files()).containsOnlyKeys("base/can\u00e9");
        assertThat(m.files().get("base/can\u00e9").algorithm()).isEqualTo(ChecksumAlgorithm.NONE);
        assertThat(m.checksumMatches()).isTrue();
    }

    @Test
    void version2CarriesTheSystemIdentifierAndVersion3IsUnsupported(@TempDir Path dir) throws Exception {
        Manifest m = parse(dir, SyntheticBackup.withChecksum("{ \"PostgreSQL-Backup-Manifest-Version\": 2,\n"
                + "\"System-Identifier\": 7446093238157738231,\n\"Files\": [\n],\n\"WAL-Ranges\": [\n],\n"));
        assertThat(m.systemIdentifier()).isEqualTo(7446093238157738231L);
        assertThatThrownBy(() -> parse(dir, SyntheticBackup.withChecksum("{ \"PostgreSQL-Backup-Manifest-Version\": "
                + "2,\n\"Files\": [\n],\n\"WAL-Ranges\": [\n],\n"))).isInstanceOfSatisfying(RecoveryException.class,
                e -> assertThat(e.getMessage()).contains("no System-Identifier"));
        assertThatThrownBy(() -> parse(dir, SyntheticBackup.withChecksum("{ \"PostgreSQL-Backup-Manifest-Version\": "
                + "3,\n\"Files\": [\n],\n\"WAL-Ranges\": [\n],\n"))).isInstanceOfSatisfying(RecoveryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT));
    }

    @Test
    void damageIsNamedWithTheManifestAndTheOffset(@TempDir Path dir) throws Exception {
        String head = "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [\n";
        String tail = "],\n\"WAL-Ranges\": [\n],\n";
        String entry = "{ \"Path\": \"base/1\", \"Size\": 1, \"Checksum-Algorithm\": \"CRC32C\", \"Checksum\": "
                + "\"00000000\" }";
        assertCorrupt(dir, SyntheticBackup.withChecksum(head + entry + ",\n" + entry + "\n" + tail),
                "listed twice", head.length() + entry.length() + 2);
        assertCorrupt(dir, SyntheticBackup.withChecksum(head + entry.replace("00000000", "000") + "\n" + tail),
                "must be 8 hex digits", -2);
        assertCorrupt(dir, SyntheticBackup.withChecksum(head + entry.replace("base/1", "../1") + "\n" + tail),
                "not a plain relative path", head.length());
        assertCorrupt(dir, SyntheticBackup.withChecksum(head + entry.replace("Size", "Sighs") + "\n" + tail),
                "unknown key 'Sighs'", -2);
        assertCorrupt(dir, SyntheticBackup.withChecksum(head + entry.replace("1,", "-1,") + "\n" + tail),
                "Size out of range", -2);
        assertCorrupt(dir, SyntheticBackup.withChecksum(head + entry + "\n" + tail).replace("}\n", "}"),
                "does not end in a newline", -2);
        assertCorrupt(dir, head + entry, "does not end in a newline", -2);
        assertCorrupt(dir, "{\n", "fewer than two lines", 0);
        assertCorrupt(dir, "{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [ {,\n", "not valid JSON", -2);
    }

    private static void assertCorrupt(Path dir, String text, String what, long offset) {
        assertThatThrownBy(() -> parse(dir, text)).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(e.getMessage()).contains(what).contains(dir.resolve("backup_manifest").toString());
            assertThat(e.path()).hasValue(dir.resolve("backup_manifest"));
            if (offset >= 0) {
                assertThat(e.offset()).hasValue(offset);
            } else if (offset == -2) {
                assertThat(e.offset()).isPresent();
            }
        });
    }
}
