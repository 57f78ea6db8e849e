package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.Column;

/**
 * One field of a clustered index record as a table definition implies it.
 *
 * @param name the column name, or {@code DB_ROW_ID}/{@code DB_TRX_ID}/{@code DB_ROLL_PTR}/{@code FTS_DOC_ID}
 * @param column the column, {@code null} for system fields
 * @param fixedLength bytes of a fixed-length field, -1 for a variable-length one
 * @param minLength the fewest bytes a variable-length field holds (CHAR in a multi-byte charset pads)
 * @param maxLength the most bytes a variable-length field holds inline or in total
 * @param nullable the field has a bit in the null bitmap
 * @param big the length may take the 2-byte form and the value may be stored off-page
 * @param prefix a key prefix of the column rather than the whole column
 * @param typeText how the definition declares it, for messages (e.g. {@code DECIMAL(10,2)})
 */
record StoredField(String name, Column column, int fixedLength, int minLength, long maxLength, boolean nullable,
                   boolean big, boolean prefix, String typeText) {

    boolean fixed() {
        return fixedLength >= 0;
    }

    StoredField withNullable(boolean value) {
        return new StoredField(name, column, fixedLength, minLength, maxLength, value, big, prefix, typeText);
    }

    StoredField withFixedLength(int value) {
        return new StoredField(name, column, value, value, value, nullable, big, prefix, typeText);
    }

    /** A field the definition lacks, used to find where a layout breaks. */
    static StoredField unknownFixed(int length, boolean nullable) {
        return new StoredField("?", null, length, length, length, nullable, false, false, "?");
    }

    /** A variable-length field the definition lacks. */
    static StoredField unknownVariable(boolean nullable) {
        return new StoredField("?", null, -1, 0, 0xFFFFFFFFL, nullable, true, false, "?");
    }

    boolean system() {
        return column == null;
    }
}
