package io.dbrecover.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsARegularFileAndAFileBehindASymbolicLink() throws IOException {
        Path f = Files.write(tmp.resolve("t.frm"), new byte[] {1, 2, 3});
        Path link = Files.createSymbolicLink(tmp.resolve("l.frm"), f);
        assertThat(SourceFiles.read(f, 3, ".frm file", "limit")).containsExactly(1, 2, 3);
        assertThat(SourceFiles.read(link, 3, ".frm file", "limit")).containsExactly(1, 2, 3);
        assertThat(SourceFiles.kind(link)).isEqualTo(SourceFiles.Kind.SYMLINK);
        assertThat(SourceFiles.kindFollowingLinks(link)).isEqualTo(SourceFiles.Kind.FILE);
    }

    @Test
    void refusesSparseFilesOfGigabytesBeforeReadingAByte() throws IOException {
        for (long size : new long[] {1536L << 20, 2560L << 20}) {
            Path big = tmp.resolve("big" + size + ".frm");
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(size);
            }
            long t0 = System.nanoTime();
            RecoveryException e = catchThrowableOfType(RecoveryException.class,
                    () -> SourceFiles.read(big, 4 << 20, ".frm file", "MariaDB writes at most 1 MiB"));
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(e.getMessage()).contains(big.toString(), size + " bytes", "at most 4194304 bytes",
                    "MariaDB writes at most 1 MiB");
            assertThat(e.offset()).hasValue(4 << 20);
            assertThat(System.nanoTime() - t0).as("refused without reading").isLessThan(1_000_000_000L);
        }
    }

    @Test
    void aDirectoryOrADanglingLinkNamedLikeADataFileIsATypedError() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("d.frm"));
        RecoveryException e = catchThrowableOfType(RecoveryException.class,
                () -> SourceFiles.read(dir, 100, ".frm file", "limit"));
        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
        assertThat(e.getMessage()).contains("named like a .frm file but a directory");
        Path dangling = Files.createSymbolicLink(tmp.resolve("x.frm"), tmp.resolve("gone.frm"));
        RecoveryException d = catchThrowableOfType(RecoveryException.class,
                () -> SourceFiles.read(dangling, 100, ".frm file", "limit"));
        assertThat(d.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
        assertThat(d.getMessage()).contains("a symbolic link to " + tmp.resolve("gone.frm"), "does not exist");
    }

    @Test
    void cannotReadSaysWhyInTheSystemsWords() {
        Path p = tmp.resolve("t.frm");
        // Java's AccessDeniedException (EACCES) carries only the path: the reason is ours to name
        RecoveryException denied = SourceFiles.cannotRead(p, new AccessDeniedException(p.toString()));
        assertThat(denied.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(denied.getMessage()).isEqualTo(p + ": cannot read: permission denied");
        assertThat(denied.hint()).hasValueSatisfying(h -> assertThat(h).contains("root"));
        RecoveryException eio = SourceFiles.cannotRead(p, new FileSystemException(p.toString(), null,
                "Input/output error"));
        assertThat(eio.code()).isEqualTo(ErrorCode.IO_ERROR);
        assertThat(eio.getMessage()).endsWith("cannot read: input/output error");
        assertThat(SourceFiles.reason(new FileSystemLoopException(p.toString()))).isEqualTo("symbolic links form a loop");
    }
}
