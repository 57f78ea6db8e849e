package io.dbrecover.influx.model;

/** The series index a shard directory holds, as influxd would find it when it opens the shard. */
public enum IndexKind {
    /** {@code index/} holds TSI partitions with their {@code MANIFEST} (influxd opens it as tsi1). */
    TSI1,
    /**
     * No {@code index/} directory: influxd builds the in-memory index from the TSM files when it opens the shard (the
     * shard was written with {@code index-version="inmem"}, or its TSI index was lost).
     */
    INMEM,
    /** {@code index/} is there but holds no TSI index (empty, or partitions without their {@code MANIFEST}). */
    MISSING,
    /** {@code index/} is no directory or cannot be read: influxd fails to open the shard. */
    DAMAGED
}
