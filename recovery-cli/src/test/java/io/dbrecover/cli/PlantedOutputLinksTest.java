package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tester's commands of issue 16 §1 and the output-path mistakes of §2, in process and without a server: a
 * symbolic link or a hard link into the source planted at a name {@code mysql ddl --out} or {@code mysql recover}
 * writes before any server starts, an {@code --out} or {@code --dump} naming a directory or a file in a missing
 * one. Each is refused with exit 2 and one clear line, no stray file is left, and every source file keeps its bytes.
 */
class PlantedOutputLinksTest {
    @TempDir
    Path tmp;

    /** The view fixtures as a database directory, like $SRC of the issue. */
    private Path ddlSource() throws Exception {
        return MySqlDdlCommandTest.viewDatabase(tmp.resolve("src"));
    }

    /** small.frm and small.ibd in a database directory, like $SRC of the recover command. */
    private Path recoverSource() throws IOException {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(MySqlRecoverCommandTest.IBD_FIXTURES.resolve("small.frm"), db.resolve("small.frm"));
        Files.copy(MySqlRecoverCommandTest.IBD_FIXTURES.resolve("small.ibd"), db.resolve("small.ibd"));
        return db;
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> bytes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                bytes.put(f, Files.readAllBytes(f));
            }
        }
        return bytes;
    }

    private static void assertUnchanged(Path dir, Map<Path, byte[]> before) throws IOException {
        Map<Path, byte[]> after = snapshot(dir);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((f, b) -> assertThat(after.get(f)).as(f.toString()).isEqualTo(b));
    }

    private static void plant(String kind, Path at, Path target) throws IOException {
        Files.createDirectories(at.getParent());
        if (kind.equals("hard link")) {
            Files.createLink(at, target);
        } else {
            Files.createSymbolicLink(at, target);
        }
    }

    @Test
    void ddlOutIgnoresALinkAtTheOldTmpNameAndTheSourceKeepsItsBytes() throws Exception {
        // ln -s $SRC/t3.frm out/x.sql.tmp; ./dbrecover mysql ddl $SRC --out out/x.sql (wrote the SQL over t3.frm); t1.frm here
        Path src = ddlSource();
        Map<Path, byte[]> before = snapshot(src);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("x.sql.tmp"), src.resolve("t1.frm"));

        CliTest.Run r = CliTest.run("mysql", "ddl", src.toString(), "--out", out.resolve("x.sql").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("x.sql"))).contains("CREATE TABLE `t1`");
        assertUnchanged(src, before);
        assertThat(Files.isSymbolicLink(out.resolve("x.sql.tmp"))).isTrue();
    }

    static Stream<Arguments> ddlNames() {
        return Stream.of("x.sql", "x.sql.partial").flatMap(n -> Stream.of(Arguments.of(n, "symbolic link"),
                Arguments.of(n, "hard link")));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("ddlNames")
    void ddlOutRefusesALinkAtAnyNameItWrites(String name, String kind) throws Exception {
        Path src = ddlSource();
        Map<Path, byte[]> before = snapshot(src);
        Path out = Files.createDirectories(tmp.resolve("out"));
        plant(kind, out.resolve(name), src.resolve("t1.frm"));

        CliTest.Run r = CliTest.run("mysql", "ddl", src.toString(), "--out", out.resolve("x.sql").toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", name).doesNotContain("Exception", "a bug");
        assertUnchanged(src, before);
        try (Stream<Path> names = Files.list(out)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly(name);
        }
    }

    @Test
    void ddlOutNamingADirectoryIsAUsageErrorAndLeavesNoStrayFile() throws Exception {
        Path src = ddlSource();
        Path out = Files.createDirectories(tmp.resolve("out"));

        CliTest.Run r = CliTest.run("mysql", "ddl", src.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("USAGE", out + ": it is a directory", "hint: name a file")
                .doesNotContain("internal error", "a bug");
        try (Stream<Path> names = Files.list(out)) {
            assertThat(names).isEmpty();
        }
        try (Stream<Path> names = Files.list(tmp)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("src", "out");
        }
    }

    @Test
    void ddlOutInAMissingDirectoryIsAUsageErrorAndCreatesNothing() throws Exception {
        Path src = ddlSource();
        Path out = tmp.resolve("no-such-dir/x.sql");

        CliTest.Run r = CliTest.run("mysql", "ddl", src.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("USAGE", "the directory " + out.getParent() + " does not exist")
                .doesNotContain("internal error", "a bug");
        assertThat(out.getParent()).doesNotExist();
    }

    @Test
    void ddlOutReplacesAnEarlierScriptOfItsOwn() throws Exception {
        Path src = ddlSource();
        Path out = Files.writeString(Files.createDirectories(tmp.resolve("out")).resolve("x.sql"), "old");
        CliTest.Run r = CliTest.run("mysql", "ddl", src.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains("CREATE TABLE `t1`");
        try (Stream<Path> names = Files.list(out.getParent())) {
            assertThat(names).containsExactly(out);
        }
    }

    static Stream<Arguments> recoverNames() {
        return Stream.of(".dbrecover.lock", "inventory/sources-before.json", "journal.jsonl").flatMap(n -> Stream.of(
                Arguments.of(n, "symbolic link"), Arguments.of(n, "hard link")));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("recoverNames")
    void recoverRefusesALinkPlantedInTheWorkDirBeforeAnyServerStarts(String name, String kind) throws Exception {
        // ln $SRC/t1.frm wd/.dbrecover.lock; ./dbrecover mysql recover --from $SRC --workdir wd (destroyed t1.frm,
        // and the run said VERIFIED, sources unchanged: yes)
        Path src = recoverSource();
        Map<Path, byte[]> before = snapshot(src);
        Path work = tmp.resolve("wd");
        plant(kind, work.resolve(name), src.resolve("small.frm"));

        CliTest.Run r = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir", work.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", Path.of(name).getFileName().toString())
                .doesNotContain("Exception");
        assertUnchanged(src, before);
        assertThat(work.resolve("server")).as("no server was started").doesNotExist();
    }

    static Stream<Arguments> dumpNames() {
        return Stream.of("shop.sql", "shop.sql.partial").flatMap(n -> Stream.of(Arguments.of(n, "symbolic link"),
                Arguments.of(n, "hard link")));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("dumpNames")
    void recoverRefusesALinkAtTheDumpBeforeAnyServerStarts(String name, String kind) throws Exception {
        Path src = recoverSource();
        Map<Path, byte[]> before = snapshot(src);
        Path out = Files.createDirectories(tmp.resolve("out"));
        plant(kind, out.resolve(name), src.resolve("small.ibd"));

        CliTest.Run r = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir",
                tmp.resolve("wd").toString(), "--dump", out.resolve("shop.sql").toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", name);
        assertUnchanged(src, before);
        assertThat(tmp.resolve("wd")).as("refused before the work dir was made").doesNotExist();
    }

    @Test
    void recoverDumpNamingADirectoryOrAMissingOneIsAUsageErrorUpFront() throws Exception {
        Path src = recoverSource();
        Path dir = Files.createDirectories(tmp.resolve("out"));
        for (Path dump : List.of(dir, tmp.resolve("missing/shop.sql"))) {
            CliTest.Run r = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir",
                    tmp.resolve("wd").toString(), "--dump", dump.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("USAGE").doesNotContain("a bug");
        }
        assertThat(tmp.resolve("wd")).doesNotExist();
        assertThat(tmp.resolve("missing")).doesNotExist();
    }
}
