package io.dbrecover.mysql.ibd;

import java.util.ArrayList;
import java.util.List;

/**
 * An INDEX page (logical, uncompressed) and the decoding of its records with a field list. All offsets are checked
 * against the page; a record that does not fit comes back with an error instead of throwing.
 */
final class IndexPage {
    static final int PAGE_HEADER = 38;
    static final int COMPACT_INFIMUM = 99;
    static final int COMPACT_SUPREMUM = 112;
    static final int COMPACT_SUPREMUM_END = 120;
    static final int REDUNDANT_INFIMUM = 101;
    static final int REDUNDANT_SUPREMUM = 116;
    static final int REDUNDANT_SUPREMUM_END = 125;
    static final long FIL_NULL = 0xFFFFFFFFL;

    final byte[] page;
    final long pageNo;
    final boolean compact;

    IndexPage(byte[] page, long pageNo) {
        this.page = page;
        this.pageNo = pageNo;
        this.compact = (Bytes.u16(page, PAGE_HEADER + 4) & 0x8000) != 0;
    }

    int type() {
        return Bytes.u16(page, 24);
    }

    boolean isIndex() {
        return (type() == TablespaceFile.TYPE_INDEX || type() == TablespaceFile.TYPE_INSTANT)
                && Bytes.u32(page, 4) == pageNo;
    }

    long next() {
        return Bytes.u32(page, 12);
    }

    long prev() {
        return Bytes.u32(page, 8);
    }

    int heapTop() {
        return Bytes.u16(page, PAGE_HEADER + 2);
    }

    int nHeap() {
        return Bytes.u16(page, PAGE_HEADER + 4) & 0x7FFF;
    }

    int freeList() {
        return Bytes.u16(page, PAGE_HEADER + 6);
    }

    int nRecs() {
        return Bytes.u16(page, PAGE_HEADER + 16);
    }

    int level() {
        return Bytes.u16(page, PAGE_HEADER + 26);
    }

    long indexId() {
        return Bytes.uN(page, PAGE_HEADER + 28, 8);
    }

    /** MariaDB instant ALTER: the number of fields of the clustered index when the table was created. */
    int instantCoreFields() {
        return Bytes.u16(page, PAGE_HEADER + 12) >>> 3;
    }

    int infimum() {
        return compact ? COMPACT_INFIMUM : REDUNDANT_INFIMUM;
    }

    int supremum() {
        return compact ? COMPACT_SUPREMUM : REDUNDANT_SUPREMUM;
    }

    int supremumEnd() {
        return compact ? COMPACT_SUPREMUM_END : REDUNDANT_SUPREMUM_END;
    }

    /** Lowest offset a user record's header may start at; highest a record may end at. */
    private int lowest() {
        return supremumEnd();
    }

    private int highest() {
        return page.length - 8;
    }

    /** The next-record pointer of the record at this origin: relative in COMPACT, absolute in REDUNDANT. */
    int nextOf(int origin) {
        if (origin < 7 || origin > highest()) {
            return 0;
        }
        int raw = Bytes.u16(page, origin - 2);
        if (!compact) {
            return raw;
        }
        if (raw == 0) {
            return 0;
        }
        return (origin + raw) & (page.length - 1);
    }

    /**
     * Origins of the records in the list starting after {@code first} (the user list from the infimum, or the
     * free list), bounded by the heap size; stops at the supremum or at a pointer leaving the page.
     */
    List<Integer> chain(int start, boolean fromInfimum) {
        List<Integer> origins = new ArrayList<>();
        int limit = Math.min(nHeap() + 2, page.length / 5);
        int origin = fromInfimum ? nextOf(start) : start;
        while (origin != 0 && origin != supremum() && origins.size() < limit) {
            if (origin < lowest() + (compact ? 5 : 7) || origin >= highest()) {
                break;
            }
            origins.add(origin);
            origin = nextOf(origin);
        }
        return origins;
    }

    /** The user records' origins in key order. */
    List<Integer> userRecords() {
        return chain(infimum(), true);
    }

