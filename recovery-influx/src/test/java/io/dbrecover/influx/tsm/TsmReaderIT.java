package io.dbrecover.influx.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.InfluxVerify;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.http.Series;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.model.VerifyReport;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our TSM reader against influxd 1.6's own files and its own answers: points of every writable type (floats that
 * need all 64 bits, integers at +-2^63, booleans, strings with unicode, quotes and line breaks) with timestamps
 * that make influxd use every timestamp encoding, forced into TSM by a short cold-write snapshot, then every value
 * read from the files must equal what the server returns for the same series and field (floats by their bits).
 * Also: a flipped byte in one block is reported as exactly that block, and verify leaves the files as they were.
 */
@RequiresServer("influx")
class TsmReaderIT {
    private static final InfluxServerProvider PROVIDER = new InfluxServerProvider();
    private static final String DB = "tsmit";
    private static final String WIDE = "wide";
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    static Path tmp;

    private static Path dataDir;
    /** What the server answered: TSM key -> "time value" lines in time order. */
    private static Map<String, List<String>> served;
    private static long written;

    @BeforeAll
    static void writeForceIntoTsmAndAskTheServer() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        ServerOptions options = ServerOptions.builder().baseDir(tmp).keepFiles(true)
                .setting("data.cache-snapshot-write-cold-duration", "1s").build();
        try (InfluxServer server = PROVIDER.create(options)) {
            server.start();
            InfluxHttp http = server.http();
            http.createDatabase(DB);
            List<String> lines = points();
            http.write(DB, InfluxHttp.Precision.NANOSECONDS, lines);
            // a shard group of 57 years (groups are aligned on Go's zero time, year 1: this one runs from 1955 to
            // 2013-05-13): a delta above simple8b's 60 bits (36.5 years) makes influxd store timestamps uncompressed
            http.createDatabase(WIDE);
            http.query(WIDE, "CREATE RETENTION POLICY forever ON " + InfluxQl.identifier(WIDE)
                    + " DURATION INF REPLICATION 1 SHARD DURATION 3000w DEFAULT");
            http.write(WIDE, InfluxHttp.Precision.NANOSECONDS, List.of("span,host=a v=1i 86400000000000",
                    "span,host=a v=2i 1330000000000000000", "span,host=a v=3i 1330000000000000001"));
            dataDir = server.info().dataDir().resolve("data");
            waitUntilEverythingIsInTsm();
            served = new TreeMap<>();
            for (String m : List.of("cpu", "mem", "flags", "logs", "multi")) {
                collect(http, DB, m);
            }
            collect(http, WIDE, "span");
            server.stop();
        }
    }

    /** Points of every type; the comments say which encoding each part makes influxd use. */
    static List<String> points() {
        List<String> lines = new ArrayList<>();
        Random r = new Random(18);
        // floats needing all 64 bits, at regular 10 s intervals (RLE timestamps), 2500 points: 3 blocks
        for (int i = 0; i < 2500; i++) {
            double v;
            do {
                v = Double.longBitsToDouble(r.nextLong());
            } while (!Double.isFinite(v));
            if (i % 10 == 0) {
                v = new double[] {Double.MAX_VALUE, Double.MIN_VALUE, -Double.MAX_VALUE, 0.1, 1e-300, 123456.789,
                    -2.5, 1.0 / 3, Math.PI, 1e21}[i / 10 % 10];
            }
            lines.add("cpu,host=a,dc=eu\\ west usage=" + Double.toString(v) + " " + (T0 + i * 10_000_000_000L));
        }
        // integers near +-2^63 (uncompressed) and small ones (simple8b), at irregular whole seconds (scaled simple8b)
        long t = T0;
        for (int i = 0; i < 1500; i++) {
            t += (1 + r.nextInt(30)) * 1_000_000_000L;
            long v = i % 3 == 0 ? Long.MAX_VALUE - r.nextInt(1000) : i % 3 == 1 ? Long.MIN_VALUE + r.nextInt(1000)
                    : r.nextInt(2000) - 1000;
            if (i >= 1000) {
                v = r.nextInt(100);
            }
            lines.add("mem,host=a free=" + v + "i " + t);
        }
        // a counter (RLE integers) at irregular nanoseconds (unscaled simple8b)
        t = T0;
        for (int i = 0; i < 1200; i++) {
            t += 1 + r.nextInt(1_000_000);
            lines.add("mem,host=b free=" + (5_000 + i * 7L) + "i " + t);
        }
        for (int i = 0; i < 1200; i++) {
            lines.add("flags,host=a on=" + (i % 3 == 0 || i % 7 == 0) + " " + (T0 + i * 1_000_000_000L));
        }
        String[] texts = {"", "plain", "with \"quotes\" and \\backslash\\", "two\nlines\r\nand a tab\t.",
            "ünïcødé ✓ 𝄞 中文", "'single' `back` ,= equals", "x".repeat(3000)};
        for (int i = 0; i < 300; i++) {
            lines.add("logs,host=a msg=" + InfluxQl.lineString(texts[i % texts.length] + (i % 2 == 0 ? "" : i)) + " "
                    + (T0 + i * 60_000_000_000L + r.nextInt(1000)));
        }
        for (int i = 0; i < 10; i++) {
            lines.add("multi,host=x f=" + (i + 0.5) + ",i=" + (i - 5) + "i,b=" + (i % 2 == 0) + ",s=\"v" + i + "\" "
                    + (T0 + i));
        }
        written = 2500 + 1500 + 1200 + 1200 + 300 + 40 + 3;
        return lines;
    }

    /** Polls our own reader until every written value is in a TSM file (the cache snapshots after 1 s cold). */
    private static void waitUntilEverythingIsInTsm() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long got = -1;
        while (System.nanoTime() < deadline) {
            got = readFiles(dataDir).values().stream().mapToLong(List::size).sum();
            if (got == written) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("only " + got + " of " + written + " values reached TSM files in 60 s");
    }

    private static void collect(InfluxHttp http, String db, String measurement) {
        for (Series s : http.query(db, "SELECT * FROM " + InfluxQl.identifier(measurement) + " GROUP BY *")) {
            StringBuilder key = new StringBuilder(InfluxQl.lineMeasurement(measurement));
            new TreeMap<>(s.header().tags()).forEach((k, v) -> key.append(',').append(InfluxQl.lineKey(k))
                    .append('=').append(InfluxQl.lineKey(v)));
            List<String> columns = s.header().columns();
            for (List<Object> row : s.values()) {
                for (int c = 1; c < columns.size(); c++) {
                    Object v = row.get(c);
                    if (v != null) {
                        served.computeIfAbsent(db + " " + key + "#!~#" + columns.get(c), k -> new ArrayList<>())
                                .add(row.get(0) + " " + exact(v));
                    }
                }
            }
        }
    }

    /** A served value in an exact form; JSON numbers of float fields are compared by their double's bits. */
    private static String exact(Object v) {
        if (v instanceof Double d) {
            return "f" + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        if (v instanceof Number n) {
            return "n" + n; // an integer, or a float that JSON printed without a fraction (checked per type below)
        }
        if (v instanceof Boolean b) {
            return "b" + b;
        }
        return "s" + v;
    }

    /** Every value of every TSM file under {@code dir}: "db key" -> "time value" in time order. */
    static Map<String, List<String>> readFiles(Path dir) throws IOException {
        Map<String, List<String>> all = new TreeMap<>();
        BlockValues v = new BlockValues();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".tsm")).sorted().toList()) {
                String db = dir.relativize(p).getName(0).toString();
                try (TsmFile f = TsmFile.open(p)) {
                    TsmIndex index = f.index();
                    for (IndexEntry e = index.next(); e != null; e = index.next()) {
                        List<String> out = all.computeIfAbsent(db + " " + e.keyString(), k -> new ArrayList<>());
                        for (BlockRef b : e.blocks()) {
                            assertThat(f.readBlock(e.keyString(), b, e.type(), v)).isEmpty();
                            for (int i = 0; i < v.count(); i++) {
                                out.add(v.times()[i] + " " + value(v, i));
                            }
                        }
                    }
                    assertThat(index.damage()).isEmpty();
                }
            }
        }
        all.values().forEach(l -> l.sort((a, b) -> Long.compare(Long.parseLong(a.split(" ", 2)[0]),
                Long.parseLong(b.split(" ", 2)[0]))));
        return all;
    }

    private static String value(BlockValues v, int i) {
        return switch (v.type()) {
            case FLOAT -> "f" + Long.toHexString(Double.doubleToRawLongBits(v.floats()[i]));
            case INTEGER -> "n" + v.longs()[i];
            case UNSIGNED -> "n" + Long.toUnsignedString(v.longs()[i]);
            case BOOLEAN -> "b" + v.booleans()[i];
            case STRING -> "s" + v.string(i);
        };
    }

    /**
     * A served line of a float field by its double's bits: JSON prints integral floats without a fraction (e.g.
     * {@code 5}, or {@code 12345678901234567000} for 1.2345678901234567E19), which read back as integers.
     */
    private static String asFloat(String line) {
        int sp = line.indexOf(' ');
        if (line.charAt(sp + 1) != 'n') {
            return line;
        }
        return line.substring(0, sp) + " f" + Long.toHexString(Double.doubleToRawLongBits(
                Double.parseDouble(line.substring(sp + 2))));
    }

    @Test
    void everyValueInTheTsmFilesEqualsWhatTheServerReturns() throws IOException {
        Map<String, List<String>> ours = readFiles(dataDir);
        assertThat(ours.values().stream().mapToLong(List::size).sum()).isEqualTo(written);
        assertThat(ours.keySet()).containsExactlyElementsOf(served.keySet());
        for (String key : served.keySet()) {
            boolean isFloat = ours.get(key).get(0).contains(" f");
            List<String> expected = served.get(key).stream().map(l -> isFloat ? asFloat(l) : l).toList();
            assertThat(ours.get(key)).as(key).containsExactlyElementsOf(expected);
        }
        assertThat(ours.get(DB + " mem,host=a#!~#free")).anyMatch(l -> l.endsWith(" n" + Long.MAX_VALUE))
                .anyMatch(l -> l.endsWith(" n" + Long.MIN_VALUE));
        assertThat(ours.get(DB + " logs,host=a#!~#msg")).anyMatch(l -> l.endsWith("two\nlines\r\nand a tab\t."))
                .anyMatch(l -> l.endsWith(" s"));
    }

    @Test
    void influxdUsedEveryEncodingWeClaimToRead() throws IOException {
        Set<String> seen = new HashSet<>();
        try (Stream<Path> s = Files.walk(dataDir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".tsm")).toList()) {
                ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(p));
                try (TsmFile f = TsmFile.open(p)) {
                    TsmIndex index = f.index();
                    for (IndexEntry e = index.next(); e != null; e = index.next()) {
                        for (BlockRef b : e.blocks()) {
                            int at = (int) b.offset() + 4;
                            FieldType type = FieldType.ofCode(file.get(at));
                            int tsLen = file.get(at + 1) & 0x7F; // sizes below 128 need one byte
                            int lenBytes = (file.get(at + 1) & 0x80) == 0 ? 1 : 2;
                            if (lenBytes == 2) {
                                tsLen |= (file.get(at + 2) & 0x7F) << 7;
                            }
                            int ts = at + 1 + lenBytes;
                            seen.add("time" + ((file.get(ts) & 0xFF) >>> 4) + ((file.get(ts) & 0xF) > 0 ? "s" : ""));
                            seen.add(type + "" + ((file.get(ts + tsLen) & 0xFF) >>> 4));
                        }
                    }
                }
            }
        }
        // timestamps: 0 uncompressed, 1 simple8b (s: scaled), 2 RLE; integers 0 uncompressed, 1 simple8b, 2 RLE
        List<String> files;
        try (Stream<Path> s = Files.walk(dataDir)) {
            files = s.filter(f -> f.toString().endsWith(".tsm")).map(f -> dataDir.relativize(f) + " " + f.toFile()
                    .length()).toList();
        }
        assertThat(seen).as(files.toString()).contains("time0", "time1", "time1s", "time2s", "INTEGER0", "INTEGER1", "INTEGER2",
                "FLOAT1", "BOOLEAN1", "STRING1");
    }

    @Test
    void deepVerifyOfTheServersFilesFindsNoDamageAndCountsEveryValue() {
        VerifyReport r = InfluxVerify.verify(dataDir, true);
        assertThat(r.damage()).isEmpty();
        assertThat(r.values()).isEqualTo(written);
        assertThat(r.files()).isNotEmpty();
        assertThat(r.blocks()).isGreaterThan(10);
    }

    @Test
    void aFlippedByteInOneBlockIsReportedAsExactlyThatBlockAndVerifyChangesNothing() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("flipped"));
        Path file;
        try (Stream<Path> s = Files.walk(dataDir.resolve(DB))) {
            Path original = s.filter(f -> f.toString().endsWith(".tsm")).sorted().findFirst().orElseThrow();
            file = Files.copy(original, source.resolve(original.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        IndexEntry victim = null;
        try (TsmFile f = TsmFile.open(file)) {
            TsmIndex index = f.index();
            for (IndexEntry e = index.next(); e != null && victim == null; e = index.next()) {
                victim = e.blocks().size() > 1 ? e : null;
            }
        }
        assertThat(victim).as("a key with two blocks or more").isNotNull();
        BlockRef block = victim.blocks().get(1);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) (block.offset() + Integer.toUnsignedLong(block.size()) / 2)] ^= 0x01;
        Files.write(file, bytes);
        String before = treeHash(source) + treeHash(dataDir);

        VerifyReport crc = InfluxVerify.verify(source, false);
        VerifyReport deep = InfluxVerify.verify(file, true);

        for (VerifyReport r : List.of(crc, deep)) {
            assertThat(r.damage()).singleElement().satisfies(d -> {
                assertThat(d.file()).isEqualTo(file);
                assertThat(d.offset()).isEqualTo(block.offset());
                assertThat(d.what()).contains("CRC32 mismatch");
            });
            assertThat(r.damage()).extracting(Damage::seriesKey).containsExactly(victim.keyString());
        }
        assertThat(treeHash(source) + treeHash(dataDir)).isEqualTo(before);
        if (System.getProperty("dbrecover.tsm.fixtureDir") != null) {
            copyFixture(Path.of(System.getProperty("dbrecover.tsm.fixtureDir")));
        }
    }

    /** A file's path, size and SHA-256 per file under a directory. */
    static String treeHash(Path dir) throws IOException, NoSuchAlgorithmException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(dir.relativize(p)).append(' ').append(HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Copies the TSM files out as {@code <db>-<shard>-<name>} (run by hand to refresh the fixture, whose file is
     * the wide database's, or to get a source for a benchmark).
     */
    private static void copyFixture(Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.walk(dataDir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".tsm")).toList()) {
                Path rel = dataDir.relativize(p);
                Files.copy(p, to.resolve(rel.getName(0) + "-" + rel.getName(2) + "-" + p.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
