package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.plan.Journal;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutDirTest {
    @TempDir
    Path tmp;

    @Test
    void refusesAnOutputInsideTheSourceAndASourceInsideTheOutput() throws IOException {
        Path from = Files.createDirectories(tmp.resolve("old"));

        assertThatThrownBy(() -> OutDir.check(from.resolve("new"), from.resolve("new"), List.of(from),
                "RestoreRequest.into")).isInstanceOf(RecoveryException.class)
                .hasMessageContaining("RestoreRequest.into").hasMessageContaining("is inside the source")
                .satisfies(e -> assertThat(((RecoveryException) e).code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED));
        assertThatThrownBy(() -> OutDir.check(tmp, tmp, List.of(from), "RestoreRequest.into"))
                .isInstanceOf(RecoveryException.class).hasMessageContaining("is inside RestoreRequest.into");
    }

    @Test
    void refusesANonEmptyOutputUnlessItHoldsAnEarlierRunsJournal() throws IOException {
        Path from = Files.createDirectories(tmp.resolve("old"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("leftover"), "x");

        assertThatThrownBy(() -> OutDir.check(out, out, List.of(from), "RebuildRequest.out"))
                .isInstanceOf(RecoveryException.class).hasMessageContaining("RebuildRequest.out")
                .hasMessageContaining("is not empty");
        Files.writeString(out.resolve(Journal.FILE_NAME), "");
        OutDir.check(out, out, List.of(from), "RebuildRequest.out");
        OutDir.check(tmp.resolve("fresh"), tmp.resolve("fresh"), List.of(from), "RebuildRequest.out");
    }

    @Test
    void copiesATreeWithoutTheIndexAndSeriesFilesAndClearsItAgain() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("db/rp/1/index/0"));
        Files.createDirectories(data.resolve("db/_series/00"));
        Files.writeString(data.resolve("db/rp/1/000000001-000000001.tsm"), "tsm");
        Files.writeString(data.resolve("db/rp/1/index/0/L0-00000001.tsl"), "tsl");
        Files.writeString(data.resolve("db/_series/00/0000"), "series");
        Files.createSymbolicLink(data.resolve("db/rp/1/link"), Path.of("/etc/passwd"));
        Path out = tmp.resolve("out");

        List<String> skipped = OutDir.copy(OutputFiles.outside(List.of(data)), data, out.resolve("data"),
                d -> BuildTsi.isIndex(data, d));

        assertThat(out.resolve("data/db/rp/1/000000001-000000001.tsm")).hasContent("tsm");
        assertThat(out.resolve("data/db/rp/1/index")).doesNotExist();
        assertThat(out.resolve("data/db/_series")).doesNotExist();
        assertThat(skipped).containsExactlyInAnyOrder("db/rp/1/index/ (rebuilt)", "db/_series/ (rebuilt)",
                "db/rp/1/link (link)");
        OutDir.clear(OutputFiles.outside(List.of(data)), out);
        assertThat(out.resolve("data")).doesNotExist();
        assertThat(data.resolve("db/rp/1/index/0/L0-00000001.tsl")).hasContent("tsl");
    }
}
