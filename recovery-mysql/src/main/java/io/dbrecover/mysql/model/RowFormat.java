package io.dbrecover.mysql.model;

/** ROW_FORMAT values, in the order of their codes in a {@code .frm}. */
public enum RowFormat {
    DEFAULT, FIXED, DYNAMIC, COMPRESSED, REDUNDANT, COMPACT, PAGE
}
