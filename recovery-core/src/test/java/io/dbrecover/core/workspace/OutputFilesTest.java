package io.dbrecover.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutputFilesTest {
    private static final byte[] ORIGINAL = "a source file: never written\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    Path source;
    Path sourceFile;
    Path work;
    OutputFiles files;

    @BeforeEach
    void layout() throws IOException {
        source = Files.createDirectories(tmp.resolve("disk/shop"));
        sourceFile = Files.write(source.resolve("t1.frm"), ORIGINAL);
        work = Files.createDirectories(tmp.resolve("work"));
        files = OutputFiles.outside(List.of(source));
    }

    /** Every way OutputFiles writes an existing name, each as the product uses it. */
    static Stream<Arguments> writes() {
        return Stream.of(
                write("write", (f, p) -> f.write(p, "report")),
                write("writePrivate", (f, p) -> f.writePrivate(p, "password=x")),
                write("createNew", (f, p) -> f.createNew(p, new byte[] {1})),
                write("newFile", (f, p) -> close(f.newFile(p))),
                write("replacing", (f, p) -> f.replacing(p).close()),
                write("openForUpdate", (f, p) -> close(f.openForUpdate(p))),
                write("openForAppend", (f, p) -> close(f.openForAppend(p))),
                write("writeAt", (f, p) -> f.writeAt(p, 0, new byte[] {'X'})),
                write("overwrite", (f, p) -> f.overwrite(p, new byte[] {'X'})),
                write("copyNew", (f, p) -> f.copyNew(p.resolveSibling("copy-source"), p)),
                write("copyReplacing", (f, p) -> f.copyReplacing(p.resolveSibling("copy-source"), p)),
                write("createDirectories", (f, p) -> f.createDirectories(p)),
                write("createPrivateDirectory", (f, p) -> f.createPrivateDirectory(p)));
    }

    private static Arguments write(String name, BiConsumer<OutputFiles, Path> op) {
        return Arguments.of(name, op);
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aSymbolicLinkToASourceFileIsRefusedAndTheSourceStaysAsItWas(String name, BiConsumer<OutputFiles, Path> op)
            throws IOException {
        Files.write(work.resolve("copy-source"), new byte[] {7});
        Path link = Files.createSymbolicLink(work.resolve("out"), sourceFile);

        assertThatThrownBy(() -> op.accept(files, link)).isInstanceOfSatisfying(RecoveryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED));

        assertThat(Files.readAllBytes(sourceFile)).isEqualTo(ORIGINAL);
        assertThat(Files.isSymbolicLink(link)).as("the link is left as it was").isTrue();
        assertThat(work.resolve("out.partial")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aSymbolicLinkOutsideEverySourceIsRefusedToo(String name, BiConsumer<OutputFiles, Path> op)
            throws IOException {
        Files.write(work.resolve("copy-source"), new byte[] {7});
        Path victim = Files.write(tmp.resolve("someone-elses-file"), ORIGINAL);
        Path link = Files.createSymbolicLink(work.resolve("out"), victim);

        assertThatThrownBy(() -> op.accept(files, link)).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
            assertThat(e.getMessage()).contains(link.toString(), "symbolic link", "never writes through a link");
        });
        assertThat(Files.readAllBytes(victim)).isEqualTo(ORIGINAL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aHardLinkOfASourceFileIsRefusedAndTheSourceStaysAsItWas(String name, BiConsumer<OutputFiles, Path> op)
            throws IOException {
        Files.write(work.resolve("copy-source"), new byte[] {7});
        Path hardLink = Files.createLink(work.resolve("out"), sourceFile);

        assertThatThrownBy(() -> op.accept(files, hardLink)).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
            assertThat(e.getMessage()).contains(hardLink.toString());
        });
        assertThat(Files.readAllBytes(sourceFile)).isEqualTo(ORIGINAL);
        assertThat(Files.isSameFile(hardLink, sourceFile)).as("the hard link is left as it was").isTrue();
    }

    @Test
    void theMessageForAHardLinkSaysWhatItIsAndWhatToDo() throws IOException {
        Path hardLink = Files.createLink(work.resolve(".dbrecover.lock"), sourceFile);
        assertThatThrownBy(() -> files.openForUpdate(hardLink)).isInstanceOfSatisfying(RecoveryException.class,
                e -> {
                    assertThat(e.getMessage()).contains("a file with 2 hard links", "one may be a source file");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("rm " + hardLink));
                    assertThat(e.exitCode()).isEqualTo(2);
                });
    }

    @Test
    void aPathInsideASourceIsRefusedAlsoThroughADirectoryLink() throws IOException {
        Path dirLink = Files.createSymbolicLink(work.resolve("inventory"), source);
        Path realSource = source.toRealPath();
        assertThatThrownBy(() -> files.write(dirLink.resolve("sources-before.json"), "{}"))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
                    assertThat(e.getMessage()).contains("inside the source " + realSource);
                });
        assertThatThrownBy(() -> files.write(source.resolve("new.sql"), "x"))
                .isInstanceOf(RecoveryException.class);
        assertThat(source.resolve("new.sql")).doesNotExist();
        assertThat(source.resolve("sources-before.json")).doesNotExist();
        assertThatThrownBy(() -> files.delete(sourceFile)).isInstanceOf(RecoveryException.class);
        assertThat(sourceFile).exists();
    }

    @Test
    void aLinkPlantedAtThePartialNameIsRefusedNotFollowed() throws IOException {
        Path out = work.resolve("x.sql");
        Path planted = Files.createSymbolicLink(work.resolve("x.sql.partial"), sourceFile);

        assertThatThrownBy(() -> files.write(out, "CREATE TABLE t (a int);")).isInstanceOf(RecoveryException.class);

        assertThat(Files.readAllBytes(sourceFile)).isEqualTo(ORIGINAL);
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        assertThat(out).doesNotExist();
    }

    @Test
    void writeReplacesAPlainFileWholeAndLeavesNoPartialName() throws IOException {
        Path out = files.write(work.resolve("report.json"), "first");
        Files.writeString(work.resolve("report.json.partial"), "left by a killed run");

        files.write(out, "second");

        assertThat(Files.readString(out)).isEqualTo("second");
        try (Stream<Path> names = Files.list(work)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
    }

    @Test
    void aReplacementClosedWithoutCommitKeepsWhatTheNameHeld() throws IOException {
        Path dump = Files.writeString(work.resolve("shop.sql"), "the complete dump of yesterday");
        try (FileReplacement r = files.replacing(dump)) {
            r.stream().write("half of today's".getBytes(StandardCharsets.UTF_8));
            assertThat(r.partial()).hasFileName("shop.sql.partial").exists();
        }
        assertThat(Files.readString(dump)).isEqualTo("the complete dump of yesterday");
        assertThat(work.resolve("shop.sql.partial")).doesNotExist();
    }

    @Test
    void aDirectoryOrAMissingDirectoryIsAUsageErrorAndNothingIsLeftBehind() throws IOException {
        Path dir = Files.createDirectories(work.resolve("out"));
        assertThatThrownBy(() -> files.write(dir, "x")).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).contains(dir + ": it is a directory");
        });
        Path inMissing = work.resolve("no-such-dir/x.sql");
        assertThatThrownBy(() -> files.write(inMissing, "x")).isInstanceOfSatisfying(RecoveryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).contains("the directory " + work.resolve("no-such-dir") + " does not exist");
        });
        assertThatThrownBy(() -> files.checkWritable(dir)).isInstanceOf(RecoveryException.class);
        try (Stream<Path> names = Files.list(work)) {
            assertThat(names).containsExactly(dir);
        }
        try (Stream<Path> names = Files.list(dir)) {
            assertThat(names).isEmpty();
        }
    }

    @Test
    void createNewNeverTouchesAnExistingFile() throws IOException {
        Path existing = Files.writeString(work.resolve("ibdata1"), "someone's");
        assertThatThrownBy(() -> files.createNew(existing, new byte[] {1}))
                .isInstanceOfSatisfying(RecoveryException.class,
                        e -> assertThat(e.getMessage()).contains("refusing to overwrite " + existing));
        assertThat(Files.readString(existing)).isEqualTo("someone's");
    }

    @Test
    void openForUpdateAndAppendNeitherTruncateNorFollow() throws IOException {
        Path lock = Files.writeString(work.resolve(".dbrecover.lock"), "1234\n");
        try (FileChannel ch = files.openForUpdate(lock)) {
            assertThat(ch.size()).isEqualTo(5);
        }
        Path journal = Files.writeString(work.resolve("journal.jsonl"), "{\"event\":\"plan\"}\n");
        try (FileChannel ch = files.openForAppend(journal)) {
            ch.write(ByteBuffer.wrap("{\"event\":\"step\"}\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(Files.readAllLines(journal)).containsExactly("{\"event\":\"plan\"}", "{\"event\":\"step\"}");
        try (FileChannel ch = files.openForAppend(work.resolve("new.jsonl"))) {
            assertThat(ch.size()).isZero();
        }
    }

    @Test
    void writeAtChangesOnlyTheBytesItWrites() throws IOException {
        Path copy = Files.write(work.resolve("t.ibd"), new byte[] {0, 1, 2, 3, 4, 5});
        files.writeAt(copy, 2, new byte[] {9, 9});
        assertThat(Files.readAllBytes(copy)).containsExactly(0, 1, 9, 9, 4, 5);
        assertThatThrownBy(() -> files.writeAt(work.resolve("missing.ibd"), 0, new byte[] {1}))
                .isInstanceOf(RecoveryException.class);
        assertThat(work.resolve("missing.ibd")).doesNotExist();
    }

    @Test
    void privateFilesAndDirectoriesAreTheOwnersOnlyFromTheStart() throws IOException {
        Path dir = files.createPrivateDirectory(work.resolve("private"));
        Path file = files.writePrivate(dir.resolve("init.sql"), "SET PASSWORD ...");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Path other = Files.createDirectories(tmp.resolve("not-ours"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path link = Files.createSymbolicLink(work.resolve("client"), other);
        assertThatThrownBy(() -> files.createPrivateDirectory(link)).isInstanceOf(RecoveryException.class);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other)))
                .as("the mode of the directory behind the link").isEqualTo("rwxr-xr-x");
    }

    @Test
    void aCopyKeepsTheBytesTheModeAndTheModificationTime() throws IOException {
        Path original = Files.write(source.resolve("t2.ibd"), new byte[300_000]);
        Files.setPosixFilePermissions(original, PosixFilePermissions.fromString("rw-r-----"));
        FileTime mtime = FileTime.from(Instant.parse("2019-03-04T05:06:07Z"));
        Files.setLastModifiedTime(original, mtime);

        Path copy = files.copyNew(original, work.resolve("t2.ibd"));

        assertThat(Files.mismatch(original, copy)).isEqualTo(-1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-r-----");
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(mtime);
        assertThatThrownBy(() -> files.copyNew(original, copy)).isInstanceOf(RecoveryException.class);
        Files.write(original, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(files.copyReplacing(original, copy))).containsExactly(1, 2, 3);
    }

    @Test
    void checkTreeRefusesADirectoryHoldingALinkOrAHardLink() throws IOException {
        Path data = Files.createDirectories(work.resolve("datadir/shop"));
        Files.write(data.resolve("t.ibd"), new byte[] {1});
        assertThat(files.checkTree(work.resolve("datadir"))).isEqualTo(work.resolve("datadir").toRealPath());

        Path hardLink = Files.createLink(work.resolve("datadir/ibdata1"), sourceFile);
        assertThatThrownBy(() -> files.checkTree(work.resolve("datadir")))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
                    assertThat(e.getMessage()).contains("a file with 2 hard links");
                    assertThat(e.path()).hasValue(hardLink);
                });
        Files.delete(hardLink);
        Files.createSymbolicLink(data.resolve("t2.ibd"), sourceFile);
        assertThatThrownBy(() -> OutputFiles.withoutSources().checkTree(work.resolve("datadir")))
                .hasMessageContaining("a symbolic link to " + sourceFile);
        assertThatThrownBy(() -> files.checkTree(source)).isInstanceOf(RecoveryException.class);
    }

    @Test
    void deleteTreeRemovesEverythingBelowButNeitherWhatLinksPointToNorASource() throws IOException {
        Path victimDir = Files.createDirectories(tmp.resolve("elsewhere"));
        Path victim = Files.write(victimDir.resolve("keep"), ORIGINAL);
        Path tree = Files.createDirectories(work.resolve("rebuilt/data/db/autogen/1"));
        Files.write(tree.resolve("000000001-000000001.tsm"), ORIGINAL);
        Files.createSymbolicLink(tree.resolve("to-dir"), victimDir);
        Files.createSymbolicLink(work.resolve("rebuilt/to-file"), victim);
        Files.createDirectories(work.resolve("rebuilt/wal"));

        assertThat(files.deleteTree(work.resolve("rebuilt"))).isTrue();
        assertThat(work.resolve("rebuilt")).doesNotExist();
        assertThat(Files.readAllBytes(victim)).isEqualTo(ORIGINAL);
        assertThat(files.deleteTree(work.resolve("rebuilt"))).isFalse();

        // a tree holding a link into a source, and a source itself, are refused: the source keeps every file
        Files.createDirectories(work.resolve("again"));
        Files.createSymbolicLink(work.resolve("again/to-source"), source);
        for (Path refused : List.of(work.resolve("again"), source)) {
            assertThatThrownBy(() -> files.deleteTree(refused))
                    .isInstanceOfSatisfying(RecoveryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED));
        }
        assertThat(Files.readAllBytes(sourceFile)).isEqualTo(ORIGINAL);
    }

    @Test
    void deleteRemovesALinkAsANameAndLeavesWhatItPointsTo() throws IOException {
        Path victim = Files.write(tmp.resolve("victim"), ORIGINAL);
        Path link = Files.createSymbolicLink(work.resolve("cfg"), victim);
        assertThat(files.delete(link)).isTrue();
        assertThat(link).doesNotExist();
        assertThat(Files.readAllBytes(victim)).isEqualTo(ORIGINAL);
        assertThat(files.delete(link)).isFalse();
    }

    @Test
    void aStreamedNewFileCanBeWrittenAndClosed() throws IOException {
        Path out = work.resolve("bin/mariadbd");
        files.createDirectories(out.getParent());
        try (OutputStream o = files.newFile(out)) {
            o.write(new byte[] {1, 2});
        }
        assertThat(Files.readAllBytes(out)).containsExactly(1, 2);
    }
}
