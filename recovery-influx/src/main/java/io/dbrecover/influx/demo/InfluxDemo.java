package io.dbrecover.influx.demo;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.demo.ColdCopyDemo;
import io.dbrecover.core.workspace.TreeCopy;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.server.InfluxBinaries;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.verify.InfluxProof;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code influx-cold-copy}: an InfluxDB 1.x server receives a few thousand points over HTTP, is stopped with SIGTERM
 * (which does not snapshot the cache, so the points are in the WAL only, as after most real shutdowns), and its
 * directory is all that is left. The recovery copies that directory into the work dir, starts a throwaway server on
 * the copy (which replays the WAL) and proves that every measurement came back: point and value counts, series
 * counts, field types and an ordered hash of every point, against the proof taken before the disaster.
 */
public final class InfluxDemo extends ColdCopyDemo<InfluxServer, InfluxProof> {
    /** The scenario's name. */
    public static final String NAME = "influx-cold-copy";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxDemo.class);
    private static final int BATCH = 1000;

    private final InfluxServerProvider provider;

    public InfluxDemo(InfluxServerProvider provider) {
        super(InfluxServerProvider.ENGINE, NAME, "InfluxDB 1.x stopped with SIGTERM (points only in its WAL); recover "
                + "from a copy of its directory and verify points, series and ordered hashes",
                new Names("influx-demo-cold-copy", "database=" + DemoData.DATABASE, "server",
                        new Label("copy-server-dir", "copy the server directory (meta, data, wal) into the work dir"),
                        new Label("start-server-on-copy", "start a throwaway influxd on the copy; it replays the WAL"),
                        new Label("verify", "compare counts, series, field types and ordered hashes with the proof "
                                + "taken before the disaster"),
                        new Label("stop-server", "stop the throwaway server (the recovered copy stays in the work "
                                + "dir)")));
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    protected InfluxServer server(ServerOptions options) {
        return provider.create(options);
    }

    @Override
    protected InfluxProof stage(InfluxServer server) {
        InfluxHttp http = server.http();
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
        return expected;
    }

    /** The stopped server's directory stays for {@code demo --keep} to show, as it always did. */
    @Override
    protected boolean keepStagedFiles() {
        return true;
    }

    /** The copy leaves links out (named in the report) and says whether the points are in the WAL only. */
    @Override
    protected void copy(StepContext ctx, Path disaster, String copyDir) {
        long[] tsmFilesWalFilesWalBytes = new long[3];
        TreeCopy.Result r = TreeCopy.copy(ctx.workspace(), disaster, copyDir, TreeCopy.Links.SKIP, null,
                (file, size) -> {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
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

    @Override
    protected ToolVersion tool(InfluxServer server) {
        ServerInfo info = server.info();
        return new ToolVersion(InfluxBinaries.SERVER, String.valueOf(info.version()),
                info.binDir().resolve(InfluxBinaries.SERVER).toString(), info.origin().label());
    }

    /** influxd answers even when it could not open a shard: such a shard is named as an error. */
    @Override
    protected void started(StepContext ctx, InfluxServer server) {
        super.started(ctx, server);
        for (String line : server.shardsNotOpened()) {
            ctx.finding(Finding.error("SHARD_NOT_OPENED", "influxd could not open a shard of the copy: " + line, null));
        }
    }

    @Override
    protected void verify(InfluxServer server, InfluxProof expected, StepContext ctx) {
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

    private static String summary(String item, InfluxProof expected, InfluxProof actual) {
        if (item.equals(expected.database())) {
            return actual.measurements().size() + " measurements, " + actual.seriesCount() + " series";
        }
        InfluxProof.MeasurementProof m = actual.measurement(item.substring(expected.database().length() + 1));
        return m.points() + " points in " + m.series() + " series, " + m.fieldCounts().size()
                + " fields; ordered hash " + m.rows().sha256().substring(0, 12) + "… matches";
    }
}
