package io.dbrecover.postgres.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirCopyTest {
    @TempDir
    Path tmp;

    @Test
    void copiesFilesAndEmptyDirectoriesAndLeavesTheSourceAlone() throws IOException {
        Path source = tmp.resolve("old-disk/main");
        Files.createDirectories(source.resolve("base/1"));
        Files.createDirectories(source.resolve("pg_notify"));
        Files.createDirectories(source.resolve("pg_logical/snapshots"));
        Files.writeString(source.resolve("PG_VERSION"), "15\n");
        Files.write(source.resolve("base/1/1259"), new byte[8192]);
        Files.writeString(source.resolve("postmaster.pid"), "4242\n" + source + "\n");
        SourceSnapshot before = SourceSnapshot.of(source);

        DataDirCopy.Result result;
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            result = DataDirCopy.copy(ws, source, "data", ProgressListener.NONE);
        }

        Path copy = tmp.resolve("work/data");
        assertThat(result.target()).isEqualTo(copy.toRealPath());
        assertThat(result.files()).isEqualTo(3);
        assertThat(result.bytes()).isEqualTo(8192 + 3 + Files.size(source.resolve("postmaster.pid")));
        assertThat(result.directories()).isEqualTo(6);
        assertThat(copy.resolve("pg_notify")).isEmptyDirectory();
        assertThat(copy.resolve("pg_logical/snapshots")).isEmptyDirectory();
        assertThat(copy.resolve("PG_VERSION")).hasContent("15");
        assertThat(copy.resolve("base/1/1259")).hasSameBinaryContentAs(source.resolve("base/1/1259"));
        // the copy keeps the modification time (to the microsecond the file system call takes)
        assertThat(Files.getLastModifiedTime(copy.resolve("base/1/1259")).toMillis())
                .isEqualTo(Files.getLastModifiedTime(source.resolve("base/1/1259")).toMillis());
        assertThat(before.compareNow().unchanged()).isTrue();
    }

    @Test
    void refusesSymbolicLinksThatCouldLeadWritesIntoTheSource() throws IOException {
        Path source = tmp.resolve("main");
        Files.createDirectories(source.resolve("pg_tblspc"));
        Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(source.resolve("pg_tblspc/16384"), tmp.resolve("elsewhere"));

        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThatThrownBy(() -> DataDirCopy.copy(ws, source, "data", ProgressListener.NONE))
                    .isInstanceOfSatisfying(RecoveryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
                        assertThat(e.getMessage()).contains("pg_tblspc/16384").contains("tablespaces");
                        assertThat(e.hint()).isPresent();
                    });
        }
    }

    @Test
    void saysWhenTheSourceIsNotADirectory() throws IOException {
        Path source = tmp.resolve("main");
        Files.createDirectories(source);
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThatThrownBy(() -> DataDirCopy.copy(ws, source.resolve("missing"), "data", ProgressListener.NONE))
                    .isInstanceOfSatisfying(RecoveryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND));
        }
    }
}
