package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.ExtendedValues;

/**
 * The exact form in which a decoded column value is compared with what a server returns for it. Each form is
 * injective: two different stored values never give the same form, so equal forms mean equal values.
 */
public enum ValueForm {
    /**
     * ASCII text as MariaDB prints the value: integers and DECIMALs without ZEROFILL padding, dates and times with
     * their fraction digits, TIMESTAMP in UTC; ENUM and SET as their index and bit mask, BIT and YEAR as numbers; the
     * plugin types (inet6, uuid) in their text form. A {@link String}.
     */
    TEXT,
    /**
     * The bytes as the server returns them for {@code CAST(col AS BINARY)}: strings in their column's character set
     * (CHAR without trailing spaces), binary strings, JSON, geometry. A {@code byte[]}, or a {@link LargeValue} for a
     * value longer than {@link FileRows#LARGE}.
     */
    BYTES,
    /** FLOAT and DOUBLE as an IEEE 754 double (a FLOAT widened exactly), compared by its bits. A {@link Double}. */
    REAL;

    /** The form of a column's values, or {@code null} when its stored values are not decoded here. */
    public static ValueForm of(Column c) {
        DataType t = c.type();
        if (t.compressed()) {
            return null;
        }
        return switch (t.type()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, BIT, ENUM, SET, YEAR, DATE, DATETIME, TIME, TIMESTAMP ->
                    TEXT;
            // a DECIMAL or VARCHAR of before MySQL 5.0.3 is an ASCII string, not decoded here
            case DECIMAL -> t.legacyTemporal() ? null : TEXT;
            case VARCHAR, VARBINARY -> t.legacyTemporal() ? null : BYTES;
            case FLOAT, DOUBLE -> REAL;
            case CHAR, BINARY, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB, JSON,
                 GEOMETRY -> BYTES;
            case EXTENDED -> ExtendedValues.storageBytes(t.extendedName()).isPresent()
                    ? TEXT : null;
            default -> null;
        };
    }

    /** Why {@link #of} gives {@code null} for the column. */
    public static String whyNot(Column c) {
        DataType t = c.type();
        if (t.compressed()) {
            return "MariaDB column compression is not decoded here";
        }
        if (t.legacyTemporal()) {
            return "a " + t.type() + " of before MySQL 5.0.3 is not decoded here";
        }
        return "the storage of " + (t.extendedName() != null ? t.extendedName() : t.type().toString())
                + " is not decoded here";
    }
}
