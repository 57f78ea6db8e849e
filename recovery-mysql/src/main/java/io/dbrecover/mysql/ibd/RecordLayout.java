package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.Index;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.IndexPart;
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
 * @param fields record fields in stored order
 * @param keyFields how many leading fields form the clustered key
 * @param keyColumns the clustered key's column names (empty for the hidden row id)
 * @param unsupported why this layout cannot be checked (a type whose storage is unknown here), or {@code null}
 * @param notes facts about the layout worth reporting
 */
record RecordLayout(List<StoredField> fields, int keyFields, List<String> keyColumns, String unsupported,
                    List<String> notes) {
    private static final int[] DIGIT_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    RecordLayout {
        fields = List.copyOf(fields);
        keyColumns = List.copyOf(keyColumns);
        notes = List.copyOf(notes);
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
        for (Column c : table.columns()) {
            if (c.generated() != null && !c.generated().stored()) {
                continue;
            }
            if (c.name().equalsIgnoreCase("FTS_DOC_ID")) {
                hasDocId = true;
            }
            if (!wholeInKey.contains(c.name().toLowerCase(Locale.ROOT))) {
                fields.add(field(c, redundant, 0, unsupported));
            }
        }
        if (!hasDocId && table.indexes().stream().anyMatch(i -> i.kind() == IndexKind.FULLTEXT)) {
            fields.add(new StoredField("FTS_DOC_ID", null, 8, 8, 8, false, false, false, "BIGINT UNSIGNED"));
            notes.add("the FULLTEXT key makes InnoDB store a hidden FTS_DOC_ID column last: create the table with "
                    + "that FULLTEXT key (or an FTS_DOC_ID BIGINT UNSIGNED NOT NULL column) before the import");
        }
        return new RecordLayout(fields, keyFields, keyColumns, unsupported[0], notes);
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
            case TIME: return fixed(c, t.legacyTemporal() ? 3 : 3 + fsp, text);
            case DATETIME: return fixed(c, t.legacyTemporal() ? 8 : 5 + fsp, text);
            case TIMESTAMP: return fixed(c, t.legacyTemporal() ? 4 : 4 + fsp, text);
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
                String name = t.extendedName().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "inet6":
                    case "uuid":
                        return fixed(c, 16, text);
                    case "inet4":
                        return fixed(c, 4, text);
                    default:
                        if (unsupported[0] == null) {
                            unsupported[0] = "column `" + c.name() + "` has the data type " + name
                                    + ", whose storage is unknown here";
                        }
                        return variable(c, 0, 0xFFFFFFFFL, true, false, text);
                }
            }
            default:
                if (unsupported[0] == null) {
                    unsupported[0] = "column `" + c.name() + "` has the type " + t.type()
                            + ", whose storage is unknown here";
                }
                return variable(c, 0, 0xFFFFFFFFL, true, false, text);
        }
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
                return t.fsp() > 0 ? name + "(" + t.fsp() + ")" : name;
            default: return name;
        }
    }
}
