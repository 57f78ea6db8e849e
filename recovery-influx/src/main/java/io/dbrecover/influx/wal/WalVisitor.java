package io.dbrecover.influx.wal;

import io.dbrecover.influx.model.FieldType;
import java.util.List;

/**
 * Receives the entries of a WAL segment in the order they were written.
 *
 * <p>Keys are raw TSM keys ({@code measurement,tag=value#!~#field}) held as ISO-8859-1 strings, one char per byte:
 * the bytes are kept exactly (InfluxDB does not check UTF-8) and {@link String#compareTo(String)} orders them as
 * the TSM index orders its keys (unsigned bytes).
 */
public interface WalVisitor {
    /**
     * The values of one key in a write entry. The arrays are reused for the next call: copy what is kept.
     *
     * @param key     the raw key
     * @param type    the values' type
     * @param count   the number of values (the first {@code count} elements of the arrays are valid)
     * @param times   the timestamps (nanoseconds since the epoch)
     * @param values  for FLOAT the IEEE-754 bits, for INTEGER and UNSIGNED the value, for BOOLEAN 1 or 0; unused for
     *                STRING
     * @param strings for STRING the UTF-8 bytes of each value (fresh arrays, which may be kept); unused otherwise
     */
    void write(String key, FieldType type, int count, long[] times, long[] values, byte[][] strings);

    /** A delete entry: every value of these keys written before it is gone. */
    void delete(List<String> keys);

    /** A range delete entry: values of these keys with {@code min <= time <= max} written before it are gone. */
    void deleteRange(List<String> keys, long min, long max);
}
