package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.plan.Journal;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.InfluxRebuild;
import io.dbrecover.influx.RebuildRequest;
import io.dbrecover.influx.RestoreRequest;
import io.dbrecover.influx.http.Series;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.testdata.InfluxTestData;
import io.dbrecover.influx.verify.InfluxProof;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof in CI: a server directory written through influxd's HTTP API (two databases, a non-default
 * retention policy, TSM and WAL-only shards, tombstones), stopped, its every {@code index/} and {@code _series}
 * deleted, rebuilt with replay; the baseline taken from the original server must come back exactly (ordered hashes
 * of every point included), the source must stay byte-identical, and the same holds when meta.db is lost too and
 * for {@code restore}. A flipped byte in a TSM block fails the proof.
 */
@RequiresServer("influx")
class InfluxRebuildIT {
    private static final InfluxServerProvider PROVIDER = new InfluxServerProvider();

    @TempDir
    static Path tmp;

    private static InfluxTestData.Staged staged;

    @BeforeAll
    static void stageAServerWhoseIndexIsLost() throws IOException {
        staged = InfluxTestData.stage(PROVIDER, tmp);
        try (Stream<Path> s = Files.walk(staged.dataDir())) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("index")
                    || p.getFileName().toString().equals("_series")).toList()) {
                deleteTree(p);
            }
        }
        assertThat(RebuildProof.shards(staged.dataDir())).isNotEmpty()
                .allMatch(shard -> !Files.exists(shard.resolve("index")));
    }

    @Test
    void pointsReplayedIntoAnotherRetentionPolicyOfTheirDatabaseFailTheProof() {
        // a replay that writes the points of factory/short into factory/autogen: the database's sums per measurement
        // stay the same, so only a comparison per retention policy can see it
        Map<SourceData.Shard, SourceData.Shard> original = new java.util.HashMap<>();
        SourceData.Factory misplacing = (data, wal) -> {
            SourceData real = new ReaderData(data, wal);
            return new SourceData() {
                @Override
                public List<Shard> shards() {
                    return real.shards().stream().map(s -> {
                        if (!s.retentionPolicy().equals(InfluxTestData.SHORT_RP)) {
                            return s;
                        }
                        Shard moved = new Shard(s.database(), "autogen", s.id(), s.dir(), s.walDir(), s.minNanos(),
                                s.maxNanos(), s.walBytes(), s.hasIndex());
                        original.put(moved, s);
                        return moved;
                    }).toList();
                }

                @Override
                public List<Finding> findings() {
                    return real.findings();
                }

                @Override
                public LeftOut replay(Shard shard, int batchLines, Batch sink) {
                    return real.replay(original.getOrDefault(shard, shard), batchLines, sink);
                }

                @Override
                public Map<String, InfluxProof> expected() {
                    return real.expected();
                }

                @Override
                public List<io.dbrecover.influx.model.DatabaseCounts> countsPerPolicy() {
                    return real.countsPerPolicy();
                }

                @Override
                public Map<io.dbrecover.influx.shard.FileValues.Key, io.dbrecover.influx.shard.ValueDigest> values() {
                    return real.values();
                }
            };
        };
        Path out = tmp.resolve("misplaced");
        RebuildInput in = new RebuildInput("rebuild-index", null, staged.dataDir(), staged.walDir(), null, out, null,
                RebuildInput.Strategy.REPLAY, null, ServerOptions.builder().build(),
                io.dbrecover.core.api.ProgressListener.NONE, Map.of());

        RecoveryReport report = new IndexRebuild(in, PROVIDER, new io.dbrecover.core.process.ProcessRunner(),
                Map.of(), misplacing).run();

        assertThat(original).isNotEmpty();
        assertThat(report.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(report.verifications()).filteredOn(v -> !v.passed()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.item()).startsWith(InfluxTestData.FACTORY + "/"));
        assertThat(report.items()).filteredOn(i -> i.status() == ItemStatus.VERIFICATION_FAILED)
                .extracting(ItemResult::name).contains(InfluxTestData.FACTORY + "/" + InfluxTestData.SHORT_RP,
                        InfluxTestData.FACTORY + "/autogen");
    }

    @Test
    void aReplayThatChangesOneValueButNoCountFailsTheProofNamingTheSeriesAndField() {
        // one integer value written one higher: every count (points, series, fields, types, values per policy)
        // stays the same, so only the comparison of the values themselves can see it
        java.util.regex.Pattern integerLine = java.util.regex.Pattern.compile(
                "^((?:[^ \\\\]|\\\\.)+) ([a-z_]+)=(-?[0-9]+)i (-?[0-9]+)$", java.util.regex.Pattern.MULTILINE);
        String[] altered = new String[4];
        SourceData.Factory altering = (data, wal) -> {
            SourceData real = new ReaderData(data, wal);
            return new Delegating(real) {
                @Override
                public LeftOut replay(Shard shard, int batchLines, Batch sink) {
                    return real.replay(shard, batchLines, (body, lines) -> {
                        String text = new String(body, StandardCharsets.UTF_8);
                        java.util.regex.Matcher m = integerLine.matcher(text);
                        if (altered[0] == null && m.find()) {
                            altered[0] = shard.database() + "/" + shard.retentionPolicy();
                            altered[1] = m.group(1);
                            altered[2] = m.group(2);
                            altered[3] = m.group(3);
                            text = text.substring(0, m.start(3)) + (Long.parseLong(m.group(3)) + 1)
                                    + text.substring(m.end(3));
                        }
                        sink.send(text.getBytes(StandardCharsets.UTF_8), lines);
                    });
                }
            };
        };
        Path out = tmp.resolve("altered");
        RebuildInput in = new RebuildInput("rebuild-index", null, staged.dataDir(), staged.walDir(), null, out, null,
                RebuildInput.Strategy.REPLAY, null, ServerOptions.builder().build(),
                io.dbrecover.core.api.ProgressListener.NONE, Map.of());

        RecoveryReport report = new IndexRebuild(in, PROVIDER, new io.dbrecover.core.process.ProcessRunner(),
                Map.of(), altering).run();

        assertThat(altered[0]).as("a replayed integer value to change").isNotNull();
        String series = io.dbrecover.influx.shard.SeriesIdentity.ofKey(new String(altered[1].getBytes(
                StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        assertThat(report.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(report.exitCode()).isEqualTo(4);
        // every count still agrees: the one failed check is the value check of that series field
        assertThat(report.verifications()).filteredOn(v -> !v.passed()).singleElement().satisfies(v -> {
            assertThat(v.item()).startsWith(altered[0] + "/");
            assertThat(v.check()).isEqualTo("values-exact " + series + " " + altered[2]);
            assertThat(v.expected()).isNotEqualTo(v.actual()).startsWith(v.actual().substring(0, v.actual()
                    .indexOf(' ')) + " values");
        });
        assertThat(report.items()).filteredOn(i -> i.status() == ItemStatus.VERIFICATION_FAILED).singleElement()
                .satisfies(i -> assertThat(i.detail()).contains(series + " " + altered[2]));
    }

    /** A {@link SourceData} that hands everything to another; tests override what they change. */
    private static class Delegating implements SourceData {
        private final SourceData real;

        Delegating(SourceData real) {
            this.real = real;
        }

        @Override
        public List<Shard> shards() {
            return real.shards();
        }

        @Override
        public List<Finding> findings() {
            return real.findings();
        }

        @Override
        public LeftOut replay(Shard shard, int batchLines, Batch sink) {
            return real.replay(shard, batchLines, sink);
        }

        @Override
        public Map<String, InfluxProof> expected() {
            return real.expected();
        }

        @Override
        public List<io.dbrecover.influx.model.DatabaseCounts> countsPerPolicy() {
            return real.countsPerPolicy();
        }

        @Override
        public Map<io.dbrecover.influx.shard.FileValues.Key, io.dbrecover.influx.shard.ValueDigest> values() {
            return real.values();
        }
    }

    @Test
    void replayBringsTheBaselineBackExactlyAndLeavesTheSourceAlone() throws IOException {
        SourceSnapshot before = SourceSnapshot.of(staged.serverDir());
        Path out = tmp.resolve("replayed");

        RecoveryReport report = InfluxRebuild.rebuildIndex(RebuildRequest.builder().dataDir(staged.dataDir())
                .walDir(staged.walDir()).out(out).strategy(RebuildRequest.Strategy.REPLAY).build(), PROVIDER);

        assertVerified(report);
        assertThat(report.findings()).extracting(Finding::code).contains("STRATEGY", "REPLAYED")
                .doesNotContain("META_RECREATED", "DAMAGED_INPUT");
        // the 30-day policy took the points while it was infinite, and has its 30 days back
        assertThat(report.findings()).filteredOn(f -> f.code().equals("RETENTION_SUSPENDED")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("factory", "month", "720h0m0s"));
        try (InfluxServer s = PROVIDER.create(ServerOptions.builder().dataDir(out).build())) {
            s.start();
            assertThat(s.http().query(null, "SHOW RETENTION POLICIES ON factory").get(0).values())
                    .extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(2) + " " + row.get(4))
                    .containsExactly("autogen 0s 168h0m0s true", "short 0s 1h0m0s false",
                            "month 720h0m0s 24h0m0s false");
            s.stop();
        }
        assertThat(before.compareNow().unchanged()).isTrue();
        assertThat(report.sourcesVerdict().unchanged()).isTrue();
        assertThat(out.resolve("meta/meta.db")).isRegularFile();
        assertThat(out.resolve(RecoveryRun.REPORT_FILE)).isRegularFile();
        if (OsUsers.isRoot() && OsUsers.lookup(InfluxServer.DEFAULT_USER).isPresent()) {
            // --out is also the run's directory here: only the server's parts are given to its user
            assertThat(Files.getOwner(out.resolve("data")).getName()).isEqualTo(InfluxServer.DEFAULT_USER);
            assertThat(Files.getOwner(out.resolve("wal")).getName()).isEqualTo(InfluxServer.DEFAULT_USER);
            for (Path p : List.of(out, out.resolve(Journal.FILE_NAME), out.resolve(RecoveryRun.REPORT_FILE))) {
                assertThat(Files.getOwner(p).getName()).as(p.toString()).isEqualTo("root");
            }
        }
        // the throwaway servers' admin (with a password nobody knows) must not stay in the rebuilt meta store
        assertThat(new String(Files.readAllBytes(out.resolve("meta/meta.db")), StandardCharsets.ISO_8859_1))
                .doesNotContain(InfluxServer.ADMIN);
        assertBaseline(out);

        // the same request again resumes from the journal instead of refusing the non-empty --out
        RecoveryReport again = InfluxRebuild.rebuildIndex(RebuildRequest.builder().dataDir(staged.dataDir())
                .walDir(staged.walDir()).out(out).strategy(RebuildRequest.Strategy.REPLAY).build(), PROVIDER);
        assertThat(again.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(again.findings()).extracting(Finding::code).contains("RESUMED");
    }

    @Test
    void metaLostIsRecreatedFromTheTreeAndEachAssumptionIsNamed() throws IOException {
        Path source = copyWithout(staged.serverDir(), tmp.resolve("no-meta"), "meta");
        Path out = tmp.resolve("from-tree");

        RecoveryReport report = InfluxRebuild.rebuildIndex(RebuildRequest.builder().dataDir(source.resolve("data"))
                .walDir(source.resolve("wal")).out(out).build(), PROVIDER);

        assertVerified(report);
        assertThat(report.findings()).extracting(Finding::code).contains("META_RECREATED", "ASSUMED_DEFAULT_POLICY",
                "ASSUMED_RETENTION");
        assertThat(report.findings()).filteredOn(f -> f.code().equals("STRATEGY")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("replay: "));
        assertThat(report.findings()).filteredOn(f -> f.code().equals("ASSUMED_RETENTION"))
                .anySatisfy(f -> assertThat(f.message()).contains("factory/short", "shard-group duration 1h"))
                .anySatisfy(f -> assertThat(f.message()).contains("telemetry/autogen", "shard-group duration 7d"));
        try (InfluxServer s = PROVIDER.create(ServerOptions.builder().dataDir(out).build())) {
            s.start();
            List<Series> policies = s.http().query(null, "SHOW RETENTION POLICIES ON factory");
            // month's 30 days are not in the files: it is infinite now, as the report says
            assertThat(policies.get(0).values()).extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(4))
                    .containsExactly("autogen 0s true", "month 0s false", "short 0s false");
            assertThat(policies.get(0).values()).filteredOn(row -> !"month".equals(row.get(0)))
                    .extracting(row -> row.get(0) + " " + row.get(2)).containsExactly("autogen 168h0m0s",
                            "short 1h0m0s");
            // the week groups of the original server (Monday to Monday) came back: as many shards as before
            assertThat(s.http().query(null, "SHOW RETENTION POLICIES ON telemetry").get(0).values())
                    .extracting(row -> row.get(0) + " " + row.get(2)).containsExactly("autogen 168h0m0s");
            assertThat(shardsOf(out.resolve("data"), "telemetry")).isEqualTo(shardsOf(staged.dataDir(), "telemetry"))
                    .isGreaterThanOrEqualTo(5);
            s.stop();
        }
        assertBaseline(out);
    }

    @Test
    void restoreLaysTheOldDirectoryOutProvesItAndSaysWhatToPointTheServerAt() throws IOException {
        Path into = tmp.resolve("restored");

        RecoveryReport report = InfluxRebuild.restore(RestoreRequest.builder().from(staged.serverDir()).into(into)
                .build(), PROVIDER);

        assertVerified(report);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("POINT_SERVER_HERE")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("dir = \"" + into.resolve("data") + "\"",
                        "wal-dir = \"" + into.resolve("wal") + "\"", "index-version = \"tsi1\"",
                        "dir = \"" + into.resolve("meta") + "\""));
        assertThat(Files.getOwner(into.resolve("data")).getName()).isEqualTo(InfluxServer.DEFAULT_USER);
        assertBaseline(into);
    }

    @Test
    void restoreRefusesANonEmptyTargetAndOneInsideTheSource() throws IOException {
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("something"), "x");

        assertThatThrownBy(() -> InfluxRebuild.restore(RestoreRequest.builder().from(staged.serverDir()).into(full)
                .build(), PROVIDER)).isInstanceOf(RecoveryException.class).hasMessageContaining("is not empty");
        assertThatThrownBy(() -> InfluxRebuild.restore(RestoreRequest.builder().from(staged.serverDir())
                .into(staged.serverDir().resolve("new")).build(), PROVIDER)).isInstanceOf(RecoveryException.class)
                .satisfies(e -> assertThat(((RecoveryException) e).code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED));
        assertThatThrownBy(() -> InfluxRebuild.restore(RestoreRequest.builder().from(staged.serverDir())
                .into(tmp).build(), PROVIDER)).isInstanceOf(RecoveryException.class)
                .hasMessageContaining("is inside RestoreRequest.into");
    }

    @Test
    void aFlippedByteInATsmBlockFailsTheProofWithExitCodeFour() throws IOException {
        Path source = copyWithout(staged.serverDir(), tmp.resolve("damaged"), "none");
        Path tsm;
        try (Stream<Path> s = Files.walk(source.resolve("data/telemetry"))) {
            tsm = s.filter(p -> p.toString().endsWith(".tsm")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(tsm);
        bytes[40] ^= 0x5a; // inside the first block, after the 5-byte header and the block's CRC
        Files.write(tsm, bytes);

        RecoveryReport report = InfluxRebuild.rebuildIndex(RebuildRequest.builder().dataDir(source.resolve("data"))
                .walDir(source.resolve("wal")).out(tmp.resolve("from-damaged")).strategy(RebuildRequest.Strategy
                        .REPLAY).build(), PROVIDER);

        assertThat(report.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(report.exitCode()).isEqualTo(4);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("DAMAGED_INPUT")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.message()).contains(tsm.getFileName().toString()));
    }

    @Test
    void refusesWhileAnInfluxdUsesTheDirectoryNamingItsPid() throws IOException {
        Path source = copyWithout(staged.serverDir(), tmp.resolve("in-use"), "none");
        try (InfluxServer running = PROVIDER.create(ServerOptions.builder().dataDir(source).build())) {
            running.start();
            long pid = running.info().pid();

            assertThatThrownBy(() -> InfluxRebuild.rebuildIndex(RebuildRequest.builder().dataDir(source.resolve(
                    "data")).walDir(source.resolve("wal")).out(tmp.resolve("never")).build(), PROVIDER))
                    .isInstanceOf(RecoveryException.class).hasMessageContaining("pid " + pid)
                    .satisfies(e -> assertThat(((RecoveryException) e).code()).isEqualTo(ErrorCode.USAGE));
            running.stop();
        }
    }

    private static void assertVerified(RecoveryReport report) {
        assertThat(report.findings()).filteredOn(f -> f.severity() != io.dbrecover.core.api.Severity.INFO)
                .allSatisfy(f -> assertThat(f.code()).isIn("META_RECREATED", "ASSUMED_DEFAULT_POLICY",
                        "ASSUMED_RETENTION"));
        assertThat(report.outcome()).as(report.items().toString()).isEqualTo(Outcome.VERIFIED);
        assertThat(report.exitCode()).isZero();
        assertThat(report.sourcesVerdict().unchanged()).isTrue();
        assertThat(report.verifications()).isNotEmpty().allMatch(Verification::passed);
        assertThat(report.items()).extracting(ItemResult::status).containsOnly(ItemStatus.VERIFIED);
        assertThat(report.items()).extracting(ItemResult::name).contains("telemetry", "telemetry.cpu", "factory",
                "factory.sensor").anyMatch(n -> n.startsWith("shard factory/short/"));
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("opened-with-index")).hasSizeGreaterThan(5)
                .allMatch(v -> v.actual().equals("tsi1"));
        // every value compared, per retention policy and measurement (floats by their bits, integers near 2^63)
        assertThat(report.verifications()).filteredOn(v -> v.check().equals("values-exact"))
                .extracting(Verification::item).contains("telemetry/autogen/cpu", "telemetry/autogen/disk",
                        "factory/autogen/events", "factory/" + InfluxTestData.SHORT_RP + "/sensor");
        assertThat(report.findings()).extracting(Finding::code).doesNotContain("ROW_HASHES_NOT_FROM_FILES");
    }

    /** A server on the result answers what the original server answered before it stopped, hashes included. */
    private static void assertBaseline(Path serverDir) {
        try (InfluxServer s = PROVIDER.create(ServerOptions.builder().dataDir(serverDir).build())) {
            s.start();
            assertThat(s.shardsNotOpened()).isEmpty();
            for (Map.Entry<String, InfluxProof> e : staged.baseline().entrySet()) {
                InfluxProof now = InfluxProof.collect(s.http(), e.getKey());
                assertThat(now.points()).isPositive();
                assertThat(InfluxProof.compare(e.getValue(), now).values().stream().flatMap(List::stream))
                        .allSatisfy(v -> assertThat(v.passed()).as(v.toString()).isTrue());
            }
            s.stop();
        }
    }

    private static long shardsOf(Path data, String database) {
        return RebuildProof.shards(data).stream().filter(p -> p.getParent().getParent().getFileName().toString()
                .equals(database)).count();
    }

    private static Path copyWithout(Path from, Path to, String leftOut) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.getNameCount() > 0 && rel.getName(0).toString().equals(leftOut)) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
