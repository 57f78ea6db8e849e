package io.dbrecover.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    private ErrorCode refusal(OutputFiles files, Path dir, boolean mayHoldFiles) {
        try {
            RunDirectory.check(files, dir, "Request.out", mayHoldFiles);
            return null;
        } catch (RecoveryException e) {
            assertThat(e.getMessage()).contains("Request.out");
            return e.code();
        }
    }

    @Test
    void aNewOrEmptyDirectoryOutsideTheSourcesIsTakenAndNothingIsMade() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("old/data"));
        OutputFiles files = OutputFiles.outside(List.of(source));
        assertThat(RunDirectory.check(files, tmp.resolve("new/out"), "Request.out", false))
                .isEqualTo(tmp.resolve("new/out").toAbsolutePath().normalize());
        assertThat(tmp.resolve("new")).doesNotExist();
        assertThat(refusal(files, Files.createDirectories(tmp.resolve("empty")), false)).isNull();
    }

    @Test
    void insideASourceHoldingASourceAFileOrFilesAreRefused() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("old/data"));
        OutputFiles files = OutputFiles.outside(List.of(source));
        assertThat(refusal(files, source.resolve("rebuilt"), false)).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(refusal(files, tmp.resolve("old"), true)).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        // through a link to the source
        Path link = Files.createSymbolicLink(tmp.resolve("link"), source);
        assertThat(refusal(files, link.resolve("x"), false)).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(refusal(files, Files.writeString(tmp.resolve("file"), "x"), true)).isEqualTo(ErrorCode.USAGE);
        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("journal.jsonl"), "{}");
        assertThat(refusal(files, used, false)).isEqualTo(ErrorCode.USAGE);
        assertThat(refusal(files, used, true)).as("an earlier run, resumed").isNull();
    }
}
