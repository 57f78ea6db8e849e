package io.dbrecover.mysql.model;

/** An explicit {@code USING} clause of an index. */
public enum IndexAlgorithm {
    /** No USING clause: the engine's default. */
    DEFAULT, BTREE, HASH, RTREE
}