    /**
     * Decodes one record with a layout: its leaf fields, key fields, core fields and, after MariaDB instant DROP
     * COLUMN or reorder, the metadata record's extra BLOB pointer (decoded, then left out of the result so that
     * field numbers match {@code layout.fields()}).
     *
     * @param leaf the page is a leaf (else the record ends with a 4-byte child page number)
     */
    IndexRecord decode(int origin, RecordLayout layout, boolean leaf) {
        List<StoredField> fields = layout.fields();
        if (leaf && layout.fieldMapped() && alterMetadata(origin)) {
            List<StoredField> withBlob = new ArrayList<>(fields.size() + 1);
            for (int i = 0; i < fields.size(); i++) {
                if (i == layout.keyFields() + 2) {
                    withBlob.add(StoredField.metadataBlob());
                }
                // The metadata record stores variable-length key columns empty.
                withBlob.add(i < layout.keyFields() ? fields.get(i).withoutMinimum() : fields.get(i));
            }
            if (fields.size() == layout.keyFields() + 2) {
                withBlob.add(StoredField.metadataBlob());
            }
            IndexRecord r = compact ? decodeCompact(origin, withBlob, layout.keyFields(), layout.coreFields(), -1,
                    true) : decodeRedundant(origin, withBlob, layout.keyFields(), true);
            return r.ok() ? r.withoutField(layout.keyFields() + 2) : r;
        }
        return compact ? decodeCompact(origin, fields, layout.keyFields(), layout.coreFields(),
                layout.coreNullBytes(), leaf) : decodeRedundant(origin, fields, layout.keyFields(), leaf);
    }

    /** The record at this origin carries the info bits of the instant ALTER metadata record with a BLOB. */
    boolean alterMetadata(int origin) {
        int at = origin - (compact ? 5 : 6);
        return at >= 0 && at < page.length && (Bytes.u8(page, at) & 0x30) == 0x30;
    }

    private static List<StoredField> nodePointer(List<StoredField> fields, int keyFields) {
        List<StoredField> list = new ArrayList<>(fields.subList(0, Math.min(keyFields, fields.size())));
        list.add(StoredField.unknownFixed(4, false));
        return list;
    }

    private IndexRecord failure(int origin, String error, int field) {
        return new IndexRecord(origin, origin, origin, 0, 0, 0, 0, new int[0], new int[0], new boolean[0], error,
                field);
    }

    /** @param coreNullBytes null-bitmap bytes of core records and node pointers, -1 to count them from fields */
    private IndexRecord decodeCompact(int origin, List<StoredField> fields, int keyFields, int coreFields,
                                      int coreNullBytes, boolean leaf) {
        if (origin - 5 < lowest() || origin >= highest()) {
            return failure(origin, "record origin " + origin + " lies outside the record heap", -1);
        }
        int info = Bytes.u8(page, origin - 5) & 0xF0;
        int status = Bytes.u16(page, origin - 4) & 7;
        int next = nextOf(origin);
        int p = origin - 5;
        int n;
        List<StoredField> list = fields;
        if (!leaf || status == 1) {
            if (leaf || status != 1) {
                return failure(origin, "record status " + status + " on a " + (leaf ? "leaf" : "node") + " page",
                        -1);
            }
            list = nodePointer(fields, keyFields);
            n = list.size();
        } else if (status == 4) {
            if (p - 1 < lowest()) {
                return failure(origin, "instant record header leaves the page", -1);
            }
            int add = Bytes.u8(page, --p);
            if ((add & 0x80) != 0) {
                if (p - 1 < lowest()) {
                    return failure(origin, "instant record header leaves the page", -1);
                }
                add = (add & 0x7F) | (Bytes.u8(page, --p) << 7);
            }
            n = coreFields + 1 + add;
            if (n > fields.size()) {
                return failure(origin, "the record stores " + n + " fields, the definition implies "
                        + fields.size(), fields.size() - 1);
            }
        } else if (status == 0) {
            n = Math.min(coreFields, fields.size());
        } else {
            return failure(origin, "record status " + status + " on a " + (leaf ? "leaf" : "node") + " page", -1);
        }
        int nullable = 0;
        int nullCount = leaf ? n : Math.min(coreFields, fields.size());
        for (int i = 0; i < nullCount; i++) {
            if (fields.get(i).nullable()) {
                nullable++;
            }
        }
        int nullBytes = coreNullBytes >= 0 && (!leaf || status == 0) ? coreNullBytes : (nullable + 7) / 8;
        int nulls = p - 1;
        p -= nullBytes;
        if (p < lowest()) {
            return failure(origin, "the null bitmap leaves the page", -1);
        }
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        boolean[] external = new boolean[n];
        int pos = origin;
        int nullIndex = 0;
        for (int i = 0; i < n; i++) {
            StoredField f = list.get(i);
            offsets[i] = pos;
            if (f.nullable() && leaf) {
                int bit = (Bytes.u8(page, nulls - nullIndex / 8) >>> (nullIndex % 8)) & 1;
                nullIndex++;
                if (bit != 0) {
                    lengths[i] = -1;
                    continue;
                }
            }
            int len;
            if (f.fixed()) {
                len = f.fixedLength();
            } else {
                if (p - 1 < lowest()) {
                    return failure(origin, "the length of field `" + f.name() + "` leaves the page", i);
                }
                len = Bytes.u8(page, --p);
                if (f.big() && (len & 0x80) != 0) {
                    if (p - 1 < lowest()) {
                        return failure(origin, "the length of field `" + f.name() + "` leaves the page", i);
                    }
                    len = ((len & 0x3F) << 8) | Bytes.u8(page, --p);
                    external[i] = (Bytes.u8(page, p + 1) & 0x40) != 0;
                }
                String bad = lengthProblem(f, len, external[i]);
                if (bad != null) {
                    return failure(origin, bad, i);
                }
            }
            lengths[i] = len;
            pos += len;
            if (pos > highest()) {
                return failure(origin, "field `" + f.name() + "` runs past the end of the page", i);
            }
        }
        return new IndexRecord(origin, p, pos, info, status, next, n, offsets, lengths, external, null, -1);
    }

