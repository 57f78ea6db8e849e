package io.dbrecover.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.SourceInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCopyTest {
    @TempDir
    Path tmp;

    private static final String HINT = "replace the link by what it points to in a copy";

    @Test
    void copiesFilesAndEmptyDirectoriesAndLeavesTheSourceAlone() throws IOException {
        Path source = tmp.resolve("old-disk/main");
        Files.createDirectories(source.resolve("base/1"));
        Files.createDirectories(source.resolve("pg_notify"));
        Files.createDirectories(source.resolve("pg_logical/snapshots"));
        Files.writeString(source.resolve("PG_VERSION"), "15\n");
        Files.write(source.resolve("base/1/1259"), new byte[8192]);
        Files.writeString(source.resolve("postmaster.pid"), "4242\n");
        SourceInventory before = Inventories.take(source, ProgressListener.NONE);

        TreeCopy.Result result;
        List<String> seen = new ArrayList<>();
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            result = TreeCopy.copy(ws, source, "data", TreeCopy.Links.REFUSE, HINT,
                    (file, size) -> seen.add(file.getFileName() + ":" + size), ProgressListener.NONE);
        }

        Path copy = tmp.resolve("work/data");
        assertThat(result.target()).isEqualTo(copy.toRealPath());
        assertThat(result.files()).isEqualTo(3);
        assertThat(result.bytes()).isEqualTo(8192 + 3 + 5);
        assertThat(result.directories()).isEqualTo(6);
        assertThat(result.skipped()).isEmpty();
        assertThat(seen).containsExactlyInAnyOrder("PG_VERSION:3", "1259:8192", "postmaster.pid:5");
        assertThat(copy.resolve("pg_notify")).isEmptyDirectory();
        assertThat(copy.resolve("pg_logical/snapshots")).isEmptyDirectory();
        assertThat(copy.resolve("base/1/1259")).hasSameBinaryContentAs(source.resolve("base/1/1259"));
        assertThat(Inventories.compare(List.of(before), List.of(Inventories.take(source, ProgressListener.NONE)))
                .unchanged()).isTrue();
    }

    @Test
    void refusesSymbolicLinksThatCouldLeadWritesIntoTheSource() throws IOException {
        Path source = tmp.resolve("main");
        Files.createDirectories(source.resolve("pg_tblspc"));
        Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(source.resolve("pg_tblspc/16384"), tmp.resolve("elsewhere"));

        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThatThrownBy(() -> TreeCopy.copy(ws, source, "data", TreeCopy.Links.REFUSE, HINT, null,
                    ProgressListener.NONE))
                    .isInstanceOfSatisfying(RecoveryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
                        assertThat(e.getMessage()).contains("pg_tblspc/16384");
                        assertThat(e.hint()).contains(HINT);
                    });
        }
    }

    @Test
    void skipsAndListsLinksWhenAskedTo() throws IOException {
        Path source = tmp.resolve("influxdb");
        Files.createDirectories(source.resolve("data"));
        Files.writeString(source.resolve("data/a.tsm"), "tsm");
        Files.createSymbolicLink(source.resolve("data/link"), tmp.resolve("anywhere"));
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            TreeCopy.Result r = TreeCopy.copy(ws, source, "server", TreeCopy.Links.SKIP, null, null, ProgressListener.NONE);
            assertThat(r.files()).isEqualTo(1);
            assertThat(r.skipped()).containsExactly("data/link (link)");
            assertThat(tmp.resolve("work/server/data/link")).doesNotExist();
        }
    }

    @Test
    void saysWhenTheSourceIsNotADirectory() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("main"));
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(source), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThatThrownBy(() -> TreeCopy.copy(ws, source.resolve("missing"), "data", TreeCopy.Links.REFUSE, HINT,
                    null, ProgressListener.NONE))
                    .isInstanceOfSatisfying(RecoveryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND));
        }
    }
}
