package io.dbrecover.influx.recover;

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

class ServerDirCopyTest {
    @TempDir
    Path tmp;

    @Test
    void copiesFilesAndEmptyDirectoriesButNotLinks() throws IOException {
        Path src = tmp.resolve("var-lib-influxdb");
        write(src.resolve("meta/meta.db"), "meta");
        write(src.resolve("data/telegraf/autogen/1/000000001-000000001.tsm"), "tsm");
        Files.createDirectories(src.resolve("data/telegraf/autogen/1/index/0"));
        write(src.resolve("wal/telegraf/autogen/1/_00001.wal"), "wal-entries");
        Files.createSymbolicLink(src.resolve("data/elsewhere"), Path.of("../meta"));

        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            ServerDirCopy.Result r = ServerDirCopy.copy(ws, src, "server");

            Path copy = tmp.resolve("work/server").toRealPath();
            assertThat(r.target().toRealPath()).isEqualTo(copy);
            assertThat(copy.resolve("meta/meta.db")).hasContent("meta");
            assertThat(copy.resolve("wal/telegraf/autogen/1/_00001.wal")).hasContent("wal-entries");
            assertThat(copy.resolve("data/telegraf/autogen/1/index/0")).isEmptyDirectory();
            assertThat(copy.resolve("data/elsewhere")).doesNotExist();
            assertThat(r.files()).isEqualTo(3);
            assertThat(r.bytes()).isEqualTo("meta".length() + "tsm".length() + "wal-entries".length());
            assertThat(r.tsmFiles()).isEqualTo(1);
            assertThat(r.walFiles()).isEqualTo(1);
            assertThat(r.walBytes()).isEqualTo("wal-entries".length());
            assertThat(r.skipped()).containsExactly("data/elsewhere (link)");
            // the JDK copies modification times to the microsecond
            assertThat(Files.getLastModifiedTime(copy.resolve("meta/meta.db")).toMillis())
                    .isEqualTo(Files.getLastModifiedTime(src.resolve("meta/meta.db")).toMillis());
            assertThat(ws.verifySources(ProgressListener.NONE).unchanged()).isTrue();
        }
    }

    @Test
    void refusesToCopyOutsideTheWorkDir() throws IOException {
        Path src = tmp.resolve("src");
        write(src.resolve("meta/meta.db"), "meta");

        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThatThrownBy(() -> ServerDirCopy.copy(ws, src, "../escape"))
                    .isInstanceOfSatisfying(RecoveryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
        }
        assertThat(tmp.resolve("escape")).doesNotExist();
    }

    private static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
