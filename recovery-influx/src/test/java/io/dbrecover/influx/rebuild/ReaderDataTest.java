package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderDataTest {
    @TempDir
    Path root;

    @Test
    void aLinkInTheTreeThatIsNotReadIsAnErrorSoThatTheRebuildIsNotVerifiedWithoutIt() throws IOException {
        Path shard = Files.createDirectories(root.resolve("data/db/autogen/1"));
        Path elsewhere = Files.createDirectories(root.resolve("other-disk"));
        Path tsm = Files.writeString(elsewhere.resolve("000000001-000000001.tsm"), "x");
        Files.createSymbolicLink(shard.resolve("000000001-000000001.tsm"), tsm);
        Files.createSymbolicLink(root.resolve("data/db/autogen/2"), elsewhere);

        ReaderData data = new ReaderData(root.resolve("data"), null);

        assertThat(data.findings()).filteredOn(f -> f.code().equals("SYMBOLIC_LINK")).hasSize(2)
                .allSatisfy(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.message()).contains("neither rebuilt nor counted");
                }).extracting(Finding::path).containsExactlyInAnyOrder(
                        shard.resolve("000000001-000000001.tsm").toString(),
                        root.resolve("data/db/autogen/2").toString());
    }
}
