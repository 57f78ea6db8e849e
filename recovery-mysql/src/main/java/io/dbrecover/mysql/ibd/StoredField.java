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

    /**
     * A column dropped by MariaDB instant ALTER that records still store, as the file's field map describes it.
     *
     * @param number counts the dropped columns, for messages
     * @param length 0 for a variable-length column of at most 255 bytes, 1 for a longer one, else 1 + its fixed
     *        length
     */
    static StoredField dropped(int number, int length, boolean nullable) {
        String name = "instantly dropped column " + number;
        if (length >= 2) {
            return new StoredField(name, null, length - 1, length - 1, length - 1, nullable, false, false,
                    "a dropped fixed-length column");
        }
        return new StoredField(name, null, -1, 0, length == 1 ? 0xFFFFFFFFL : 255, nullable, length == 1, false,
                "a dropped variable-length column");
    }

    /** The same field with no lower bound on its length: the metadata record stores key strings empty. */
    StoredField withoutMinimum() {
        return fixed() ? this : new StoredField(name, column, fixedLength, 0, maxLength, nullable, big, prefix,
                typeText);
    }

    /** The BLOB pointer to the field map that the instant ALTER metadata record stores after DB_ROLL_PTR. */
    static StoredField metadataBlob() {
        return new StoredField("instant ALTER metadata BLOB", null, 20, 20, 20, false, false, false,
                "a 20-byte BLOB pointer");
    }

    boolean system() {
        return column == null;
    }
}
