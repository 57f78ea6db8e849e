package io.dbrecover.influx.model;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.Severity;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an export wrote.
 *
 * @param out         the line protocol file
 * @param gzip        whether it is gzip-compressed
 * @param sha256      the SHA-256 of the file's bytes (compressed when gzip), lowercase hex
 * @param bytes       the file's size
 * @param linesPerRetentionPolicy per {@code database/retentionPolicy}, the lines of values written: one line per
 *                    field value, so a point with three fields is three lines
 * @param counts      per database and retention policy, what was written: measurements, series, points (distinct
 *                    series and timestamp) and values per field, to compare with a server the file is loaded into
 * @param damage      damage met in the files read (the values it concerns are not in the output)
 * @param findings    everything else to know: values line protocol cannot hold (NaN, infinities), WAL-only shards,
 *                    links not followed
 */
public record ExportResult(Path out, boolean gzip, String sha256, long bytes, Map<String, Long> linesPerRetentionPolicy,
                           List<DatabaseCounts> counts, List<Damage> damage, List<Finding> findings) {
    public ExportResult {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(sha256, "sha256");
        linesPerRetentionPolicy = Collections.unmodifiableMap(new LinkedHashMap<>(linesPerRetentionPolicy));
        counts = List.copyOf(counts);
        damage = List.copyOf(damage);
        findings = List.copyOf(findings);
    }

    /** The lines of values written in all. */
    public long lines() {
        return linesPerRetentionPolicy.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether everything found was written: no damage and no value left out. */
    public boolean complete() {
        return damage.isEmpty() && findings.stream().noneMatch(f -> f.severity() != Severity.INFO);
    }
}
