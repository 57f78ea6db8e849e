package io.dbrecover.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk, simulated: the IOExceptions Java throws and the lines servers print for ENOSPC. */
class IoErrorsTest {
    @TempDir
    Path work;

    @Test
    void aFullDiskIsNamedAsSuchWithWhereAndWhatIsFree() {
        RecoveryException e = IoErrors.of("copy t1.ibd", work.resolve("t1.ibd"),
                new FileSystemException(work.resolve("t1.ibd").toString(), null, "No space left on device"));
        assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
        assertThat(e.exitCode()).isEqualTo(5);
        assertThat(e.getMessage()).startsWith("no space left on the disk of " + work.resolve("t1.ibd"))
                .contains("cannot copy t1.ibd", "free there");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("free space"));
        assertThat(IoErrors.of("write the report", null, new FileSystemException("/w/report.json.partial", null,
                "Disk quota exceeded")).getMessage()).startsWith("no space left on the disk of /w/report.json.partial");
        assertThat(IoErrors.noSpace(List.of("2025-01-01 0 [ERROR] InnoDB: Error number 28 means 'No space left on "
                + "device'", "[ERROR] InnoDB: Cannot open datafile"))).isTrue();
        assertThat(IoErrors.noSpace(List.of("[ERROR] InnoDB: Cannot open datafile"))).isFalse();
        RecoveryException other = IoErrors.of("write x", work, new IOException("Input/output error"));
        assertThat(other.getMessage()).doesNotContain("no space").contains("Input/output error");
    }

    @Test
    void aServerThatCouldNotStartForWantOfSpaceIsToldAsAFullDiskWithItsOutputKept() {
        List<String> tail = List.of(
                "2026-12-06 16:55:46 0 [ERROR] InnoDB: preallocating 12582912 bytes for file ./ibtmp1 failed with "
                        + "error 28",
                "2026-12-06 16:55:46 0 [ERROR] InnoDB: Unable to create the shared innodb_temporary",
                "2026-12-06 16:55:46 0 [ERROR] Aborting");
        RecoveryException start = RecoveryException.of(ErrorCode.SERVER_START_FAILED, "MariaDB did not start on "
                        + work.resolve("data")).path(work.resolve("data"))
                .hint("InnoDB could not open the data directory's files; the copy may be damaged").outputTail(tail)
                .build();

        RecoveryException told = IoErrors.explained(start, work);

        assertThat(told.code()).isEqualTo(ErrorCode.IO_ERROR);
        assertThat(told.getMessage()).startsWith("no space left on the disk of " + work.resolve("data"))
                .endsWith("MariaDB did not start on " + work.resolve("data"));
        assertThat(told.hint()).hasValueSatisfying(h -> assertThat(h).doesNotContain("damaged"));
        assertThat(told.outputTail()).isEqualTo(tail);
        assertThat(told.getCause()).isSameAs(start);

        RecoveryException damaged = RecoveryException.of(ErrorCode.SERVER_START_FAILED, "MariaDB did not start")
                .outputTail(List.of("[ERROR] InnoDB: Page [page id: space=0, page number=3] log sequence number "
                        + "2800000 is in the future", "[ERROR] InnoDB: error 287 in a file operation")).build();
        assertThat(IoErrors.explained(damaged, work)).isSameAs(damaged);
        assertThat(IoErrors.noSpace(List.of("Errcode: 28 \"No space left on device\""))).isTrue();
        assertThat(IoErrors.noSpace(List.of("mariadbd: Error writing file 'x' (Errcode: 28)"))).isTrue();
    }
}
