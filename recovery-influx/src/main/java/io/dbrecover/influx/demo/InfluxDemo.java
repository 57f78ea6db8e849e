package io.dbrecover.influx.demo;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.workspace.TreeCopy;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.server.InfluxBinaries;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.verify.InfluxProof;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code influx-cold-copy}: an InfluxDB 1.x server receives a few thousand points over HTTP, is stopped with SIGTERM
 * (which does not snapshot the cache, so the points are in the WAL only, as after most real shutdowns), and its
 * directory is all that is left. The recovery copies that directory into the work dir, starts a throwaway server on
 * the copy (which replays the WAL) and proves that every measurement came back: point and value counts, series
 * counts, field types and an ordered hash of every point, against the proof taken before the disaster.
 */
public final class InfluxDemo implements DemoScenario {
    /** The scenario's name. */
    public static final String NAME = "influx-cold-copy";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxDemo.class);
    private static final int BATCH = 1000;
    private static final String COPY_DIR = "server";

    private final InfluxServerProvider provider;

    public InfluxDemo(InfluxServerProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "InfluxDB 1.x stopped with SIGTERM (points only in its WAL); recover from a copy of its directory and "
                + "verify points, series and ordered hashes";
    }

    @Override
    public RecoveryReport run(DemoContext context) {
        // (a) the disaster: kept under the scenario's directory, so that `demo --keep` leaves it to look at
        Staged staged = stage(context);
        // (b) the recovery, from the stopped server's directory only
        AtomicReference<InfluxServer> recovered = new AtomicReference<>();
        try {
            Plan plan = new Plan("influx-demo-cold-copy", "database=" + DemoData.DATABASE, List.of(
                    new Step("copy-server-dir", "copy the server directory (meta, data, wal) into the work dir",
                            ctx -> copy(ctx, staged)),
                    Step.rerunOnResume("start-server-on-copy", "start a throwaway influxd on the copy; it replays the WAL",
                            ctx -> recovered.set(startOnCopy(ctx, context))),
                    new Step("verify", "compare counts, series, field types and ordered hashes with the proof "
                            + "taken before the disaster", ctx -> verify(ctx, running(recovered), staged.expected())),
                    new Step("stop-server", "stop the throwaway server (the recovered copy stays in the work dir)",
                            ctx -> running(recovered).close())));
            return RecoveryRun.builder(InfluxServerProvider.ENGINE, "demo")
                    .source(staged.serverDir())
                    .workDir(context.baseDir().resolve("work"))
                    .progress(context.progress())
                    .build()
                    .execute(plan);
        } finally {
            InfluxServer s = recovered.get();
            if (s != null) {
                s.close();
            }
        }
    }

    /**
     * The staged disaster.
     *
     * @param serverDir the stopped server's directory (meta, data, wal): the source of the recovery
     * @param expected  the proof taken while the server was up
     */
    record Staged(Path serverDir, InfluxProof expected) {
    }

    private Staged stage(DemoContext context) {
        ServerOptions options = derive(context.serverOptions()).baseDir(context.baseDir().resolve("disaster"))
                .keepFiles(true).build();
        try (InfluxServer original = provider.create(options)) {
            original.start();
            InfluxHttp http = original.http();
            http.createDatabase(DemoData.DATABASE);
            List<String> cpu = DemoData.cpuLines();
            List<String> mem = DemoData.memLines();
            write(http, InfluxHttp.Precision.SECONDS, cpu);
            write(http, InfluxHttp.Precision.NANOSECONDS, mem);
            InfluxProof expected = InfluxProof.collect(http, DemoData.DATABASE);
            // the proof must describe what was written, or the comparison after the recovery would prove nothing
            requireWritten(expected, DemoData.CPU, cpu.size(), DemoData.cpuSeries());
            requireWritten(expected, DemoData.MEM, mem.size(), DemoData.memSeries());
            LOG.info("staged {} points in {} series; stopping influxd with SIGTERM", expected.points(),
                    expected.seriesCount());
            original.stop();
            return new Staged(original.info().dataDir(), expected);
        }
    }

    private static void write(InfluxHttp http, InfluxHttp.Precision precision, List<String> lines) {
        for (int i = 0; i < lines.size(); i += BATCH) {
            http.write(DemoData.DATABASE, precision, lines.subList(i, Math.min(lines.size(), i + BATCH)));
        }
    }

    private static void requireWritten(InfluxProof proof, String measurement, long points, long series) {
        InfluxProof.MeasurementProof p = proof.measurement(measurement);
        if (p.points() != points || p.series() != series) {
            throw RecoveryException.of(ErrorCode.VERIFICATION_FAILED, "InfluxDB accepted " + points + " points in "
                            + series + " series of " + measurement + " but answers " + p.points() + " points in "
                            + p.series() + " series")
                    .hint("the staging server misbehaves; its log (debug level) says more").build();
        }
    }

    private static void copy(StepContext ctx, Staged staged) {
        long[] tsmFilesWalFilesWalBytes = new long[3];
        TreeCopy.Result r = TreeCopy.copy(ctx.workspace(), staged.serverDir(), COPY_DIR, TreeCopy.Links.SKIP, null,
                (file, size) -> {
                    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    if (name.endsWith(".tsm")) {
                        tsmFilesWalFilesWalBytes[0]++;
                    } else if (name.endsWith(".wal")) {
                        tsmFilesWalFilesWalBytes[1]++;
                        tsmFilesWalFilesWalBytes[2] += size;
                    }
                }, ctx.progress());
        ctx.finding(Finding.info("SERVER_DIR_COPIED", r.files() + " files (" + r.bytes() + " bytes) in "
                + r.directories() + " directories copied to " + r.target()));
        if (tsmFilesWalFilesWalBytes[0] == 0 && tsmFilesWalFilesWalBytes[1] > 0) {
            ctx.finding(Finding.info("DATA_ONLY_IN_WAL", "no .tsm file: every point is in the "
                    + tsmFilesWalFilesWalBytes[1] + " WAL file(s) (" + tsmFilesWalFilesWalBytes[2] + " bytes), since "
                    + "SIGTERM does not snapshot the cache; the server started on the copy must replay them"));
        }
        for (String s : r.skipped()) {
            ctx.finding(Finding.warning("NOT_COPIED", "left out of the copy: " + s, s));
        }
    }

    private InfluxServer startOnCopy(StepContext ctx, DemoContext context) {
        Path copy = ctx.workDir().resolve(COPY_DIR);
        InfluxServer server = provider.create(derive(context.serverOptions())
                .baseDir(context.baseDir().resolve("servers")).dataDir(copy).build());
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        ServerInfo info = server.info();
        ctx.tool(new ToolVersion(InfluxBinaries.SERVER, String.valueOf(info.version()),
                info.binDir().resolve(InfluxBinaries.SERVER).toString(), info.origin().label()));
        for (String line : server.shardsNotOpened()) {
            ctx.finding(Finding.error("SHARD_NOT_OPENED", "influxd could not open a shard of the copy: " + line, null));
        }
        return server;
    }

    private static void verify(StepContext ctx, InfluxServer server, InfluxProof expected) {
        InfluxProof actual = InfluxProof.collect(server.http(), DemoData.DATABASE);
        for (Map.Entry<String, List<Verification>> item : InfluxProof.compare(expected, actual).entrySet()) {
            List<Verification> checks = item.getValue();
            checks.forEach(ctx::verification);
            List<Verification> failed = checks.stream().filter(v -> !v.passed()).toList();
            String detail;
            if (failed.isEmpty()) {
                detail = summary(item.getKey(), expected, actual);
            } else {
                Verification f = failed.get(0);
                detail = failed.size() + " of " + checks.size() + " checks failed, first " + f.check() + ": expected "
                        + f.expected() + ", found " + f.actual();
            }
            ctx.item(new ItemResult(item.getKey(), failed.isEmpty() ? ItemStatus.VERIFIED
                    : ItemStatus.VERIFICATION_FAILED, detail));
        }
    }

    private static String summary(String item, InfluxProof expected, InfluxProof actual) {
        if (item.equals(expected.database())) {
            return actual.measurements().size() + " measurements, " + actual.seriesCount() + " series";
        }
        InfluxProof.MeasurementProof m = actual.measurement(item.substring(expected.database().length() + 1));
        return m.points() + " points in " + m.series() + " series, " + m.fieldCounts().size()
                + " fields; ordered hash " + m.rows().sha256().substring(0, 12) + "… matches";
    }

    private static InfluxServer running(AtomicReference<InfluxServer> ref) {
        InfluxServer s = ref.get();
        if (s == null) {
            throw new RecoveryException(ErrorCode.INTERNAL, "the server on the copy is not running; start the "
                    + "demo again in a fresh directory");
        }
        return s;
    }

    /** The caller's choices (binaries, user, timeout, settings) for a server of our own placement. */
    private static ServerOptions.Builder derive(ServerOptions base) {
        ServerOptions.Builder b = ServerOptions.builder().binaryDir(base.binaryDir()).origin(base.origin())
                .runAsUser(base.runAsUser()).startTimeout(base.startTimeout());
        base.settings().forEach(b::setting);
        return b;
    }
}
