package io.dbrecover.mysql.ibd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page 0 as MySQL 5.0 and earlier wrote it: an ordinary tablespace header whose FIL_PAGE_TYPE is 0 (those versions
 * typed only index and undo pages). The page is built here field by field from the format (FIL header: page number
 * at 4, LSN at 16, type at 24, space id at 34; FSP header at 38: space id, size at 46, free limit at 50, flags at 54,
 * fragment pages used at 58; trailer: old checksum, low 32 bits of the LSN), with the legacy "innodb" checksums
 * 5.0 wrote. MariaDB's acceptance of the typed copy is ServerFilesIT's and MySql50TablespaceIT's subject.
 */
class UntypedPage0Test {
    private static final int PAGE = 16384;

    /** A four-page tablespace (pages 1–3 never written) whose page 0 is a 5.0 header with the given checksum. */
    static byte[] mysql50File(long flags, long spaceIdFil, long spaceIdFsp, Checksum checksum) {
        byte[] file = new byte[4 * PAGE];
        ByteBuffer p = ByteBuffer.wrap(file, 0, PAGE);
        p.putInt(4, 0).putInt(8, 0).putInt(12, 0).putLong(16, 0x2_3456_789AL).putShort(24, (short) 0)
                .putInt(34, (int) spaceIdFil);
        p.putInt(38, (int) spaceIdFsp).putInt(46, 4).putInt(50, 64).putInt(54, (int) flags).putInt(58, 3);
        p.putInt(PAGE - 4, 0x3456_789A);
        byte[] page0 = Arrays.copyOf(file, PAGE);
        PageChecksums.write(page0, checksum);
        System.arraycopy(page0, 0, file, 0, PAGE);
        return file;
    }

    @Test
    void aMySql50HeaderWithPageTypeZeroIsReadAsTheTablespaceItIs(@TempDir Path dir) throws Exception {
        Path ibd = Files.write(dir.resolve("t.ibd"), mysql50File(0, 7, 7, Checksum.INNODB));

        TablespaceInfo info = Tablespaces.inspect(ibd);

        assertThat(info.untypedPage0()).isTrue();
        assertThat(info.page0Checksum()).isEqualTo(Checksum.INNODB);
        assertThat(info.page0Intact()).isTrue();
        assertThat(info.spaceId()).isEqualTo(7);
        assertThat(info.flags()).isZero();
        assertThat(info.oldFormat()).isTrue();
        assertThat(info.notes()).anySatisfy(n -> assertThat(n).contains("page 0 has page type 0, as MySQL 5.0",
                "Inconsistent tablespace ID"));
    }

    @Test
    void theCopyToImportGetsTypeFspHdrAndItsChecksumAgainAndNothingElseChanges(@TempDir Path dir) throws Exception {
        for (Checksum algorithm : new Checksum[] {Checksum.INNODB, Checksum.CRC32}) {
            byte[] original = mysql50File(0, 7, 7, algorithm);
            Path copy = Files.write(dir.resolve("copy-" + algorithm + ".ibd"), original);

            assertThat(Tablespaces.typePage0(OutputFiles.withoutSources(), copy)).isTrue();

            byte[] after = Files.readAllBytes(copy);
            assertThat(ByteBuffer.wrap(after).getShort(24)).isEqualTo((short) 8);
            assertThat(PageChecksums.of(Arrays.copyOf(after, PAGE), false, false)).isEqualTo(algorithm);
            for (int i = 0; i < after.length; i++) {
                boolean checksumField = i < 4 || i >= PAGE - 8 && i < PAGE - 4;
                if (!checksumField && i != 24 && i != 25) {
                    assertThat(after[i]).as("byte %d", i).isEqualTo(original[i]);
                }
            }
            assertThat(Tablespaces.inspect(copy).untypedPage0()).isFalse();
            assertThat(Tablespaces.typePage0(OutputFiles.withoutSources(), copy)).as("already typed: left alone").isFalse();
        }
    }

    @Test
    void typeZeroWithoutAConsistentHeaderIsStillRefusedAsDamage(@TempDir Path dir) throws Exception {
        Path flags = Files.write(dir.resolve("flags.ibd"), mysql50File(0x21, 7, 7, Checksum.CRC32));
        assertThatThrownBy(() -> Tablespaces.inspect(flags)).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(e.getMessage()).contains("page type 0 on page 0", "FSP flags are 0x21");
        });
        Path ids = Files.write(dir.resolve("ids.ibd"), mysql50File(0, 7, 8, Checksum.INNODB));
        assertThatThrownBy(() -> Tablespaces.inspect(ids)).hasMessageContaining("space id 7 of its page header "
                + "differs from the 8");
        byte[] torn = mysql50File(0, 7, 7, Checksum.INNODB);
        torn[200] ^= 1;
        Path bad = Files.write(dir.resolve("bad.ibd"), torn);
        assertThatThrownBy(() -> Tablespaces.inspect(bad)).hasMessageContaining("fails its checksum");
        assertThatThrownBy(() -> Tablespaces.typePage0(OutputFiles.withoutSources(), bad)).isInstanceOf(RecoveryException.class);
        assertThat(Files.readAllBytes(bad)).as("a refused copy is not written").isEqualTo(torn);
    }

    @Test
    void page0IsNeverWrittenIntoASourceNorThroughAHardLinkOfOne(@TempDir Path dir) throws Exception {
        byte[] original = mysql50File(0, 7, 7, Checksum.INNODB);
        Path source = Files.createDirectories(dir.resolve("source"));
        Path file = Files.write(source.resolve("t.ibd"), original);
        Path work = Files.createDirectories(dir.resolve("work"));
        Path hardLink = Files.createLink(work.resolve("t.ibd"), file);
        OutputFiles files = OutputFiles.outside(List.of(source));

        assertThatThrownBy(() -> Tablespaces.typePage0(files, file)).isInstanceOfSatisfying(RecoveryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED));
        assertThatThrownBy(() -> Tablespaces.typePage0(files, hardLink)).isInstanceOfSatisfying(
                RecoveryException.class, e -> assertThat(e.getMessage()).contains("2 hard links"));
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }
}
