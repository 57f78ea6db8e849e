package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.StepTiming;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transplant benchmark of issue 5, run by {@code bench/transplant/run.sh} (not a test: its name ends in neither
 * Test nor IT). Prints numbers and targets; never fails on a timing.
 */
public final class TransplantBench {
    private static final Pattern PHASES = Pattern.compile("copy (\\d+) ms, import (\\d+) ms, compare (\\d+) ms, "
            + "keys (\\d+) ms, hash (\\d+) ms");
    private static final Pattern ITEM = Pattern.compile("item \\S+ (\\S+) ");
    private static final Pattern PEAK = Pattern.compile("peak-heap-bytes (\\d+)");

    private TransplantBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int sizeMib = Integer.parseInt(args[1]);
        disaster(work.resolve("disaster"));
        large(work.resolve("large"), sizeMib);
    }

    private static void disaster(Path dir) {
        Disaster.Staged staged = Disaster.stage(dir.resolve("stage"), Disaster.Format.CURRENT,
                Disaster.Ending.CLEAN_SHUTDOWN);
        long t0 = System.nanoTime();
        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(staged.orphanDir())
                .workDir(dir.resolve("work")).expected(staged.expected())
                .server(ServerOptions.builder().baseDir(dir).build()).build());
        long total = (System.nanoTime() - t0) / 1_000_000;
        List<Long> tables = report.timings().stream().filter(t -> t.step().startsWith("table:"))
                .map(StepTiming::millis).sorted().toList();
        long verified = report.items().stream().filter(i -> i.status().name().equals("VERIFIED")).count();
        System.out.printf("== the %d-table disaster (%s)%n", tables.size(), report.outcome());
        System.out.printf("total, server init and start included: %d ms (target < 10000 ms); %d/%d tables verified%n",
                total, verified, report.items().size());
        System.out.printf("per table (import, keys, proof): median %d ms, 90th %d ms, max %d ms (target < 100 ms for "
                + "small tables)%n", tables.get(tables.size() / 2), tables.get(tables.size() * 9 / 10),
                tables.get(tables.size() - 1));
        report.timings().stream().filter(t -> !t.step().startsWith("table:"))
                .forEach(t -> System.out.printf("  %-22s %6d ms%n", t.step(), t.millis()));
        // where a table's time goes: the median of each phase over the tables
        String[] names = {"copy", "import", "compare", "keys", "hash"};
        List<long[]> phases = report.items().stream().map(i -> PHASES.matcher(i.detail())).filter(Matcher::find)
                .map(m -> new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5))})
                .toList();
        StringBuilder line = new StringBuilder("per table, median of each phase:");
        for (int p = 0; p < names.length; p++) {
            int phase = p;
            List<Long> values = phases.stream().map(v -> v[phase]).sorted().toList();
            line.append(' ').append(names[p]).append(' ').append(values.isEmpty() ? "?" : values.get(values.size()
                    / 2)).append(" ms");
        }
        System.out.println(line + "; the rest is CHECK TABLE, the row count and the server's dictionary");
    }

    private static void large(Path dir, int sizeMib) throws Exception {
        Path orphan = Files.createDirectories(dir.resolve("orphan/big"));
        long rows = sizeMib * 1024L;
        long t0 = System.nanoTime();
        try (MariaDbServer server = new MariaDbServerProvider().createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(dir.resolve("source"))).startTimeout(Duration.ofMinutes(5))
                .build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE big");
                st.execute("USE big");
                st.execute("CREATE TABLE big.t (id BIGINT NOT NULL PRIMARY KEY, pad VARCHAR(1000) NOT NULL)");
                for (long from = 1; from <= rows; from += 100_000) {
                    long to = Math.min(rows, from + 99_999);
                    st.execute("INSERT INTO big.t SELECT seq, REPEAT(CHAR(65 + seq % 26), 990) FROM seq_" + from
                            + "_to_" + to);
                }
            }
            server.stop();
            Path db = server.info().dataDir().resolve("big");
            Files.copy(db.resolve("t.frm"), orphan.resolve("t.frm"));
            Files.copy(db.resolve("t.ibd"), orphan.resolve("t.ibd"));
        }
        Path ibd = orphan.resolve("t.ibd");
        System.out.printf("%n== one large table: %d MiB .ibd (%d rows, staged in %d s)%n", Files.size(ibd) >> 20,
                rows, (System.nanoTime() - t0) / 1_000_000_000);
        ProcessRunner runner = new ProcessRunner();
        // both from the page cache: read the file once before either is timed
        runner.run(ProcessSpec.of("cat", ibd.toString()).timeout(Duration.ofMinutes(10)).logName("cat").build());
        Files.createDirectories(dir.resolve("copy"));
        long c0 = System.nanoTime();
        runner.run(ProcessSpec.of("cp", ibd.toString(), dir.resolve("copy/t.ibd").toString())
                .timeout(Duration.ofMinutes(10)).logName("cp").build());
        long copyMs = (System.nanoTime() - c0) / 1_000_000;
        Files.delete(dir.resolve("copy/t.ibd"));
        // the recovery in a JVM whose heap is far smaller than the table: every row is compared and hashed streaming
        String heap = System.getProperty("bench.heap", "256m");
        ProcessResult child = runner.run(ProcessSpec.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                LargeRecoverMain.class.getName(), dir.resolve("orphan").toString(), dir.resolve("work").toString(),
                dir.toString()).timeout(Duration.ofHours(2)).logName("recover").build());
        String out = child.output();
        Matcher item = ITEM.matcher(out);
        Matcher m = PHASES.matcher(out);
        Matcher peak = PEAK.matcher(out);
        if (!item.find() || !m.find() || !peak.find()) {
            System.out.println("no phase times in the child's output:\n" + out);
            return;
        }
        long ours = Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
        double gib = Files.size(ibd) / (double) (1L << 30);
        System.out.printf("plain copy (cp): %d ms; ours, copy + IMPORT TABLESPACE: %d ms (copy %s ms, import %s ms)%n",
                copyMs, ours, m.group(1), m.group(2));
        System.out.printf("ratio ours/cp: %.2f (target < 2); table %s%n", (double) ours / Math.max(1, copyMs),
                item.group(1));
        System.out.printf("every row compared with our reader: %s ms, %.0f ms per GiB; row hash: %s ms, %.0f ms per "
                + "GiB; keys %s ms%n", m.group(3), Long.parseLong(m.group(3)) / gib, m.group(5),
                Long.parseLong(m.group(5)) / gib, m.group(4));
        System.out.printf("recovering JVM: -Xmx%s, peak heap %d MiB for a %.2f GiB table%n", heap,
                Long.parseLong(peak.group(1)) >> 20, gib);
    }
}
