package io.dbrecover.core.api;

/** How much a finding matters. */
public enum Severity {
    /** Worth knowing; nothing is wrong. */
    INFO,
    /** Something the user must know to trust the result (e.g. what a .frm cannot hold). */
    WARNING,
    /** Something failed or is damaged. */
    ERROR
}
