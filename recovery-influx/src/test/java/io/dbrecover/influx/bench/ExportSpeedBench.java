package io.dbrecover.influx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.InfluxExport;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.model.ExportResult;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export speed on data written by a real influxd (not in the suite: run with
 * {@code -Dtest=ExportSpeedBench -Dbench.points=N}). Prints points (field values) per second.
 */
class ExportSpeedBench {
    @TempDir
    Path tmp;

    @Test
    void exportSpeed() throws Exception {
        int points = Integer.getInteger("bench.points", 2_000_000);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root;
        try (InfluxServer server = new InfluxServerProvider().create(ServerOptions.builder().baseDir(tmp)
                .keepFiles(true).setting("data.cache-snapshot-write-cold-duration", "1s").build())) {
            server.start();
            InfluxHttp http = server.http();
            http.createDatabase("bench");
            long t0 = 1_700_000_000_000_000_000L;
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < points / 2; i++) {
                batch.add("cpu,host=h" + (i % 100) + ",region=r" + (i % 7) + " usage=" + (i * 0.37) + ",n=" + i
                        + "i " + (t0 + (long) (i / 100) * 10_000_000_000L));
                if (batch.size() == 20_000) {
                    http.write("bench", InfluxHttp.Precision.NANOSECONDS, batch);
                    batch.clear();
                }
            }
            http.write("bench", InfluxHttp.Precision.NANOSECONDS, batch);
            Thread.sleep(8000);
            root = server.info().dataDir();
            server.stop();
        }
        for (int run = 0; run < 3; run++) {
            Path out = tmp.resolve("out" + run + ".lp");
            System.gc();
            long start = System.nanoTime();
            ExportResult r = InfluxExport.export(new InfluxExport.Request(root, null, null, null, null, null, out,
                    false));
            double s = (System.nanoTime() - start) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.out.printf("export: %d lines, %d bytes in %.2f s = %.0f lines/s, %.0f MB/s; heap used %d MB%n",
                    r.lines(), r.bytes(), s, r.lines() / s, r.bytes() / s / 1e6,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
            assertThat(r.lines()).isEqualTo(points);
            Files.delete(out);
        }
    }
}
