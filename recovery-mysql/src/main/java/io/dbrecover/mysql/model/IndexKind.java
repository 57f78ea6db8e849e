package io.dbrecover.mysql.model;

/** The kinds of index a CREATE TABLE can declare. */
public enum IndexKind {
    PRIMARY, UNIQUE, KEY, FULLTEXT, SPATIAL
}
