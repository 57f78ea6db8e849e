package io.dbrecover.mysql.model;

/** A table option that can be given as 1, given as 0, or left out. */
public enum Switch {
    UNSET, ON, OFF
}
