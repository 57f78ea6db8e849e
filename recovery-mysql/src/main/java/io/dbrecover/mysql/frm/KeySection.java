package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.Identifiers;
import java.util.ArrayList;
import java.util.List;

/** The key section at header offset 6: key headers, key parts, names and comments (docs/formats/frm.md §7). */
record KeySection(List<RawKey> keys) {

    static final int FLAG_UNIQUE = 1;
    static final int FLAG_FULLTEXT = 128;
    static final int FLAG_SPATIAL = 1024;
    static final int FLAG_COMMENT = 4096;
    static final int FLAG_PARSER = 16384;
    static final int FLAG_BLOCK_SIZE = 32768;

    /** A stored key: {@code flags} already XOR-ed back; {@code algorithm} is the stored code. */
    record RawKey(int flags, int algorithm, int blockSize, List<RawPart> parts, String name, String comment) {
    }

    /**
     * A key part.
     *
     * @param field 0-based column number
     * @param length key part length in bytes
     */
    record RawPart(int field, int flags, int length) {
        boolean descending() {
            return (flags & 128) != 0;
        }
    }

    static KeySection parse(FrmBytes b, FrmHeader h, List<RawColumn> columns) {
        int columnCount = columns.size();
        boolean old = h.oldLayout();
        int headerSize = old ? 4 : 8;
        // Version 6 (3.23) key parts are 7 bytes with a 1-byte length; version 7 has the 9-byte parts of today.
        int partSize = h.frmVersion() == 6 ? 7 : 9;
        long at = h.keyOffset();
        int b0 = b.u8(at, "key count");
        int keyCount;
        int partCount;
        if ((b0 & 0x80) == 0) {
            keyCount = b0;
            partCount = b.u8(at + 1, "key part count");
        } else {
            keyCount = (b0 & 0x7F) | b.u8(at + 1, "key count high bits") << 7;
            partCount = b.u16(at + 2, "key part count");
        }
        int namesLength = b.u16(at + 4, "key names length");
        if (keyCount == 0) {
            return new KeySection(List.of());
        }
        // Every key has at least one part, and each header+part takes at least 17 bytes: bound the loop.
        b.require(at + 6, (long) keyCount * (headerSize + partSize), "key headers");
        long pos = at + 6;
        List<int[]> headers = new ArrayList<>(keyCount);
        List<List<RawPart>> parts = new ArrayList<>(keyCount);
        int totalParts = 0;
        for (int k = 0; k < keyCount; k++) {
            int flags;
            int userParts;
            int algorithm = 0;
            int blockSize = 0;
            if (old) {
                flags = b.u8(pos, "key flags") ^ 1;
                userParts = b.u8(pos + 3, "key part count");
            } else {
                flags = b.u16(pos, "key flags") ^ 1;
                userParts = b.u8(pos + 4, "key part count");
                algorithm = b.u8(pos + 5, "key algorithm");
                blockSize = b.u16(pos + 6, "key block size");
            }
            pos += headerSize;
            if (userParts == 0) {
                throw b.corrupt(pos - 4, "key " + k + " has no parts");
            }
            List<RawPart> list = new ArrayList<>(userParts);
            for (int p = 0; p < userParts; p++) {
                int field;
                int recordOffset = b.u16(pos + 2, "key part record offset");
                if (h.keyPartsByOffset()) {
                    // Files with byte 27 ≤ 1 are matched to columns by record offset, as the server does.
                    field = columnAt(columns, recordOffset);
                } else {
                    field = (b.u16(pos, "key part field number") & 0x3FFF) - 1;
                }
                if (field < 0 || field >= columnCount) {
                    throw b.corrupt(pos, "key " + k + " part " + p + " names column " + (field + 1) + " of "
                            + columnCount);
                }
                if (partSize == 7) {
                    int length = b.u8(pos + 4, "key part length");
                    // Above 128 the top bit meant a descending part.
                    list.add(new RawPart(field, length > 128 ? 128 : 0, length > 128 ? length & 127 : length));
                } else {
                    list.add(new RawPart(field, b.u8(pos + 4, "key part flags"), b.u16(pos + 7, "key part length")));
                }
                pos += partSize;
            }
            totalParts += userParts;
            headers.add(new int[] {flags, algorithm, blockSize});
            parts.add(list);
        }
        if (totalParts > partCount + keyCount) {
            throw b.corrupt(at, "key parts found (" + totalParts + ") exceed the stored count " + partCount);
        }
        // Bytes 4-5 cover the names and the key comments that follow them.
        byte[] names = b.slice(pos, namesLength, "key names and comments");
        List<String> keyNames = new ArrayList<>(keyCount);
        // The first byte is the separator: FF, or ',' in 3.23 files.
        if (names.length < 1 || names[0] == 0) {
            throw b.corrupt(pos, "key names do not start with a separator");
        }
        int separator = names[0] & 0xFF;
        int start = 1;
        int i = 1;
        for (; i < names.length && keyNames.size() < keyCount; i++) {
            if ((names[i] & 0xFF) == separator) {
                keyNames.add(b.name(names, start, i - start, pos + start, "the name of key " + keyNames.size()));
                start = i + 1;
            }
        }
        if (keyNames.size() != keyCount) {
            throw b.corrupt(pos, "key names section holds " + keyNames.size() + " names for " + keyCount + " keys");
        }
        long end = pos + namesLength;
        pos += i + 1; // past the 00 that ends the names
        List<RawKey> keys = new ArrayList<>(keyCount);
        for (int k = 0; k < keyCount; k++) {
            int[] hd = headers.get(k);
            String comment = "";
            if ((hd[0] & FLAG_COMMENT) != 0) {
                int len = b.u16(pos, "key comment length");
                if (pos + 2 + len > end) {
                    throw b.corrupt(pos, "comment of key " + keyNames.get(k) + " runs past the key names area");
                }
                comment = b.text(pos + 2, len, "comment of key " + keyNames.get(k), Identifiers.MAX_COLUMN_COMMENT);
                pos += 2 + len;
            }
            keys.add(new RawKey(hd[0], hd[1], hd[2], List.copyOf(parts.get(k)), keyNames.get(k), comment));
        }
        return new KeySection(List.copyOf(keys));
    }

    /** The 0-based number of the column at this 1-based record offset, or -1. */
    private static int columnAt(List<RawColumn> columns, int recordOffset) {
        for (RawColumn c : columns) {
            if (c.recordPosition() == recordOffset) {
                return c.index();
            }
        }
        return -1;
    }
}
