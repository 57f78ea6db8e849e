package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.influx.InfluxRebuild;
import io.dbrecover.influx.RebuildRequest;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.testdata.InfluxTestData;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code buildtsi} strategy with the real {@code influx_inspect}, when it is on this machine. No Debian package
 * ships it (InfluxDB's own packages do), so on a machine set up by {@code ./run-tests} this test is skipped, says
 * why, and is the one skip {@code run-tests} accepts: it does not pretend with a fake tool.
 */
@RequiresServer("influx")
class InfluxBuildTsiIT {
    @TempDir
    Path tmp;

    @Test
    void buildsTheIndexWithTheEnginesToolAsTheDataOwnerAndProvesIt() throws IOException {
        Optional<InspectTool> tool = InspectTool.find(null, System.getenv(), new ProcessRunner());
        assumeThat(tool).as("influx_inspect is not on this machine (no Debian package ships it; InfluxDB's own "
                + "packages do, or name it with $" + InspectTool.ENV + "): the buildtsi strategy cannot be tested "
                + "here, and the replay strategy is tested by InfluxRebuildIT").isPresent();
        InfluxServerProvider provider = new InfluxServerProvider();
        InfluxTestData.Staged staged = InfluxTestData.stage(provider, tmp);
        try (Stream<Path> s = Files.walk(staged.dataDir())) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("index")
                    || p.getFileName().toString().equals("_series")).toList()) {
                try (Stream<Path> t = Files.walk(p)) {
                    for (Path q : t.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            }
        }
        SourceSnapshot before = SourceSnapshot.of(staged.serverDir());
        Path out = tmp.resolve("built");

        RecoveryReport report = InfluxRebuild.rebuildIndex(RebuildRequest.builder().dataDir(staged.dataDir())
                .walDir(staged.walDir()).out(out).strategy(RebuildRequest.Strategy.BUILDTSI).build(), provider);

        assertThat(report.outcome()).as(report.items().toString()).isEqualTo(Outcome.VERIFIED);
        assertThat(report.findings()).extracting(Finding::code).contains("STRATEGY").doesNotContain(
                "INDEX_NOT_BUILT");
        assertThat(RebuildProof.shards(out.resolve("data"))).isNotEmpty().allSatisfy(shard -> {
            assertThat(shard.resolve("index")).isDirectory();
            assertThat(Files.getOwner(shard.resolve("index")).getName()).isEqualTo(InfluxServer.DEFAULT_USER);
        });
        assertThat(before.compareNow().unchanged()).isTrue();
    }
}
