package io.dbrecover.influx.shard;

import io.dbrecover.influx.wal.Values;

/** Receives a shard's keys in key order with their merged values. */
@FunctionalInterface
public interface KeyVisitor {
    /**
     * One key's values.
     *
     * @param rawKey the TSM key ({@code series#!~#field}, the series part escaped as in line protocol), one char per
     *               byte (ISO-8859-1), so that it orders as the TSM index does and its bytes are exact
     * @param values its values, time-ordered and unique per timestamp; valid only during the call (reused)
     */
    void key(String rawKey, Values values);
}
