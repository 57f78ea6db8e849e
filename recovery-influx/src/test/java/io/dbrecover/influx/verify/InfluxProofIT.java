package io.dbrecover.influx.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Verification;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof catches what a server that merely answers {@code /ping} hides: points lost with the WAL, and shards
 * influxd could not open.
 */
@RequiresServer("influx")
class InfluxProofIT {
    private static final String DB = "it";

    private static final InfluxServerProvider PROVIDER = new InfluxServerProvider();

    @TempDir
    static Path tmp;

    private static Path original;
    private static InfluxProof before;

    @BeforeAll
    static void stageAStoppedServer() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InfluxServer server = PROVIDER.create(ServerOptions.builder().baseDir(tmp).keepFiles(true).build())) {
            server.start();
            InfluxHttp http = server.http();
            http.createDatabase(DB);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                lines.add("m,host=h" + (i % 5) + " v=" + i + "i," + "f=" + (i / 4.0) + " " + (1700000000L + i * 60));
            }
            http.write(DB, InfluxHttp.Precision.SECONDS, lines);
            before = InfluxProof.collect(http, DB);
            server.stop();
            original = server.info().dataDir();
        }
    }

    @Test
    void aCompleteCopyProvesEqual() throws IOException {
        Path copy = copy(original, tmp.resolve("complete"), p -> true);

        InfluxProof after = proofOn(copy);

        assertThat(before.points()).isEqualTo(500);
        assertThat(before.seriesCount()).isEqualTo(5);
        assertThat(InfluxProof.compare(before, after).values().stream().flatMap(List::stream))
                .allMatch(Verification::passed);
    }

    @Test
    void aCopyWithoutTheWalAnswersButTheProofFails() throws IOException {
        Path copy = copy(original, tmp.resolve("no-wal"), p -> !p.getFileName().toString().endsWith(".wal"));

        InfluxProof after = proofOn(copy);

        Map<String, List<Verification>> checks = InfluxProof.compare(before, after);
        assertThat(checks.get(DB + ".m")).filteredOn(v -> v.check().equals("point-count")).singleElement()
                .matches(v -> !v.passed() && v.expected().equals("500") && v.actual().equals("0"));
        assertThat(checks.get(DB + ".m")).filteredOn(v -> v.check().equals("ordered-row-hash"))
                .singleElement().matches(v -> !v.passed());
    }

    @Test
    void aShardInfluxdCannotOpenIsReportedAndItsPointsAreMissing() throws IOException {
        Path copy = copy(original, tmp.resolve("broken-shard"), p -> true);
        Path shard;
        try (Stream<Path> s = Files.list(copy.resolve("data").resolve(DB).resolve("autogen"))) {
            shard = s.findFirst().orElseThrow();
        }
        // a file where influxd expects the shard's TSI index directory
        deleteTree(shard.resolve("index"));
        Files.writeString(shard.resolve("index"), "not a directory");

        try (InfluxServer server = PROVIDER.create(ServerOptions.builder().baseDir(tmp).dataDir(copy).build())) {
            server.start();
            assertThat(server.shardsNotOpened()).singleElement().asString().contains("Failed to open shard");
            InfluxProof after = InfluxProof.collect(server.http(), DB);
            assertThat(after.points()).isLessThan(before.points());
        }
    }

    private static InfluxProof proofOn(Path serverDir) {
        try (InfluxServer server = PROVIDER.create(ServerOptions.builder().baseDir(tmp).dataDir(serverDir).build())) {
            server.start();
            return InfluxProof.collect(server.http(), DB);
        }
    }

    private static Path copy(Path from, Path to, Predicate<Path> include) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (include.test(p)) {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
