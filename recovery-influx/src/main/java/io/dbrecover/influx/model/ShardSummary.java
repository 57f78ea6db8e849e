package io.dbrecover.influx.model;

import java.util.Objects;

/**
 * One shard as {@code influx inspect} shows it.
 *
 * @param files       its files as found
 * @param minTime     the first timestamp holding a value (TSM and WAL merged, deletes applied; nanoseconds), or
 *                    {@link Long#MAX_VALUE} when it holds none
 * @param maxTime     the last, or {@link Long#MIN_VALUE}
 * @param keys        the keys ({@code series#!~#field}) holding values
 * @param values      the field values held
 * @param walValues   the values its WAL holds (before the TSM files are merged in)
 */
public record ShardSummary(ShardFiles files, long minTime, long maxTime, long keys, long values, long walValues) {
    public ShardSummary {
        Objects.requireNonNull(files, "files");
    }
}
