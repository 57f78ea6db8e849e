package io.dbrecover.influx.tsm;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One deletion recorded beside a TSM file: the values of {@code key} with a timestamp in {@code [min, max]} are
 * deleted. Version 1 files (keys only) delete the whole range ({@link Long#MIN_VALUE} to {@link Long#MAX_VALUE}).
 *
 * @param offset the offset of the entry in the tombstone file, or in its gzip stream for versions 3 and 4
 * @param key    the TSM key's bytes ({@code measurement,tag=value#!~#field}); not to be modified
 * @param min    first deleted timestamp (Unix nanoseconds)
 * @param max    last deleted timestamp
 */
public record Tombstone(long offset, byte[] key, long min, long max) {
    public Tombstone {
        Objects.requireNonNull(key, "key");
    }

    /** The key as text (UTF-8). */
    public String keyString() {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** Whether a value of this key at {@code time} is deleted. */
    public boolean covers(long time) {
        return time >= min && time <= max;
    }
}
