package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.EvidenceWorkspace;
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
    void copiesFilesAndEmptyDatabaseDirectoriesIntoTheWorkDir() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("old-disk/mysql"));
        Files.writeString(source.resolve("ibdata1"), "system tablespace");
        Files.createDirectories(source.resolve("shop"));
        Files.writeString(source.resolve("shop/orders.ibd"), "pages");
        Files.createDirectories(source.resolve("empty_db"));
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            DataDirCopy.Result r = DataDirCopy.copy(ws, source, "datadir", ProgressListener.NONE);
            assertThat(r.files()).isEqualTo(2);
            assertThat(r.directories()).isEqualTo(3);
            assertThat(r.bytes()).isEqualTo("system tablespace".length() + "pages".length());
            assertThat(r.target().resolve("shop/orders.ibd")).hasContent("pages");
            assertThat(r.target().resolve("empty_db")).isEmptyDirectory();
            assertThat(r.skipped()).isEmpty();
        }
    }

    @Test
    void refusesSymbolicLinksSinceTheServerWouldWriteThroughThemIntoTheSource() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("old-disk/mysql"));
        Path elsewhere = Files.createDirectories(tmp.resolve("old-disk/elsewhere"));
        Files.createSymbolicLink(source.resolve("shop"), elsewhere);
        Files.writeString(source.resolve("ibdata1"), "x");
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThatThrownBy(() -> DataDirCopy.copy(ws, source, "datadir", ProgressListener.NONE))
                    .isInstanceOfSatisfying(RecoveryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
                        assertThat(e.getMessage()).contains("symbolic link", "shop");
                    });
        }
    }

    @Test
    void aMissingDirectoryIsReportedAsSuch() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("src"));
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThatThrownBy(() -> DataDirCopy.copy(ws, source.resolve("gone"), "datadir", ProgressListener.NONE))
                    .isInstanceOfSatisfying(RecoveryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND));
        }
    }
}
