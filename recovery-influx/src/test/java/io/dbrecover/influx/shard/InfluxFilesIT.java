package io.dbrecover.influx.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.Verification;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.InfluxExport;
import io.dbrecover.influx.InfluxInspect;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.ExportResult;
import io.dbrecover.influx.model.IndexKind;
import io.dbrecover.influx.model.Inspection;
import io.dbrecover.influx.model.ShardFiles;
import io.dbrecover.influx.model.ShardSummary;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.verify.InfluxProof;
import io.dbrecover.influx.wal.WalSegmentReader;
import io.dbrecover.influx.wal.WalSegmentResult;
import io.dbrecover.influx.wal.WalVisitor;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file readers against a real influxd 1.6: points of every writable type in two databases and several shards,
 * some compacted into TSM files, some only in the WAL (written after a restart and never flushed: SIGTERM does not
 * flush), deletes as tombstones and WAL deletes. What inspect counts and what export writes must equal what the
 * server itself answers, point for point, and the source tree must stay byte-identical.
 */
@RequiresServer("influx")
class InfluxFilesIT {
    private static final String DB1 = "db1";
    private static final String DB2 = "we ird\"db";
    private static final long OLD = Instant.parse("2020-03-02T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long NEW = Instant.parse("2026-11-02T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;
    private static final InfluxServerProvider PROVIDER = new InfluxServerProvider();

    @TempDir
    static Path tmp;

    private static Path root;
    private static SourceSnapshot snapshot;
    private static Map<String, InfluxProof> before;
    private static long valuesInRange;

    @BeforeAll
    static void stageAServerWithTsmWalAndDeletes() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path base = Files.createDirectories(tmp.resolve("server"));
        try (InfluxServer server = PROVIDER.create(ServerOptions.builder().baseDir(base).keepFiles(true)
                .setting("data.cache-snapshot-write-cold-duration", "1s").build())) {
            server.start();
            InfluxHttp http = server.http();
            http.createDatabase(DB1);
            http.createDatabase(DB2);
            http.write(DB1, InfluxHttp.Precision.NANOSECONDS, points(0, 400));
            http.write(DB2, InfluxHttp.Precision.NANOSECONDS, points(1000, 200));
            // a second retention policy, written while it is the default (InfluxHttp writes into the default one)
            http.query(null, "CREATE RETENTION POLICY week ON db1 DURATION 0s REPLICATION 1 DEFAULT");
            http.write(DB1, InfluxHttp.Precision.NANOSECONDS, List.of("onlyweek,host=w v=1i " + (NEW + 3 * MINUTE),
                    "cpu,host=w usage=2.5 " + (NEW + 4 * MINUTE)));
            http.query(null, "ALTER RETENTION POLICY autogen ON db1 DEFAULT");
            root = server.info().dataDir();
            awaitTsmInEveryShard(root);
            // the same points again with other values, snapshotted into a later TSM file: the later file wins
            http.write(DB1, InfluxHttp.Precision.NANOSECONDS, overwrites(0, 40, 1000));
            Thread.sleep(3000);
            // tombstones: a range delete and a dropped series, applied to TSM files
            http.query(DB1, "DELETE FROM cpu WHERE time < " + (OLD + 30 * MINUTE));
            http.query(DB1, "DROP SERIES FROM cpu WHERE host = 'h2'");
            server.stop();
        }
        try (InfluxServer server = PROVIDER.create(ServerOptions.builder().baseDir(base).dataDir(root)
                .keepFiles(true).build())) {
            server.start();
            InfluxHttp http = server.http();
            // only in the WAL: influxd snapshots a cache after 10 minutes without writes, and SIGTERM does not flush
            http.write(DB1, InfluxHttp.Precision.NANOSECONDS, points(5000, 150));
            http.write(DB2, InfluxHttp.Precision.NANOSECONDS, points(7000, 50));
            // points of the TSM files written again with other values, only in the WAL: the WAL wins
            http.write(DB1, InfluxHttp.Precision.NANOSECONDS, overwrites(20, 60, 2000));
            // a WAL delete on values that are only in the WAL
            http.query(DB1, "DELETE FROM \"my meas,x\" WHERE time >= " + (NEW + 5010 * MINUTE) + " AND time <= "
                    + (NEW + 5020 * MINUTE));
            before = Map.of(DB1, InfluxProof.collect(http, DB1), DB2, InfluxProof.collect(http, DB2));
            for (io.dbrecover.influx.http.Series series : http.query(DB1, "SELECT COUNT(*) FROM \"autogen\"./.*/ "
                    + "WHERE time >= " + (OLD + 100 * MINUTE) + " AND time <= " + NEW)) {
                for (List<Object> row : series.values()) {
                    for (int c = 0; c < row.size(); c++) {
                        if (series.header().columns().get(c).startsWith("count_") && row.get(c) instanceof Number n) {
                            valuesInRange += n.longValue();
                        }
                    }
                }
            }
            server.stop();
        }
        snapshot = SourceSnapshot.of(root);
    }

