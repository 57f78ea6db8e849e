package io.dbrecover.influx;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.influx.export.Exporter;
import io.dbrecover.influx.layout.LayoutScanner;
import io.dbrecover.influx.model.DataLayout;
import io.dbrecover.influx.model.ExportResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Exports an InfluxDB data directory as line protocol, without a server: every shard's TSM files merged with its
 * WAL, tombstones and WAL deletes applied, one line per field value, streamed (memory flat in the size of the
 * files; see {@code ShardReader} for what is held). The output loads with {@code influx -import}.
 */
public final class InfluxExport {
    private InfluxExport() {
    }

    /**
     * What to export.
     *
     * @param dataDir         the data directory (1.x {@code data}, or the directory holding {@code data},
     *                        {@code wal} and {@code meta}; 2.x the directory holding {@code engine})
     * @param walDir          the WAL directory, or {@code null} to take the one beside the data directory
     * @param database        only this database, or {@code null}
     * @param retentionPolicy only this retention policy, or {@code null}
     * @param start           the first instant exported, or {@code null}
     * @param end             the last instant exported (inclusive), or {@code null}
     * @param out             the line protocol file (outside the directories named and the data, WAL and meta
     *                        directories found in them)
     * @param gzip            whether to gzip it
     */
    public record Request(Path dataDir, Path walDir, String database, String retentionPolicy, Instant start,
                          Instant end, Path out, boolean gzip) {
        public Request {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(out, "out");
        }
    }

    /**
     * Exports.
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when the directories or the database are not there,
     *                           {@code SOURCE_WRITE_REFUSED} when {@code out} lies inside them, {@code USAGE} when
     *                           {@code start} is after {@code end}, {@code IO_ERROR} when the output cannot be written
     */
    public static ExportResult export(Request request) {
        long start = request.start() == null ? Long.MIN_VALUE : nanos(request.start(), "start");
        long end = request.end() == null ? Long.MAX_VALUE : nanos(request.end(), "end");
        if (start > end) {
            throw RecoveryException.of(ErrorCode.USAGE, "start " + request.start() + " is after end " + request.end())
                    .build();
        }
        // the directory named is a source as a whole (e.g. /var/lib/influxdb, holding data/, wal/ and meta/), not
        // only the data and WAL directories found in it
        List<Path> named = new ArrayList<>(List.of(request.dataDir()));
        if (request.walDir() != null) {
            named.add(request.walDir());
        }
        OutputFiles.outside(named).check(request.out());
        DataLayout layout = LayoutScanner.scan(request.dataDir(), request.walDir());
        return Exporter.export(layout, request.database(), request.retentionPolicy(), start, end, request.out(),
                request.gzip());
    }

    private static long nanos(Instant t, String field) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw RecoveryException.of(ErrorCode.USAGE, field + " " + t + " is outside InfluxDB's time range "
                    + "(1677-09-21 to 2262-04-11)").build();
        }
    }
}
