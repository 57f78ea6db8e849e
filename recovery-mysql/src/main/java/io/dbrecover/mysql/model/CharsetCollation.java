package io.dbrecover.mysql.model;

import java.util.Objects;

/**
 * A character set and one of its collations, with the numbers a reader needs.
 *
 * @param id the collation id stored in files
 * @param charset character set name, e.g. {@code utf8mb4}
 * @param collation collation name, e.g. {@code utf8mb4_general_ci}
 * @param maxBytesPerChar bytes of the longest character (1 for latin1, 4 for utf8mb4)
 * @param isDefault whether this is the character set's default collation
 */
public record CharsetCollation(int id, String charset, String collation, int maxBytesPerChar, boolean isDefault) {
    public CharsetCollation {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(collation, "collation");
        if (id < 0 || charset.isBlank() || collation.isBlank() || maxBytesPerChar < 1 || maxBytesPerChar > 4) {
            throw new IllegalArgumentException("invalid collation " + id + " " + charset + "/" + collation);
        }
    }

    /** The binary pseudo character set (BINARY, VARBINARY, BLOB). */
    public boolean isBinary() {
        return charset.equals("binary");
    }

    /**
     * Bytes of the shortest character: 2 for ucs2/utf16/utf16le, 4 for utf32, else 1. Only these multi-byte
     * fixed-minimum sets exist, and they change how ENUM/SET labels are stored.
     */
    public int minBytesPerChar() {
        switch (charset) {
            case "ucs2": case "utf16": case "utf16le": return 2;
            case "utf32": return 4;
            default: return 1;
        }
    }
}