    @AfterAll
    static void sourcesAreByteIdentical() {
        if (snapshot != null) {
            assertThat(snapshot.compareNow().unchanged()).isTrue();
        }
    }

    @Test
    void inspectCountsWhatTheServerAnswers() {
        Inspection inspection = InfluxInspect.inspect(root, null);

        assertThat(inspection.damage()).isEmpty();
        assertThat(inspection.layout().databases()).contains(DB1, DB2);
        List<ShardSummary> db1 = inspection.shards().stream().filter(s -> s.files().database().equals(DB1)).toList();
        assertThat(db1).hasSizeGreaterThanOrEqualTo(3);
        assertThat(db1).extracting(s -> s.files().index()).containsOnly(IndexKind.TSI1);
        assertThat(db1).anySatisfy(s -> assertThat(s.files().tsm()).isNotEmpty());
        assertThat(db1).anySatisfy(s -> assertThat(s.walValues()).isPositive());
        assertThat(db1).anySatisfy(s -> assertThat(s.files().tombstones()).isNotEmpty());
        for (String db : List.of(DB1, DB2)) {
            List<DatabaseCounts> counts = inspection.counts().stream().filter(c -> c.database().equals(db)).toList();
            InfluxProof fromFiles = FileProof.ofPolicies(db, counts);
            Map<String, List<Verification>> checks = FileProof.compare(fromFiles, before.get(db));
            assertThat(checks.values().stream().flatMap(List::stream)).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.passed()).as(v.toString()).isTrue());
            assertThat(fromFiles.points()).isEqualTo(before.get(db).points()).isPositive();
        }
    }

    @Test
    void exportLoadsIntoAFreshServerAsTheSamePointsTheServerReturned() throws IOException {
        Path out = tmp.resolve("export.lp");
        ExportResult result = InfluxExport.export(new InfluxExport.Request(root, null, null, null, null, null, out,
                false));

        assertThat(result.damage()).isEmpty();
        assertThat(result.lines()).isPositive();
        assertThat(Files.size(out)).isEqualTo(result.bytes());
        List<String> text = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(text.get(0)).isEqualTo("# DDL");
        assertThat(text).contains("# DML", "# CONTEXT-DATABASE:" + DB1, "# CONTEXT-RETENTION-POLICY:autogen");

        for (String db : List.of(DB1, DB2)) {
            InfluxProof written = FileProof.ofPolicies(db, result.counts().stream()
                    .filter(c -> c.database().equals(db)).toList());
            assertThat(FileProof.compare(written, before.get(db)).values().stream().flatMap(List::stream))
                    .allSatisfy(v -> assertThat(v.passed()).as(v.toString()).isTrue());
        }
        Map<String, InfluxProof> after = loadIntoFreshServer(text);

        for (String db : List.of(DB1, DB2)) {
            assertThat(InfluxProof.compare(before.get(db), after.get(db)).values().stream().flatMap(List::stream))
                    .allSatisfy(v -> assertThat(v.passed()).as(v.toString()).isTrue());
        }
        // the deleted points are not there, the WAL-only ones are
        // series h2 was dropped after the first writes (n = k * 1000000007 with k < 400) and written again later
        assertThat(text).filteredOn(l -> l.startsWith("cpu,host=h2 n=")).isNotEmpty().allSatisfy(l -> assertThat(
                Long.parseLong(l.substring("cpu,host=h2 n=".length(), l.indexOf('i')))).isGreaterThan(400_000_000_000L));
        assertThat(text).anyMatch(l -> l.endsWith(" " + (NEW + 5101 * MINUTE)));
        assertThat(text).noneMatch(l -> l.startsWith("my\\ meas\\,x") && l.endsWith(" " + (NEW + 5015 * MINUTE)));
    }

    @Test
    void exportLoadsWithInfluxImportAsTheSamePoints() throws Exception {
        Path out = tmp.resolve("import.lp.gz");
        ExportResult result = InfluxExport.export(new InfluxExport.Request(root, null, null, null, null, null, out,
                true));
        assertThat(result.damage()).isEmpty();
        assertThat(result.linesPerRetentionPolicy()).containsKeys(DB1 + "/autogen", DB1 + "/week", DB2 + "/autogen");

        Path base = Files.createDirectories(tmp.resolve("imported"));
        try (InfluxServer server = PROVIDER.create(ServerOptions.builder().baseDir(base).build())) {
            server.start();
            ProcessBuilder pb = new ProcessBuilder("influx", "-import", "-path=" + out, "-compressed", "-precision=ns",
                    "-host", server.endpoint().host(), "-port", String.valueOf(server.endpoint().port()))
                    .redirectErrorStream(true);
            pb.environment().put("INFLUX_USERNAME", server.endpoint().user());
            pb.environment().put("INFLUX_PASSWORD", server.endpoint().password());
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(log).isZero();
            assertThat(log).contains("Failed 0 inserts");
            for (String db : List.of(DB1, DB2)) {
                InfluxProof after = InfluxProof.collect(server.http(), db);
                assertThat(InfluxProof.compare(before.get(db), after).values().stream().flatMap(List::stream))
                        .allSatisfy(v -> assertThat(v.passed()).as(v.toString()).isTrue());
            }
        }
    }

    @Test
    void laterTsmFilesAndTheWalWinOnEqualTimestamps() {
        Inspection inspection = InfluxInspect.inspect(root, null);

        // the proof against the server (above) covers the values; here: the case was really staged
        assertThat(inspection.shards()).anySatisfy(s -> {
            assertThat(s.files().database()).isEqualTo(DB1);
            assertThat(s.walValues()).isPositive();
            assertThat(s.files().tsm()).isNotEmpty();
        });
        System.out.println("TSM files per shard: " + inspection.shards().stream()
                .map(s -> s.files().database() + "/" + s.files().retentionPolicy() + "/" + s.files().id() + "="
                        + s.files().tsm().size()).toList());
    }

    @Test
    void exportTakesOnlyTheDatabasePolicyAndTimeRangeAsked() throws IOException {
        Path out = tmp.resolve("filtered.lp");
        Instant from = Instant.ofEpochSecond(0, OLD + 100 * MINUTE);
        Instant to = Instant.ofEpochSecond(0, NEW);
        ExportResult result = InfluxExport.export(new InfluxExport.Request(root, null, DB1, "autogen", from, to, out,
                false));

        assertThat(result.linesPerRetentionPolicy()).containsOnlyKeys(DB1 + "/autogen");
        List<String> values = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("CREATE")).toList();
        assertThat(values).hasSize((int) result.lines()).isNotEmpty().allSatisfy(l -> {
            long t = Long.parseLong(l.substring(l.lastIndexOf(' ') + 1));
            assertThat(t).isBetween(OLD + 100 * MINUTE, NEW);
        });
        // every value of db1/autogen in the range, as the server counted it
        assertThat(result.lines()).isEqualTo(valuesInRange);
    }

    @Test
    void inspectNamesAShardWhoseIndexAndSeriesFileWereLost() throws IOException {
        Path copy = copyTree(root, tmp.resolve("no-index"));
        Path shardDir = InfluxInspect.inspect(copy, null).layout().shards().get(0).dataDir();
        deleteTree(shardDir.resolve("index"));
        deleteTree(copy.resolve("data").resolve(DB1).resolve("_series"));

        Inspection in = InfluxInspect.inspect(copy, null);

        assertThat(in.layout().shards().get(0).index()).isEqualTo(IndexKind.INMEM);
        assertThat(in.layout().shards().get(0).indexNote()).contains("no index/");
        assertThat(in.layout().seriesDirs()).doesNotContainKey(DB1).containsKey(DB2);
        assertThat(in.counts()).isEqualTo(InfluxInspect.inspect(root, null).counts());
    }

    @Test
    void aTornWalTailIsReportedAndTheRestIsRead() throws IOException {
        Path copy = copyTree(root, tmp.resolve("torn"));
        ShardFiles shard = InfluxInspect.inspect(copy, null).shards().stream().map(ShardSummary::files)
                .filter(s -> s.database().equals(DB2) && !s.wal().isEmpty()).reduce((a, b) -> b).orElseThrow();
        Path segment = shard.wal().get(shard.wal().size() - 1);
        long[] lastEntry = lastEntry(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(lastEntry[0] + 7);
        }

        Inspection torn = InfluxInspect.inspect(copy, null);
        Inspection whole = InfluxInspect.inspect(root, null);

        assertThat(torn.damage()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(segment);
            assertThat(d.offset()).isEqualTo(lastEntry[0]);
            assertThat(d.what()).contains("torn last entry");
        });
        long tornValues = torn.shards().stream().mapToLong(ShardSummary::values).sum();
        long wholeValues = whole.shards().stream().mapToLong(ShardSummary::values).sum();
        assertThat(tornValues).isEqualTo(wholeValues - lastEntry[1]);
    }

    /** Offset of the last entry of a segment and the number of values it writes. */
    private static long[] lastEntry(Path segment) {
        long[] last = {0, 0};
        long[] values = {0};
        WalSegmentResult r = new WalSegmentReader().read(segment, new WalVisitor() {
            @Override
            public void write(String key, io.dbrecover.influx.model.FieldType type, int count, long[] times,
                              long[] v, byte[][] strings) {
                values[0] += count;
            }

            @Override
            public void delete(List<String> keys) {
            }

            @Override
            public void deleteRange(List<String> keys, long min, long max) {
            }
        });
        assertThat(r.whole()).isTrue();
        // read again entry by entry, to find where the last one starts
        long total = values[0];
        long pos = 0;
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(5);
            while (pos < ch.size()) {
                h.clear();
                ch.read(h, pos);
                last[0] = pos;
                pos += 5 + (h.getInt(1) & 0xFFFFFFFFL);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path head = tmp.resolve("head.wal");
        try {
            Files.write(head, java.util.Arrays.copyOf(Files.readAllBytes(segment), (int) last[0]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long[] headValues = {0};
        new WalSegmentReader().read(head, new WalVisitor() {
            @Override
            public void write(String key, io.dbrecover.influx.model.FieldType type, int count, long[] times,
                              long[] v, byte[][] strings) {
                headValues[0] += count;
            }

            @Override
            public void delete(List<String> keys) {
            }

            @Override
            public void deleteRange(List<String> keys, long min, long max) {
            }
        });
        last[1] = total - headValues[0];
        assertThat(last[1]).isPositive();
        return last;
    }

    private static Map<String, InfluxProof> loadIntoFreshServer(List<String> exported) throws IOException {
        Path base = Files.createDirectories(tmp.resolve("fresh"));
        try (InfluxServer server = PROVIDER.create(ServerOptions.builder().baseDir(base).build())) {
            server.start();
            InfluxHttp http = server.http();
            String db = null;
            String rp = null;
            List<String> batch = new ArrayList<>();
            for (String line : exported) {
                if (line.startsWith("# CONTEXT-DATABASE:")) {
                    flush(http, db, rp, batch);
                    db = line.substring("# CONTEXT-DATABASE:".length());
                    http.createDatabase(db);
                } else if (line.startsWith("# CONTEXT-RETENTION-POLICY:")) {
                    rp = line.substring("# CONTEXT-RETENTION-POLICY:".length());
                    if (!rp.equals("autogen")) {
                        http.query(null, "CREATE RETENTION POLICY " + InfluxQl.identifier(rp) + " ON "
                                + InfluxQl.identifier(db) + " DURATION 0s REPLICATION 1");
                    }
                } else if (!line.startsWith("#") && !line.startsWith("CREATE DATABASE") && !line.isEmpty()) {
                    batch.add(line);
                    if (batch.size() >= 5000) {
                        flush(http, db, rp, batch);
                    }
                }
            }
            flush(http, db, rp, batch);
            return Map.of(DB1, InfluxProof.collect(http, DB1), DB2, InfluxProof.collect(http, DB2));
        }
    }

    private static void flush(InfluxHttp http, String db, String rp, List<String> batch) {
        if (db != null && !batch.isEmpty()) {
            http.write(db, rp, InfluxHttp.Precision.NANOSECONDS, batch);
        }
        batch.clear();
    }

    /** Series h0 of cpu at the times of points {@code from..to} (old ones, k even) with {@code n} plus an offset. */
    private static List<String> overwrites(int from, int to, long offset) {
        List<String> lines = new ArrayList<>();
        for (int k = from; k < to; k += 4) {
            long t = OLD + (k % 3) * 7 * 24 * 60 * MINUTE + k * MINUTE;
            lines.add("cpu,host=h0 n=" + (k * 1_000_000_007L + offset) + "i " + t);
        }
        return lines;
    }

    /**
     * Points from {@code first} on, one a minute, half old (2020, three weekly shards) and half new; every
     * writable field type, values that test the writer (negative zero, tiny and huge floats, escapes).
     */
    private static List<String> points(int first, int n) {
        List<String> lines = new ArrayList<>();
        double[] floats = {0.1, -0.0, 1e-5, 1.0E300, 123456789.125, -3, 4.9e-324, 2.5};
        for (int k = first; k < first + n; k++) {
            long t = (k % 2 == 0 ? OLD + (k % 3) * 7 * 24 * 60 * MINUTE : NEW) + k * MINUTE;
            String host = "h" + (k % 4);
            lines.add("cpu,host=" + host + " usage=" + floats[k % floats.length] + ",n=" + (k * 1_000_000_007L)
                    + "i,ok=" + (k % 3 == 0) + ",note=\"say \\\"hi\\\" \\\\ " + k + "\" " + t);
            lines.add("my\\ meas\\,x,t\\,1=a\\ b,k\\=y=v\\=1 f\\ 1=" + (k * 0.5) + " " + t);
            if (k % 5 == 0) {
                lines.add("mem,host=" + host + ",region=eu free=" + k + "i " + t);
            }
        }
        return lines;
    }

    private static void awaitTsmInEveryShard(Path root) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String db : List.of(DB1, DB2)) {
                Path rp = root.resolve("data").resolve(db).resolve("autogen");
                if (!Files.isDirectory(rp)) {
                    all = false;
                    continue;
                }
                try (Stream<Path> shards = Files.list(rp)) {
                    for (Path s : shards.toList()) {
                        try (Stream<Path> f = Files.list(s)) {
                            all &= f.anyMatch(p -> p.toString().endsWith(".tsm"));
                        }
                    }
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("influxd did not snapshot its cache into TSM files within 60 s");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
