package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Collations;
import io.dbrecover.mysql.model.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forminfo block and the column area after it: column records, names, ENUM/SET value lists, column comments
 * and the position of the expression section (docs/formats/frm.md §4–5).
 */
record ColumnSection(String tableComment, boolean commentInExtra, List<RawColumn> columns,
                     List<List<byte[]>> intervals, long expressionOffset, int expressionLength, long recordsAt,
                     int recordSize) {

    private static final int RECORD_SIZE = 17;
    private static final int OLD_RECORD_SIZE = 11;
    private static final int MAX_COLUMNS = 4096;
    /** Pack-flag bits 3–6: the storage type of MySQL 3.23/4.0 columns (frm.md §5.6). */
    private static final int PACK_TYPE_BITS = 0x78;

    static ColumnSection parse(FrmBytes b, FrmHeader h) {
        long fi = h.formInfoOffset();
        int commentLength = b.u8(fi + 46, "table comment length");
        boolean commentInExtra = commentLength == 255;
        String comment = "";
        if (!commentInExtra) {
            if (commentLength > 180) {
                throw b.corrupt(fi + 46, "inline table comment length " + commentLength + " exceeds 180");
            }
            comment = b.text(fi + 47, commentLength, "table comment", Identifiers.MAX_TABLE_COMMENT);
        }
        int count = b.u16(fi + 258, "column count");
        if (count == 0 || count > MAX_COLUMNS) {
            throw b.corrupt(fi + 258, "column count " + count + " is outside 1.." + MAX_COLUMNS);
        }
        long screens = b.u16(fi + 260, "screens length");
        int namesLength = b.u16(fi + 268, "names length");
        int intervalCount = b.u16(fi + 270, "interval count");
        int intervalsLength = b.u16(fi + 274, "intervals length");
        int commentsLength = b.u16(fi + 284, "column comments length");
        int expressionLength = b.u16(fi + 286, "expression section length");

        long recordsAt = fi + 288 + screens;
        int recordSize = h.oldLayout() ? OLD_RECORD_SIZE : RECORD_SIZE;
        b.require(recordsAt, (long) count * recordSize, "column records");
        long namesAt = recordsAt + (long) count * recordSize;
        List<String> names = names(b, namesAt, namesLength, count);
        long intervalsAt = namesAt + namesLength;
        List<List<byte[]>> intervals = intervals(b, intervalsAt, intervalsLength, intervalCount);
        long commentsAt = intervalsAt + intervalsLength;
        b.require(commentsAt, commentsLength, "column comments");
        long expressionAt = commentsAt + commentsLength;
        b.require(expressionAt, expressionLength, "expression section");

        List<RawColumn> columns = new ArrayList<>(count);
        if (h.oldLayout()) {
            CharsetCollation table = FrmReader.tableCollation(b, h);
            for (int i = 0; i < count; i++) {
                columns.add(oldColumn(b, recordsAt + (long) i * OLD_RECORD_SIZE, i, names.get(i), table));
            }
            return new ColumnSection(comment, commentInExtra, List.copyOf(columns), intervals, expressionAt,
                    expressionLength, recordsAt, recordSize);
        }
        long commentPos = commentsAt;
        for (int i = 0; i < count; i++) {
            long r = recordsAt + (long) i * RECORD_SIZE;
            int cLen = b.u16(r + 15, "column comment length");
            if (commentPos + cLen > commentsAt + commentsLength) {
                throw b.corrupt(r + 15, "comment of column " + i + " runs past the comments section");
            }
            String colComment = b.text(commentPos, cLen, "comment of column " + names.get(i),
                    Identifiers.MAX_COLUMN_COMMENT);
            commentPos += cLen;
            int interval = b.u8(r + 12, "interval number");
            columns.add(new RawColumn(i, names.get(i), b.u16(r + 3, "column length"),
                    b.u24(r + 5, "record position"), b.u16(r + 8, "pack flag"), b.u8(r + 10, "unireg check"),
                    b.u8(r + 14, "collation") | b.u8(r + 11, "collation high byte") << 8, interval,
                    b.u8(r + 13, "type code"), colComment));
        }
        return new ColumnSection(comment, commentInExtra, List.copyOf(columns), intervals, expressionAt,
                expressionLength, recordsAt, recordSize);
    }

    /** Where column {@code i}'s record lies, for messages. */
    long recordOffset(int i) {
        return recordsAt + (long) i * recordSize;
    }

    /**
     * A MySQL 3.23/4.0 column record (11 bytes): length in byte 3, record position uint16 at 4, pack flag at 6,
     * unireg at 8, interval at 10. The type and the collation are not stored: the type comes from the pack flag
     * and the collation from the table, as the server derives them (frm.md §5.6). They are turned into the codes
     * of the 17-byte record so that the rest of the reader needs no second path.
     */
    private static RawColumn oldColumn(FrmBytes b, long r, int i, String name, CharsetCollation table) {
        int length = b.u8(r + 3, "column length");
        int recordPosition = b.u16(r + 4, "record position");
        // The NO_DEFAULT bit meant something else then; the server clears it for these files.
        int pack = b.u16(r + 6, "pack flag") & ~RawColumn.PACK_NO_DEFAULT;
        int unireg = b.u8(r + 8, "unireg check") & 0x7F;
        int interval = b.u8(r + 10, "interval number");
        int packType = (pack & PACK_TYPE_BITS) >> 3;
        int code;
        CharsetCollation collation = table;
        boolean binary = (pack & RawColumn.PACK_SIGNED_OR_BINARY) != 0;
        if ((pack & RawColumn.PACK_NUMBER) != 0) {
            code = packType; // numbers and dates keep their type code in the pack bits
            collation = null;
        } else if ((pack & PACK_TYPE_BITS) == 0) {
            if (packType != 0) {
                throw b.corrupt(r + 6, "column " + name + ": unpacked string of pack type " + packType);
            }
            code = 254; // CHAR (a VARCHAR of these versions is a CHAR in a table with packed records)
            if (binary) {
                collation = Collations.binaryCollationOf(table.charset()).orElse(Collations.binary());
            }
        } else if ((pack & RawColumn.PACK_BLOB) != 0) {
            code = 252; // the size comes from the pack-flag length code
            if (binary) {
                collation = Collations.binary();
            }
        } else if (interval != 0) {
            code = (pack & RawColumn.PACK_INTERVAL) != 0 ? 247 : 248;
        } else {
            throw b.unsupported(r + 6, "column " + name + ": pack flag 0x" + Integer.toHexString(pack)
                    + " of a MySQL 3.23/4.0 file is not understood");
        }
        int collationId = collation == null ? 0 : collation.id();
        return new RawColumn(i, name, length, recordPosition, pack, unireg, collationId, interval, code, "");
    }

    /** {@code S name S name … S 00} where S is the first byte ({@code FF}, or {@code ,} in 3.23 files). */
    private static List<String> names(FrmBytes b, long at, int length, int count) {
        byte[] v = b.slice(at, length, "column names");
        if (length < 2 || (v[0] & 0xFF) == 0) {
            throw b.corrupt(at, "column names section does not start with a separator");
        }
        int separator = v[0] & 0xFF;
        List<String> names = new ArrayList<>(count);
        int start = 1;
        for (int i = 1; i < v.length && names.size() < count; i++) {
            if ((v[i] & 0xFF) == separator) {
                names.add(b.name(v, start, i - start, at + start, "the name of column " + names.size()));
                start = i + 1;
            }
        }
        if (names.size() != count) {
            throw b.corrupt(at, "column names section holds " + names.size() + " names for " + count + " columns");
        }
        return names;
    }

    /** Each list: separator byte S, then every value followed by S, then 00. */
    private static List<List<byte[]>> intervals(FrmBytes b, long at, int length, int count) {
        byte[] v = b.slice(at, length, "ENUM/SET value lists");
        List<List<byte[]>> lists = new ArrayList<>(count);
        int p = 0;
        for (int n = 0; n < count; n++) {
            if (p >= v.length) {
                throw b.corrupt(at + p, "ENUM/SET value list " + (n + 1) + " of " + count + " is missing");
            }
            int sep = v[p++] & 0xFF;
            List<byte[]> values = new ArrayList<>();
            int start = p;
            while (true) {
                if (p >= v.length) {
                    throw b.corrupt(at + p, "ENUM/SET value list " + (n + 1) + " is not terminated");
                }
                int c = v[p] & 0xFF;
                if (c == sep) {
                    values.add(Arrays.copyOfRange(v, start, p));
                    p++;
                    start = p;
                } else if (c == 0 && p == start) {
                    // End of list. (A binary value starting with 00 in the last list is ambiguous; the
                    // server treats 00 as a value when more data follows. Only the last list can hit this.)
                    boolean moreFollows = n == count - 1 && p + 1 < v.length;
                    if (!moreFollows) {
                        p++;
                        break;
                    }
                    p++;
                } else {
                    p++;
                }
            }
            lists.add(List.copyOf(values));
        }
        return List.copyOf(lists);
    }
}
