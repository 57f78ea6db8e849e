package io.dbrecover.mysql.model;

import java.util.List;
import java.util.Objects;

/**
 * A column's data type with everything its declaration can say.
 *
 * @param type the base type
 * @param length integer display width, DECIMAL/FLOAT/DOUBLE precision M, string length in characters, binary
 *        length in bytes, BIT width; 0 when the declaration has none
 * @param scale DECIMAL scale or FLOAT/DOUBLE D; -1 when not declared
 * @param fsp fractional-seconds precision of TIME/DATETIME/TIMESTAMP (0–6)
 * @param unsigned UNSIGNED (numeric types only)
 * @param zerofill ZEROFILL (numeric types only)
 * @param charset character set and collation of character types; {@code null} for other types
 * @param labels ENUM/SET values, decoded to text; empty for other types
 * @param geometry the spatial type when {@code type} is GEOMETRY, else {@code null}
 * @param extendedName the name of an {@link ColumnType#EXTENDED} type ({@code inet6}, {@code uuid}…), else
 *        {@code null}
 * @param legacyTemporal stored in a pre-5.0/5.6 format: a TIME/DATETIME/TIMESTAMP in the pre-MySQL-5.6 (MariaDB 5.3)
 *        format, a VARCHAR/VARBINARY of the pre-5.0.3 kind or a DECIMAL of the pre-5.0.3 kind
 * @param compressed a MariaDB column-compressed VARCHAR/BLOB/TEXT
 * @param labelBytes empty when every ENUM/SET label's text stands for its stored bytes; otherwise one entry per
 *        label: {@code ""} for such a label, else its stored bytes as upper-case hex digits (a label of a binary
 *        ENUM that is not UTF-8, a byte its character set has no character for), written as {@code 0x…}
 */
public record DataType(ColumnType type, int length, int scale, int fsp, boolean unsigned, boolean zerofill,
                       CharsetCollation charset, List<String> labels, GeometryType geometry, String extendedName,
                       boolean legacyTemporal, boolean compressed, List<String> labelBytes) {
    public DataType {
        Objects.requireNonNull(type, "type");
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        labelBytes = List.copyOf(Objects.requireNonNull(labelBytes, "labelBytes"));
        if (!labelBytes.isEmpty() && (labelBytes.size() != labels.size()
                || labelBytes.stream().anyMatch(h -> !h.matches("([0-9A-F]{2})*")))) {
            throw new IllegalArgumentException(type + ": label bytes must be one hex string per label");
        }
        if (length < 0 || scale < -1 || fsp < 0 || fsp > 6) {
            throw new IllegalArgumentException(type + ": bad length/scale/fsp " + length + "/" + scale + "/" + fsp);
        }
        if ((unsigned || zerofill) && !type.isNumeric()) {
            throw new IllegalArgumentException(type + " cannot be UNSIGNED or ZEROFILL");
        }
        if (charset != null && !type.hasCharset()) {
            throw new IllegalArgumentException(type + " has no character set");
        }
        if (type.family() == ColumnType.Family.LIST && labels.isEmpty()) {
            throw new IllegalArgumentException(type + " needs at least one value");
        }
        if (type.family() != ColumnType.Family.LIST && !labels.isEmpty()) {
            throw new IllegalArgumentException(type + " cannot have ENUM/SET values");
        }
        if ((type == ColumnType.GEOMETRY) != (geometry != null)) {
            throw new IllegalArgumentException("geometry subtype is required for GEOMETRY and only for it");
        }
        if ((type == ColumnType.EXTENDED) != (extendedName != null && !extendedName.isBlank())) {
            throw new IllegalArgumentException("an extended type name is required for EXTENDED and only for it");
        }
        if (type == ColumnType.DECIMAL && (length < 1 || length > 65 || scale < 0 || scale > 38 || scale > length)) {
            throw new IllegalArgumentException("DECIMAL(" + length + "," + scale + ") is out of range");
        }
        if (type == ColumnType.BIT && (length < 1 || length > 64)) {
            throw new IllegalArgumentException("BIT(" + length + ") is out of range");
        }
    }

    /** A type whose labels (if any) are all exact text. */
    public DataType(ColumnType type, int length, int scale, int fsp, boolean unsigned, boolean zerofill,
                    CharsetCollation charset, List<String> labels, GeometryType geometry, String extendedName,
                    boolean legacyTemporal, boolean compressed) {
        this(type, length, scale, fsp, unsigned, zerofill, charset, labels, geometry, extendedName, legacyTemporal,
                compressed, List.of());
    }

    /** The hex digits of label {@code i}'s stored bytes when its text cannot stand for them, else {@code ""}. */
    public String labelHex(int i) {
        return labelBytes.isEmpty() ? "" : labelBytes.get(i);
    }

    /** A type without character set, values, geometry or extension (numbers, dates, binary strings). */
    public static DataType simple(ColumnType type, int length, int scale, int fsp, boolean unsigned,
                                  boolean zerofill) {
        return new DataType(type, length, scale, fsp, unsigned, zerofill, null, List.of(), null, null, false, false);
    }

    /** The same type stored in the pre-MySQL-5.6 temporal format. */
    public DataType withLegacy() {
        return new DataType(type, length, scale, fsp, unsigned, zerofill, charset, labels, geometry, extendedName,
                true, compressed, labelBytes);
    }
}