    /** Why a stored length does not fit the field, or {@code null}. */
    private String lengthProblem(StoredField f, int len, boolean external) {
        if (external) {
            if (!f.big()) {
                return "field `" + f.name() + "` is stored off-page, which " + f.typeText() + " cannot be";
            }
            if (len != 20 && len != 788) {
                return "field `" + f.name() + "` is off-page with " + len + " local bytes (20 or 788 expected)";
            }
            return null;
        }
        if (len > f.maxLength()) {
            return "field `" + f.name() + "` holds " + len + " bytes, more than " + f.typeText() + " takes ("
                    + f.maxLength() + ")";
        }
        if (len < f.minLength()) {
            return "field `" + f.name() + "` holds " + len + " bytes, fewer than " + f.typeText() + " takes ("
                    + f.minLength() + ")";
        }
        return null;
    }

    private IndexRecord decodeRedundant(int origin, List<StoredField> fields, int keyFields, boolean leaf) {
        if (origin - 6 < lowest() || origin >= highest()) {
            return failure(origin, "record origin " + origin + " lies outside the record heap", -1);
        }
        int info = Bytes.u8(page, origin - 6) & 0xF0;
        int n = (Bytes.u16(page, origin - 4) >>> 1) & 0x3FF;
        boolean shortOffsets = (Bytes.u8(page, origin - 3) & 1) != 0;
        int next = nextOf(origin);
        List<StoredField> list = fields;
        if (!leaf) {
            list = nodePointer(fields, keyFields);
        }
        int headerStart = origin - 6 - n * (shortOffsets ? 1 : 2);
        if (headerStart < lowest()) {
            return failure(origin, "the field offsets leave the page", -1);
        }
        if (n > list.size()) {
            return failure(origin, "the record stores " + n + " fields, the definition implies " + list.size(),
                    list.size() - 1);
        }
        if (n == 0) {
            return failure(origin, "the record stores no fields", -1);
        }
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        boolean[] external = new boolean[n];
        int prevEnd = 0;
        for (int i = 0; i < n; i++) {
            StoredField f = list.get(i);
            int end;
            boolean isNull;
            if (shortOffsets) {
                int v = Bytes.u8(page, origin - 7 - i);
                isNull = (v & 0x80) != 0;
                end = v & 0x7F;
            } else {
                int v = Bytes.u16(page, origin - 8 - 2 * i);
                isNull = (v & 0x8000) != 0;
                external[i] = (v & 0x4000) != 0;
                end = v & 0x3FFF;
            }
            int len = end - prevEnd;
            offsets[i] = origin + prevEnd;
            if (len < 0) {
                return failure(origin, "field `" + f.name() + "` ends before it starts", i);
            }
            if (isNull) {
                if (!f.nullable()) {
                    return failure(origin, "column `" + f.name() + "`: the file stores NULL but the definition "
                            + "says NOT NULL", i);
                }
                if (len != 0 && len != f.fixedLength()) {
                    return failure(origin, "NULL field `" + f.name() + "` takes " + len + " bytes", i);
                }
                lengths[i] = -1;
            } else if (f.fixed()) {
                if (len != f.fixedLength()) {
                    return failure(origin, "column `" + f.name() + "`: the file stores " + len + " bytes, "
                            + f.typeText() + " takes " + f.fixedLength(), i);
                }
                lengths[i] = len;
            } else {
                String bad = lengthProblem(f, len, external[i]);
                if (bad != null) {
                    return failure(origin, bad, i);
                }
                lengths[i] = len;
            }
            prevEnd = end;
        }
        int dataEnd = origin + prevEnd;
        if (dataEnd > highest()) {
            return failure(origin, "the record runs past the end of the page", n - 1);
        }
        return new IndexRecord(origin, headerStart, dataEnd, info, leaf ? 0 : 1, next, n, offsets, lengths,
                external, null, -1);
    }
}
