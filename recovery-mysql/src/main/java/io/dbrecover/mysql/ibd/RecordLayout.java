package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.ExtendedValues;
import io.dbrecover.mysql.model.Index;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.IndexPart;
import io.dbrecover.mysql.model.MariaDb53Temporals;
import io.dbrecover.mysql.model.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a clustered index leaf record that a table definition implies: the clustered key (primary key,
 * else the first UNIQUE key over NOT NULL columns without prefixes, else the hidden 6-byte row id), DB_TRX_ID,
 * DB_ROLL_PTR, then the other stored columns in table order (and the hidden FTS_DOC_ID of a table with a FULLTEXT
 * key).
 *
 * <p>MariaDB instant ALTER TABLE changes this: records created before an instant ADD COLUMN store only the
 * "core" fields, and after an instant DROP COLUMN or a reorder the fields after DB_ROLL_PTR follow a field map the
 * file keeps (see {@link InstantState}), with dropped columns still stored.
 *
 * @param fields record fields in stored order
 * @param keyFields how many leading fields form the clustered key
 * @param keyColumns the clustered key's column names (empty for the hidden row id)
 * @param columns every stored column in the order InnoDB numbers them (the table's non-virtual columns, then a
 *        hidden FTS_DOC_ID): the numbering an instant ALTER field map refers to
 * @param unsupported why this layout cannot be checked (a type whose storage is unknown here), or {@code null}
 * @param notes facts about the layout worth reporting
 * @param instant what instant ALTER left in the file, {@code null} when the index was never altered instantly
 */
