package io.dbrecover.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run over a source, with a symbolic link or a hard link to a source file planted beforehand at each name the run
 * writes in its work dir: the run is refused with {@code SOURCE_WRITE_REFUSED} (exit 2), and the source keeps its
 * bytes. The work dir lock's hard link is the case that once destroyed a source while the run said "unchanged".
 */
class PlantedLinksTest {
    private static final byte[] FRM = "the only copy of a table definition".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    static Stream<Arguments> plantings() {
        List<String> names = List.of(".dbrecover.lock", "inventory/sources-before.json", "journal.jsonl",
                "report.json", "report.json.partial", "inventory/sources-after.json",
                "inventory/sources-before.json.partial", "copies/t1.frm");
        return names.stream().flatMap(n -> Stream.of(Arguments.of(n, "symbolic link"), Arguments.of(n, "hard link")));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("plantings")
    void aRunRefusesALinkPlantedAtANameItWritesAndTheSourceKeepsItsBytes(String name, String kind) throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Path t1 = Files.write(source.resolve("t1.frm"), FRM);
        Path work = tmp.resolve("work");
        Path planted = work.resolve(name);
        Files.createDirectories(planted.getParent());
        if (kind.equals("hard link")) {
            Files.createLink(planted, t1);
        } else {
            Files.createSymbolicLink(planted, t1);
        }
        Plan plan = new Plan("p", "", List.of(new Step("copy", "copies t1.frm into the work dir", ctx -> {
            ctx.workspace().copyIn(t1, "copies/t1.frm");
            ctx.item(new ItemResult("t1", ItemStatus.VERIFIED, "copied"));
            ctx.verification(Verification.equality("t1", "copied", 1, 1));
        })));

        RecoveryException e = catchThrowableOfType(RecoveryException.class, () -> RecoveryRun.builder("test",
                "recover").source(source).workDir(work).build().execute(plan));

        assertThat(e).as("the run must be refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).contains(planted.getFileName().toString());
        assertThat(Files.readAllBytes(t1)).isEqualTo(FRM);
        try (Stream<Path> files = Files.list(source)) {
            assertThat(files).containsExactly(t1);
        }
    }

    @Test
    void withNothingPlantedTheSameRunIsVerified() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Path t1 = Files.write(source.resolve("t1.frm"), FRM);
        Plan plan = new Plan("p", "", List.of(new Step("copy", "copies t1.frm into the work dir", ctx -> {
            ctx.workspace().copyIn(t1, "copies/t1.frm");
            ctx.item(new ItemResult("t1", ItemStatus.VERIFIED, "copied"));
            ctx.verification(Verification.equality("t1", "copied", 1, 1));
        })));
        var report = RecoveryRun.builder("test", "recover").source(source).workDir(tmp.resolve("work")).build()
                .execute(plan);
        assertThat(report.exitCode()).isZero();
        assertThat(tmp.resolve("work/copies/t1.frm")).hasBinaryContent(FRM);
    }
}
