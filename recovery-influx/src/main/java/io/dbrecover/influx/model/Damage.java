package io.dbrecover.influx.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Damage found in an InfluxDB file: a block whose checksum does not match, an index entry out of order, a length
 * that runs past the end of the file, a block that does not decode.
 *
 * @param file      the file
 * @param offset    the byte offset in {@code file} where the damaged structure starts (a block's CRC, an index
 *                  entry, a header), or -1 when the damage is the file as a whole (e.g. it cannot be opened)
 * @param seriesKey the TSM key concerned ({@code measurement,tag=value#!~#field}) when the damage belongs to one,
 *                  else {@code null}
 * @param what      what is wrong, for a person
 */
public record Damage(Path file, long offset, String seriesKey, String what) {
    public Damage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(what, "what");
        offset = offset < 0 ? -1 : offset;
    }

    /** One line: file, offset, key and what is wrong. */
    public String describe() {
        return file + (offset >= 0 ? " at byte " + offset : "") + (seriesKey != null ? " (key " + seriesKey + ")" : "")
                + ": " + what;
    }
}
