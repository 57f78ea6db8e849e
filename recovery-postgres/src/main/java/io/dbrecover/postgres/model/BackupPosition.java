package io.dbrecover.postgres.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Where in the WAL a base backup starts and ends, and when: a restore must replay at least to {@link #end()} (a
 * recovery target before it cannot be reached from this backup), and the server's time of the end is the earliest
 * time target that makes sense.
 *
 * @param start         the backup's start location ({@code START WAL LOCATION} of {@code backup_label}; else the
 *                      manifest's first WAL range start), or {@code null} when neither is readable
 * @param end           the backup's end location (the manifest's last WAL range end, or the archive's
 *                      {@code *.backup} file's {@code STOP WAL LOCATION}), or {@code null} when none is known
 * @param timeline      the timeline the backup started on ({@code START TIMELINE}, or the first WAL range's), 0 when
 *                      unknown
 * @param endTimeline   the timeline the backup ended on (the last WAL range's, or {@code STOP TIMELINE}), 0 when
 *                      unknown
 * @param startTime     the start time ({@code START TIME}), or {@code null} when unknown or not parseable
 * @param stopTime      the stop time, known only from the archive's {@code *.backup} file ({@code STOP TIME}), or
 *                      {@code null}
 * @param label         the backup's label ({@code LABEL}), or {@code null}
 * @param backupFile    the name of the archive's {@code *.backup} file used, or {@code null} when none was found
 *                      (no {@code --wal-archive}, or none there for this start location)
 */
public record BackupPosition(Lsn start, Lsn end, int timeline, int endTimeline, Instant startTime,
                             Instant stopTime, String label, String backupFile) {
    /** The stop time, when the archive's {@code *.backup} file told it. */
    public Optional<Instant> stop() {
        return Optional.ofNullable(stopTime);
    }

    /** The end location, when known. */
    public Optional<Lsn> endLsn() {
        return Optional.ofNullable(end);
    }
}
