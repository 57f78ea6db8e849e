package io.dbrecover.influx.demo;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.demo.StagedDemo;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.rebuild.IndexRebuild;
import io.dbrecover.influx.rebuild.RebuildInput;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.influx.verify.InfluxProof;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code influx-lost-index}: the night behind the issue. An InfluxDB 1.x server receives the demo's points (part in
 * TSM files, part only in the WAL), is stopped, and loses its TSI index ({@code index/} of every shard), its series
 * files ({@code _series}) and its meta store ({@code meta/}): data and WAL copied back by hand into a fresh install.
 * The recovery rebuilds it with the {@code replay} strategy (no {@code influx_inspect} needed), the databases and
 * retention policies recreated from the directory tree, and proves it: a throwaway influxd on the result opens every
 * shard with tsi1 and answers the numbers of the files, and the ordered hash of every point equals the proof taken
 * before the disaster.
 */
public final class InfluxLostIndexDemo extends StagedDemo<InfluxServer, InfluxProof> {
    /** The scenario's name. */
    public static final String NAME = "influx-lost-index";
    private static final int BATCH = 1000;

    private final InfluxServerProvider provider;

    public InfluxLostIndexDemo(InfluxServerProvider provider) {
        super(InfluxServerProvider.ENGINE, NAME, "InfluxDB 1.x whose TSI index, series files and meta.db are lost; "
                + "rebuild with replay (no influx_inspect) and prove every shard tsi1 and every point as before");
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** Snapshots the cache a second after the writes, so that most points are in TSM files as on a real server. */
    @Override
    protected InfluxServer server(ServerOptions options) {
        return provider.create(options.toBuilder().setting("data.cache-snapshot-write-cold-duration", "1s").build());
    }

    @Override
    protected InfluxProof stage(InfluxServer server) throws Exception {
        InfluxHttp http = server.http();
        http.createDatabase(DemoData.DATABASE);
        write(http, InfluxHttp.Precision.SECONDS, DemoData.cpuLines());
        Path data = server.info().dataDir().resolve("data");
        awaitTsm(data);
        // these stay in the WAL: the server is stopped before the cache is snapshotted again
        write(http, InfluxHttp.Precision.NANOSECONDS, DemoData.memLines());
        return InfluxProof.collect(http, DemoData.DATABASE);
    }

    /** The stopped server's directory without index/, _series and meta/: what was copied back by hand. */
    @Override
    protected Path disaster(Path stoppedDataDir, DemoContext context) {
        try {
            deleteTree(stoppedDataDir.resolve("meta"));
            try (Stream<Path> s = Files.walk(stoppedDataDir.resolve("data"))) {
                for (Path p : s.filter(p -> p.getFileName().toString().equals("index")
                        || p.getFileName().toString().equals("_series")).toList()) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot stage the lost index in " + stoppedDataDir + ": "
                    + e.getMessage()).cause(e).build();
        }
        return stoppedDataDir;
    }

    @Override
    protected RecoveryReport recover(DemoContext context, Path disaster, InfluxProof proof) {
        Path work = context.baseDir().resolve("work");
        return IndexRebuild.run(new RebuildInput("demo", null, disaster.resolve("data"), disaster.resolve("wal"), null,
                work.resolve("rebuilt"), work, RebuildInput.Strategy.REPLAY, null,
                StagedDemo.derive(context.serverOptions(), context.baseDir(), null), context.progress(),
                Map.of(DemoData.DATABASE, proof)), provider);
    }

    private static void write(InfluxHttp http, InfluxHttp.Precision precision, List<String> lines) {
        for (int i = 0; i < lines.size(); i += BATCH) {
            http.write(DemoData.DATABASE, precision, lines.subList(i, Math.min(lines.size(), i + BATCH)));
        }
    }

    private static void awaitTsm(Path data) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.walk(data)) {
                if (s.anyMatch(p -> p.getFileName().toString().endsWith(".tsm"))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw RecoveryException.of(ErrorCode.INTERNAL, "influxd wrote no TSM file in 60 s under " + data).build();
    }

    private static void deleteTree(Path dir) {
        OutputFiles.withoutSources().deleteTree(dir);
    }
}
