package io.dbrecover.influx.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One TSM file as {@code influx verify} saw it.
 *
 * @param file       the file
 * @param bytes      its size
 * @param keys       index entries read (series key + field each)
 * @param blocks     blocks checked
 * @param values     values decoded (with {@code deep}), else -1
 * @param tombstones entries of its tombstone file (0 when it has none)
 * @param damaged    damage found in the file and its tombstone file, all counted (the report lists at most
 *                   {@link VerifyReport#MAX_LISTED_PER_FILE} of them per file)
 */
public record VerifiedFile(Path file, long bytes, long keys, long blocks, long values, long tombstones,
                           long damaged) {
    public VerifiedFile {
        Objects.requireNonNull(file, "file");
    }
}