record RecordLayout(List<StoredField> fields, int keyFields, List<String> keyColumns, List<StoredField> columns,
                    String unsupported, List<String> notes, InstantState instant) {
    private static final int[] DIGIT_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    /** MariaDB 5.3 TIME(n): ceil of the bits of 838:59:59 in units of 10^-n s, doubled for the sign. */

    RecordLayout {
        fields = List.copyOf(fields);
        keyColumns = List.copyOf(keyColumns);
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }

    /**
     * MariaDB instant ALTER TABLE state of a clustered index, read from its root page and metadata record.
     *
     * @param coreFields fields every record stores (those of the table before its first instant ADD COLUMN)
     * @param coreNullBytes null-bitmap bytes of records holding only the core fields and of node pointers as the
     *        root page gives them (MariaDB 10.4+ after a DROP or reorder), -1 when they follow from the fields
     * @param fieldMap the raw field map entries (one per field after DB_ROLL_PTR) of the metadata BLOB, or
     *        {@code null} when the table was only extended by ADD COLUMN at the end
     */
    record InstantState(int coreFields, int coreNullBytes, List<Integer> fieldMap) {
        static final int DROPPED = 0x8000;
        static final int NOT_NULL = 0x4000;
        static final int INDEX = 0x3FF;

        InstantState {
            fieldMap = fieldMap == null ? null : List.copyOf(fieldMap);
        }
    }

    /** The physical layout of edited stored columns, or why the file's field map cannot hold them. */
    record Mapping(RecordLayout layout, String problem) {
    }

    /** Fields every record stores: all of them unless the index was altered instantly. */
    int coreFields() {
        return instant == null ? fields.size() : instant.coreFields();
    }

    /** Null-bitmap bytes of core records and node pointers when the file fixes them, else -1. */
    int coreNullBytes() {
        return instant == null ? -1 : instant.coreNullBytes();
    }

    /** Whether the metadata record carries a BLOB with a field map (instant DROP COLUMN or reorder). */
    boolean fieldMapped() {
        return instant != null && instant.fieldMap() != null;
    }

    RecordLayout withInstant(InstantState state) {
        return new RecordLayout(fields, keyFields, keyColumns, columns, unsupported, notes, state);
    }

    /**
     * The layout with other stored columns (a definition edited to find where it breaks), in the file's field map
     * order when it has one.
     */
    Mapping withColumns(List<StoredField> stored) {
        List<StoredField> list = new ArrayList<>(fields.subList(0, keyFields + 2));
        if (!fieldMapped()) {
            for (StoredField c : stored) {
                if (!wholeInKey(c)) {
                    list.add(c);
                }
            }
            return new Mapping(new RecordLayout(list, keyFields, keyColumns, stored, unsupported, notes, instant),
                    null);
        }
        boolean[] used = new boolean[stored.size()];
        int dropped = 0;
        for (int entry : instant.fieldMap()) {
            int index = entry & InstantState.INDEX;
            if ((entry & InstantState.DROPPED) != 0) {
                list.add(StoredField.dropped(++dropped, index, (entry & InstantState.NOT_NULL) == 0));
                continue;
            }
            if (index >= stored.size()) {
                return new Mapping(null, "the file stores column number " + (index + 1) + " of its table, the "
                        + "definition has only " + stored.size() + " stored columns: a column is missing from the "
                        + "definition");
            }
            StoredField c = stored.get(index);
            if (wholeInKey(c)) {
                return new Mapping(null, "the file stores column number " + (index + 1) + " of its table outside "
                        + "the clustered key, where the definition has key column `" + c.name() + "`");
            }
            if (used[index]) {
                return new Mapping(null, "the file's field map names column number " + (index + 1) + " twice");
            }
            used[index] = true;
            list.add(c);
        }
        for (int i = 0; i < stored.size(); i++) {
            if (!used[i] && !wholeInKey(stored.get(i))) {
                return new Mapping(null, "column `" + stored.get(i).name() + "` (" + stored.get(i).typeText()
                        + ") is in the definition but the file's field map holds no such column");
            }
        }
        return new Mapping(new RecordLayout(list, keyFields, keyColumns, stored, unsupported, notes, instant), null);
    }

    /** A column the clustered key holds whole, so that it is not stored again after DB_ROLL_PTR. */
    boolean wholeInKey(StoredField column) {
        for (int i = 0; i < keyFields; i++) {
            StoredField k = fields.get(i);
            if (!k.prefix() && k.column() != null && k.column().equals(column.column())) {
                return true;
            }
        }
        return false;
    }

    static RecordLayout of(TableDefinition table, boolean redundant) {
        List<StoredField> fields = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String[] unsupported = new String[1];
        Optional<Index> key = clusteredKey(table);
        Set<String> wholeInKey = new HashSet<>();
        List<String> keyColumns = new ArrayList<>();
        if (key.isPresent()) {
            for (IndexPart part : key.get().parts()) {
                Column c = table.column(part.column()).orElseThrow();
                keyColumns.add(c.name());
                StoredField f = field(c, redundant, part.prefixLength(), unsupported);
                fields.add(f.withNullable(false));
                if (part.prefixLength() == 0) {
                    wholeInKey.add(c.name().toLowerCase(Locale.ROOT));
                }
            }
        } else {
            fields.add(system("DB_ROW_ID", 6));
        }
        int keyFields = fields.size();
        fields.add(system("DB_TRX_ID", 6));
        fields.add(system("DB_ROLL_PTR", 7));
        boolean hasDocId = false;
        List<StoredField> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.generated() != null && !c.generated().stored()) {
                continue;
            }
            if (c.name().equalsIgnoreCase("FTS_DOC_ID")) {
                hasDocId = true;
            }
            StoredField f = field(c, redundant, 0, unsupported);
            columns.add(f);
            if (!wholeInKey.contains(c.name().toLowerCase(Locale.ROOT))) {
                fields.add(f);
            }
        }
        if (!hasDocId && table.indexes().stream().anyMatch(i -> i.kind() == IndexKind.FULLTEXT)) {
            StoredField docId = new StoredField("FTS_DOC_ID", null, 8, 8, 8, false, false, false, "BIGINT UNSIGNED");
            fields.add(docId);
            columns.add(docId);
            notes.add("the FULLTEXT key makes InnoDB store a hidden FTS_DOC_ID column last: create the table with "
                    + "that FULLTEXT key (or an FTS_DOC_ID BIGINT UNSIGNED NOT NULL column) before the import");
        }
        return new RecordLayout(fields, keyFields, keyColumns, columns, unsupported[0], notes, null);
    }

    /** The index InnoDB clusters the table on, if it is not the hidden row id. */
    static Optional<Index> clusteredKey(TableDefinition table) {
        for (Index i : table.indexes()) {
            if (i.kind() == IndexKind.PRIMARY) {
                return Optional.of(i);
            }
        }
        for (Index i : table.indexes()) {
            if (i.kind() == IndexKind.UNIQUE && i.parts().stream().allMatch(p -> p.prefixLength() == 0
                    && table.column(p.column()).map(c -> !c.nullable()
                    && (c.generated() == null || c.generated().stored())).orElse(false))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static StoredField system(String name, int length) {
        return new StoredField(name, null, length, length, length, false, false, false, name);
    }

    private static StoredField fixed(Column c, int length, String text) {
        return new StoredField(c.name(), c, length, length, length, c.nullable(), false, false, text);
    }

    private static StoredField variable(Column c, int min, long max, boolean big, boolean prefix, String text) {
        return new StoredField(c.name(), c, -1, min, max, c.nullable(), big || max > 255, prefix, text);
    }

    static StoredField field(Column c, boolean redundant, int prefixChars, String[] unsupported) {
        DataType t = c.type();
        String text = typeText(t);
        int fsp = (t.fsp() + 1) / 2;
        switch (t.type()) {
            case TINYINT: return fixed(c, 1, text);
            case SMALLINT: return fixed(c, 2, text);
            case MEDIUMINT: return fixed(c, 3, text);
            case INT: return fixed(c, 4, text);
            case BIGINT: return fixed(c, 8, text);
            case FLOAT: return fixed(c, 4, text);
            case DOUBLE: return fixed(c, 8, text);
            case YEAR: return fixed(c, 1, text);
            case DATE: return fixed(c, 3, text);
            case BIT: return fixed(c, (t.length() + 7) / 8, text);
            case DECIMAL:
                if (t.legacyTemporal()) {
                    // Pre-5.0.3 DECIMAL is an ASCII string of variable length.
                    return variable(c, 0, t.length() + 2L, false, false, text);
                }
                return fixed(c, decimalBytes(t.length(), t.scale()), text);
            case TIME: return fixed(c, t.legacyTemporal() ? legacyTimeBytes(t.fsp()) : 3 + fsp, text);
            case DATETIME: return fixed(c, t.legacyTemporal() ? legacyDateTimeBytes(t.fsp()) : 5 + fsp, text);
            case TIMESTAMP: return fixed(c, 4 + fsp, text);
            case ENUM: return fixed(c, t.labels().size() > 255 ? 2 : 1, text);
            case SET: {
                int bytes = (t.labels().size() + 7) / 8;
                return fixed(c, bytes > 4 ? 8 : bytes, text);
            }
            case BINARY:
                if (prefixChars > 0) {
                    return variable(c, 0, prefixChars, false, true, text);
                }
                return fixed(c, t.length(), text);
            case VARBINARY:
                if (t.compressed()) {
                    return variable(c, 0, 0xFFFFFFFFL, true, false, text);
                }
                return variable(c, 0, prefixChars > 0 ? Math.min(prefixChars, t.length()) : t.length(), false,
                        prefixChars > 0, text);
            case CHAR: {
                CharsetCollation cs = t.charset();
                int max = cs == null ? 1 : cs.maxBytesPerChar();
                int min = cs == null ? 1 : cs.minBytesPerChar();
                int chars = prefixChars > 0 ? Math.min(prefixChars, t.length()) : t.length();
                if (prefixChars > 0) {
                    return variable(c, 0, (long) chars * max, false, true, text);
                }
                if (max == min || redundant) {
                    return fixed(c, chars * max, text);
                }
                // COMPACT and later store CHAR in a variable-width charset with a length, padded to chars * min.
                return variable(c, chars * min, (long) chars * max, false, false, text);
            }
            case VARCHAR: {
                CharsetCollation cs = t.charset();
                int max = cs == null ? 1 : cs.maxBytesPerChar();
                if (t.compressed()) {
                    return variable(c, 0, 0xFFFFFFFFL, true, false, text);
                }
                if (t.legacyTemporal()) {
                    unsupported[0] = unsupported[0] == null ? "column `" + c.name() + "` is a pre-5.0.3 VARCHAR"
                            : unsupported[0];
                }
                int chars = prefixChars > 0 ? Math.min(prefixChars, t.length()) : t.length();
                return variable(c, 0, (long) chars * max, false, prefixChars > 0, text);
            }
            case TINYTEXT: case TEXT: case MEDIUMTEXT: case LONGTEXT:
            case TINYBLOB: case BLOB: case MEDIUMBLOB: case LONGBLOB:
            case JSON: case GEOMETRY: {
                if (prefixChars > 0) {
                    int max = t.charset() == null ? 1 : t.charset().maxBytesPerChar();
                    return variable(c, 0, (long) prefixChars * max, false, true, text);
                }
                long max = switch (t.type()) {
                    case TINYTEXT, TINYBLOB -> 255L;
                    case TEXT, BLOB -> 65535L;
                    case MEDIUMTEXT, MEDIUMBLOB -> 16777215L;
                    default -> 0xFFFFFFFFL;
                };
                if (t.type() == ColumnType.TINYTEXT && t.charset() != null) {
                    max = 255L;
                }
                return variable(c, 0, max, true, false, text);
            }
            case EXTENDED: {
                Optional<Integer> bytes = ExtendedValues.storageBytes(t.extendedName());
                if (bytes.isPresent()) {
                    return fixed(c, bytes.get(), text);
                }
                if (unsupported[0] == null) {
                    unsupported[0] = "column `" + c.name() + "` has the data type " + t.extendedName()
                            + ", whose storage is unknown here";
                }
                return variable(c, 0, 0xFFFFFFFFL, true, false, text);
            }
            default:
                if (unsupported[0] == null) {
                    unsupported[0] = "column `" + c.name() + "` has the type " + t.type()
                            + ", whose storage is unknown here";
                }
                return variable(c, 0, 0xFFFFFFFFL, true, false, text);
        }
    }

    /**
     * Bytes of a pre-MySQL-5.6 TIME: the 3-byte integer hhmmss without fraction, MariaDB 5.3's high-resolution
     * TIME(1..6) with one (frm.md §8.2).
     */
    static int legacyTimeBytes(int fsp) {
        return MariaDb53Temporals.timeBytes(fsp);
    }

    /** Bytes of a pre-MySQL-5.6 DATETIME: the 8-byte integer YYYYMMDDhhmmss, or MariaDB 5.3's DATETIME(1..6). */
    static int legacyDateTimeBytes(int fsp) {
        return fsp == 0 ? 8 : MariaDb53Temporals.dateTimeBytes(fsp);
    }

    /** Bytes of a packed DECIMAL(precision, scale): 4 per 9 digits and 1–4 for the rest, per side of the point. */
    static int decimalBytes(int precision, int scale) {
        int intDigits = precision - scale;
        return intDigits / 9 * 4 + DIGIT_BYTES[intDigits % 9] + scale / 9 * 4 + DIGIT_BYTES[scale % 9];
    }

    static String typeText(DataType t) {
        String name = t.type() == ColumnType.EXTENDED ? t.extendedName() : t.type().sqlName();
        name = name.toUpperCase(Locale.ROOT);
        switch (t.type()) {
            case DECIMAL: return name + "(" + t.length() + "," + t.scale() + ")";
            case CHAR: case VARCHAR: case BINARY: case VARBINARY: case BIT:
                return name + "(" + t.length() + ")";
            case TIME: case DATETIME: case TIMESTAMP:
                // the storage format is part of the type: TIME(0) takes 3 bytes in both, with other contents
                return (t.fsp() > 0 ? name + "(" + t.fsp() + ")" : name) + (t.legacyTemporal() ? " /* mariadb-5.3 */"
                        : "");
            default: return name;
        }
    }
}
