package io.dbrecover.influx.testdata;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.verify.InfluxProof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A stopped InfluxDB 1.6 server directory written through the HTTP API of a real throwaway influxd, for the ITs of
 * every reader and of the rebuild: two databases, several measurements, every field type line protocol can write
 * (float, integer, boolean, string; unsigned needs a build flag 1.6 lacks), many tags with values that need
 * escaping, several shards (2019 and 2024 timestamps in the default 7-day shard groups, a non-default retention
 * policy {@value #SHORT_RP} with 1-hour shard groups, and {@value #MONTH_RP} with a finite duration and points of the
 * last hours), points in TSM files and points only in the WAL, and deletes
 * (tombstones in TSM files, delete entries in the WAL) and overwritten points.
 *
 * <p>It runs the server twice on the same directory: first with a short {@code cache-snapshot-write-cold-duration}
 * until every shard has a {@code .tsm} file, then with the default (10 minutes) for the points that are to stay
 * in the WAL, the deletes and the baseline, and stops it with SIGTERM (which does not snapshot the cache).
 */
public final class InfluxTestData {
    /** The first database: {@code cpu} and {@code disk} in {@code autogen}. */
    public static final String TELEMETRY = "telemetry";
    /** The second database: {@code events} in {@code autogen}, {@code sensor} in {@value #SHORT_RP}. */
    public static final String FACTORY = "factory";
    /** A retention policy of {@value #FACTORY} with one-hour shard groups, not the default one. */
    public static final String SHORT_RP = "short";
    /**
     * A retention policy of {@value #FACTORY} that keeps 30 days ({@code alerts}, points of the last hours before the
     * staging: influxd refuses older ones for it).
     */
    public static final String MONTH_RP = "month";
    /** Both databases. */
    public static final List<String> DATABASES = List.of(TELEMETRY, FACTORY);

    private static final Instant OLD = Instant.parse("2019-01-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2024-06-03T00:00:00Z");
    /** Points of this third period are written in the second run only: their shards have no TSM file. */
    private static final Instant WAL_ONLY = Instant.parse("2025-02-03T00:00:00Z");
    private static final String[] HOSTS = {"web-01", "web-02", "db-01", "db-02", "cache 1", "edge,7"};
    private static final int BATCH = 5000;

    private InfluxTestData() {
    }

    /**
     * What was staged: the server directory ({@code meta/}, {@code data/}, {@code wal/}) and each database's proof as
     * the server answered it just before it stopped.
     *
     * @param serverDir the stopped server's directory
     * @param baseline  database to its proof ({@link InfluxProof#collect})
     */
    public record Staged(Path serverDir, Map<String, InfluxProof> baseline) {
        public Staged {
            baseline = Map.copyOf(baseline);
        }

        public Path dataDir() {
            return serverDir.resolve("data");
        }

        public Path walDir() {
            return serverDir.resolve("wal");
        }

        public Path metaDir() {
            return serverDir.resolve("meta");
        }
    }

    /**
     * Stages the server directory {@code <base>/server} and returns it with its baseline. {@code base} is made
     * reachable for the server's user.
     */
    public static Staged stage(InfluxServerProvider provider, Path base) {
        try {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path dir = base.resolve("server");
            for (String d : List.of("meta", "data", "wal")) {
                Files.createDirectories(dir.resolve(d));
            }
            ServerOptions.Builder options = ServerOptions.builder().baseDir(base).dataDir(dir);
            try (InfluxServer server = provider.create(options.setting("data.cache-snapshot-write-cold-duration",
                    "1s").build())) {
                server.start();
                InfluxHttp http = server.http();
                schema(http);
                writeTsmPart(http);
                awaitTsmInEveryShard(dir.resolve("data"));
                server.stop();
            }
            Map<String, InfluxProof> baseline = new LinkedHashMap<>();
            try (InfluxServer server = provider.create(options.build())) {
                server.start();
                InfluxHttp http = server.http();
                writeWalPart(http);
                deletes(http);
                for (String db : DATABASES) {
                    baseline.put(db, InfluxProof.collect(http, db));
                }
                server.stop();
            }
            return new Staged(dir, baseline);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void schema(InfluxHttp http) {
        http.createDatabase(TELEMETRY);
        http.createDatabase(FACTORY);
        http.query(null, "CREATE RETENTION POLICY " + SHORT_RP + " ON " + FACTORY
                + " DURATION INF REPLICATION 1 SHARD DURATION 1h");
        http.query(null, "CREATE RETENTION POLICY " + MONTH_RP + " ON " + FACTORY
                + " DURATION 30d REPLICATION 1 SHARD DURATION 1d");
    }

    /** Three weeks of 2019 and three days of 2024 in {@code telemetry}; {@code factory}'s events and sensors. */
    private static void writeTsmPart(InfluxHttp http) {
        Random r = new Random(18L);
        write(http, TELEMETRY, null, cpu(r, OLD, 21 * 24, 3600));
        write(http, TELEMETRY, null, cpu(r, NEW, 72, 3600));
        write(http, TELEMETRY, null, disk(r, OLD, 21 * 4, 6 * 3600));
        write(http, TELEMETRY, null, disk(r, NEW, 12, 6 * 3600));
        write(http, FACTORY, null, events(r, NEW, 300, 600));
        write(http, FACTORY, SHORT_RP, sensor(r, NEW, 180, 60));
        write(http, FACTORY, MONTH_RP, alerts(r, Instant.now().minus(Duration.ofHours(6)), 120, 60));
    }

    /** New shards that exist only in the WAL, more points in shards that have TSM files, overwritten points. */
    private static void writeWalPart(InfluxHttp http) {
        Random r = new Random(19L);
        write(http, TELEMETRY, null, cpu(r, WAL_ONLY, 30, 3600));
        write(http, TELEMETRY, null, cpu(r, NEW.plusSeconds(72 * 3600), 12, 3600));
        // same series, same timestamps, other values: the WAL's values win over the TSM file's
        write(http, TELEMETRY, null, cpu(r, NEW, 3, 3600));
        write(http, FACTORY, null, events(r, WAL_ONLY, 50, 60));
        write(http, FACTORY, SHORT_RP, sensor(r, NEW.plusSeconds(3 * 3600), 90, 60));
    }

    /** A dropped series, a deleted time range and a deleted tag value: tombstones and WAL delete entries. */
    private static void deletes(InfluxHttp http) {
        http.query(TELEMETRY, "DROP SERIES FROM cpu WHERE host = 'db-02'");
        http.query(TELEMETRY, "DELETE FROM disk WHERE time < '2019-01-03T00:00:00Z'");
        http.query(FACTORY, "DELETE FROM sensor WHERE line = 'L3'");
        http.query(FACTORY, "DELETE FROM events WHERE time >= '2025-02-03T00:10:00Z' AND time < '2025-02-03T00:20:00Z'");
    }

    private static List<String> cpu(Random r, Instant start, int steps, long stepSeconds) {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            long t = start.getEpochSecond() + s * stepSeconds;
            for (String host : HOSTS) {
                for (String core : new String[] {"cpu0", "cpu1"}) {
                    StringBuilder l = new StringBuilder("cpu,cpu=").append(core).append(",host=")
                            .append(InfluxQl.lineKey(host)).append(",region=").append(host.startsWith("web")
                                    ? "eu-west" : "us\\ east").append(' ')
                            .append("usage_user=").append(round(r.nextDouble() * 60))
                            .append(",usage_system=").append(round(r.nextDouble() * 20))
                            .append(",procs=").append(r.nextInt(500) - 20).append('i')
                            .append(",throttled=").append(r.nextInt(7) == 0);
                    if (r.nextInt(5) == 0) {
                        l.append(",note=").append(InfluxQl.lineString("peak \"" + s + "\", core " + core));
                    }
                    lines.add(l.append(' ').append(t).append("000000000").toString());
                }
            }
        }
        return lines;
    }

    private static List<String> disk(Random r, Instant start, int steps, long stepSeconds) {
        List<String> lines = new ArrayList<>();
        String[] devices = {"sda1", "sdb1", "nvme0n1p2"};
        String[] paths = {"/", "/var/lib/influxdb", "/mnt/old disk"};
        for (int s = 0; s < steps; s++) {
            long t = start.getEpochSecond() + s * stepSeconds;
            for (int h = 0; h < 4; h++) {
                for (int d = 0; d < devices.length; d++) {
                    long total = (d + 1) * 500_000_000_000L;
                    long used = (long) (total * r.nextDouble());
                    lines.add("disk,device=" + devices[d] + ",fstype=" + (d == 2 ? "xfs" : "ext4") + ",host="
                            + InfluxQl.lineKey(HOSTS[h]) + ",mode=rw,path=" + InfluxQl.lineKey(paths[d])
                            + " total=" + total + "i,used=" + used + "i,used_percent="
                            + round(100.0 * used / total) + ",inodes_free=" + (Long.MAX_VALUE - r.nextInt(1000))
                            + "i,status=\"" + (used * 10 > total * 9 ? "full" : "ok") + "\" " + t + "000000000");
                }
            }
        }
        return lines;
    }

    private static List<String> events(Random r, Instant start, int steps, long stepSeconds) {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            long nanos = (start.getEpochSecond() + s * stepSeconds) * 1_000_000_000L + r.nextInt(1_000_000_000);
            lines.add("events,kind=" + (s % 3 == 0 ? "alarm" : "info") + ",site=plant-" + (s % 2) + " message="
                    + InfluxQl.lineString("event #" + s + (s % 7 == 0 ? ", with \\ backslash" : ""))
                    + ",code=" + (s * 7 % 100) + "i,acked=" + (s % 2 == 0) + " " + nanos);
        }
        return lines;
    }

    private static List<String> alerts(Random r, Instant start, int steps, long stepSeconds) {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            lines.add("alerts,severity=" + (s % 4 == 0 ? "critical" : "warning") + " value=" + r.nextInt(1000)
                    + "i,text=\"threshold " + s + "\" " + (start.getEpochSecond() + s * stepSeconds) + "000000000");
        }
        return lines;
    }

    private static List<String> sensor(Random r, Instant start, int steps, long stepSeconds) {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            long t = start.getEpochSecond() + s * stepSeconds;
            for (int line = 1; line <= 4; line++) {
                for (int unit = 0; unit < 3; unit++) {
                    lines.add("sensor,line=L" + line + ",unit=u" + unit + ",vendor=acme temperature="
                            + (r.nextGaussian() * 5 + 40) + ",pressure=" + (r.nextInt(2000) + 1000) + "i,ok="
                            + (r.nextInt(20) != 0) + " " + t + "000000000");
                }
            }
        }
        return lines;
    }

    private static void write(InfluxHttp http, String db, String rp, List<String> lines) {
        for (int i = 0; i < lines.size(); i += BATCH) {
            List<String> batch = lines.subList(i, Math.min(lines.size(), i + BATCH));
            if (rp == null) {
                http.write(db, InfluxHttp.Precision.NANOSECONDS, batch);
            } else {
                http.write(db, rp, InfluxHttp.Precision.NANOSECONDS, batch);
            }
        }
    }

    /** Waits until every shard directory holds a .tsm file (the cache is snapshotted after 1 s without writes). */
    private static void awaitTsmInEveryShard(Path data) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<Path> without = shardsWithoutTsm(data);
            if (without.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("influxd wrote no .tsm file within 90 s in " + without);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<Path> shardsWithoutTsm(Path data) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> shards = Files.find(data, 3, (p, a) -> a.isDirectory()
                && data.relativize(p).getNameCount() == 3 && !data.relativize(p).getName(1).toString().startsWith("_"))) {
            for (Path shard : shards.toList()) {
                try (Stream<Path> files = Files.list(shard)) {
                    if (files.noneMatch(f -> f.getFileName().toString().endsWith(".tsm"))) {
                        out.add(shard);
                    }
                }
            }
        }
        if (out.isEmpty() && !Files.isDirectory(data.resolve(TELEMETRY))) {
            out.add(data.resolve(TELEMETRY));
        }
        return out;
    }

    /** Three decimals: Double.toString then writes plain notation that line protocol reads back exactly. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
