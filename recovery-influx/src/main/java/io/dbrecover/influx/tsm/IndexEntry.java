package io.dbrecover.influx.tsm;

import io.dbrecover.influx.model.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One key of a TSM file's index: the series key with its field ({@code measurement,tag=value#!~#field}), the type
 * of its values and its blocks in the order the file lists them (by time when the file is sound).
 *
 * @param offset   the file offset where the entry starts (its key length)
 * @param key      the key's bytes as stored (InfluxDB does not check them for UTF-8); not to be modified
 * @param typeCode the block type byte the entry names
 * @param blocks   the entry's blocks
 */
public record IndexEntry(long offset, byte[] key, int typeCode, List<BlockRef> blocks) {
    /** The separator InfluxDB puts between a series key and a field name in a TSM key. */
    public static final String FIELD_SEPARATOR = "#!~#";

    public IndexEntry {
        Objects.requireNonNull(key, "key");
        blocks = List.copyOf(blocks);
    }

    /** The file offset of block reference {@code i} of this entry (where a wrong reference is). */
    public long refOffset(int i) {
        return offset + 2 + key.length + 3 + (long) i * TsmIndex.BLOCK_REF_SIZE;
    }

    /** The type, or {@code null} when {@link #typeCode()} is no type the format knows. */
    public FieldType type() {
        return FieldType.ofCode(typeCode);
    }

    /** The key as text (UTF-8; bytes that are no UTF-8 become U+FFFD). */
    public String keyString() {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** The series key ({@code measurement,tag=value,...}): the key up to the first field separator, as
     * InfluxDB splits it. */
    public String seriesKey() {
        String k = keyString();
        int at = k.indexOf(FIELD_SEPARATOR);
        return at < 0 ? k : k.substring(0, at);
    }

    /** The field name: the key after the first field separator (empty when there is none). */
    public String field() {
        String k = keyString();
        int at = k.indexOf(FIELD_SEPARATOR);
        return at < 0 ? "" : k.substring(at + FIELD_SEPARATOR.length());
    }
}
