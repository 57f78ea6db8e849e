package io.dbrecover.influx.demo;

import io.dbrecover.influx.http.InfluxQl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The points of the demo: a week and a half of Telegraf-style {@code cpu} and {@code mem} samples from four hosts,
 * every 30 minutes, so that they fall into two shards of the default 7-day shard groups. {@code cpu} is written with
 * second precision, {@code mem} with nanosecond precision (with sub-second offsets), and between them they use every
 * field type (float, integer, boolean, string) and tag values that need escaping. Generated from a fixed seed: the
 * same points every run.
 */
final class DemoData {
    static final String DATABASE = "telegraf";
    static final String CPU = "cpu";
    static final String MEM = "mem";
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    static final long STEP_SECONDS = 1800;
    static final int STEPS = 360;
    static final String[] HOSTS = {"web-01", "web-02", "db-01", "db-02"};
    static final String[] CPUS = {"cpu0", "cpu1"};

    private DemoData() {
    }

    /** Series of {@code cpu}: every host and core. */
    static long cpuSeries() {
        return (long) HOSTS.length * CPUS.length;
    }

    /** Series of {@code mem}: every host. */
    static long memSeries() {
        return HOSTS.length;
    }

    /** {@code cpu} points in line protocol, timestamps in seconds. */
    static List<String> cpuLines() {
        Random r = new Random(20240301L);
        List<String> lines = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            long seconds = START.getEpochSecond() + step * STEP_SECONDS;
            for (String host : HOSTS) {
                for (String cpu : CPUS) {
                    double user = round(r.nextDouble() * 60);
                    double system = round(r.nextDouble() * 20);
                    lines.add(CPU + ",cpu=" + cpu + ",host=" + host + ",region=" + InfluxQl.lineKey(region(host))
                            + " usage_user=" + user + ",usage_system=" + system
                            + ",usage_idle=" + round(100 - user - system) + ",procs=" + (100 + r.nextInt(400)) + "i "
                            + seconds);
                }
            }
        }
        return lines;
    }

    /** {@code mem} points in line protocol, timestamps in nanoseconds (not on whole seconds). */
    static List<String> memLines() {
        Random r = new Random(20240302L);
        List<String> lines = new ArrayList<>();
        long total = 16L << 30;
        for (int step = 0; step < STEPS; step++) {
            long nanos = (START.getEpochSecond() + step * STEP_SECONDS) * 1_000_000_000L;
            for (int h = 0; h < HOSTS.length; h++) {
                long used = (long) (total * (0.2 + 0.7 * r.nextDouble()));
                boolean swapOk = r.nextInt(10) != 0;
                String status = swapOk ? "ok" : "swapping, \"heavy\"";
                lines.add(MEM + ",host=" + HOSTS[h] + ",region=" + InfluxQl.lineKey(region(HOSTS[h]))
                        + " used=" + used + "i,available=" + (total - used) + "i,used_percent="
                        + round(100.0 * used / total) + ",swap_ok=" + swapOk + ",status=" + InfluxQl.lineString(status)
                        + " " + (nanos + 123_456_789L * (h + 1)));
            }
        }
        return lines;
    }

    private static String region(String host) {
        return host.startsWith("web") ? "eu-west" : "us east";
    }

    /** Three decimals, so that {@link Double#toString} writes plain notation line protocol reads back exactly. */
    private static double round(double v) {
        return Math.max(0, Math.round(v * 1000) / 1000.0);
    }
}
