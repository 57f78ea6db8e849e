package io.dbrecover.mysql.ibd;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads what MariaDB instant ALTER TABLE keeps in a clustered index and turns a definition's layout into the one
 * the records use.
 *
 * <p>Facts (MariaDB 10.3+, measured on 10.11 files): the root page has type 18 and the number of core fields in
 * the top 13 bits of PAGE_HEADER+12. After an instant ADD COLUMN alone the infimum and supremum keep their strings;
 * after a DROP COLUMN or a reorder (10.4+) they are zeroed except the last supremum byte, which holds the
 * null-bitmap size of core records and node pointers. The first record of the leftmost leaf is the metadata
 * record (info bits: minimum record, and deleted when it has a BLOB): it holds the defaults of added columns and,
 * right after DB_ROLL_PTR, a 20-byte pointer without length byte or null bit to a single BLOB page whose data is a
 * 4-byte count of the fields after DB_ROLL_PTR followed by one 2-byte entry each: bit 15 dropped, bit 14 (dropped
 * only) NOT NULL, bits 0–9 the column's number among the table's stored columns, or for a dropped column 0
 * (variable, at most 255 bytes), 1 (variable, longer) or 1 + its fixed length. Key columns of variable length are
 * stored empty in the metadata record, so the pointer lies after the key's fixed-length bytes (COMPACT/DYNAMIC) or
 * where the offsets put the end of the key (REDUNDANT).
 */
final class InstantMetadata {
    private static final int FIELD_MAP_LIMIT = 1020;
    private static final int DROPPED_LENGTH_LIMIT = 769;
    private static final int TYPE_BLOB = 10;
    private static final String DAMAGED = "the clustered index's instant ALTER metadata is damaged; the server "
            + "refuses such a table too: look for another copy of the file";

    private InstantMetadata() {
    }

    /**
     * The layout of the leaf records under a definition and a walk from the leftmost leaf.
     *
     * @param layout the layout the records use (with the definition's fields in table order when
     *        {@code mismatch} says the file's field map does not hold them)
     * @param walk at the leftmost leaf
     * @param mismatch why the definition cannot be the file's, or {@code null}
     */
    record Resolved(RecordLayout layout, LeafWalk walk, String mismatch) {
    }

    /**
     * Resolves the record layout of the file for a definition's layout.
     *
     * @param notes receives what was found (and why nothing can be checked, ending in {@code consequence})
     * @return {@code null} when the records cannot be decoded with this definition's key (a note says why)
     * @throws LeafWalk.LayoutBreak when the definition's key does not fit the node pointers
     * @throws io.dbrecover.core.api.RecoveryException CORRUPT_INPUT when the metadata is damaged
     */
    static Resolved resolve(TablespaceFile file, IndexPage root, RecordLayout naive, List<String> notes,
                            String consequence) {
        if (root.type() != TablespaceFile.TYPE_INSTANT) {
            return new Resolved(naive, LeafWalk.start(file, root, naive), null);
        }
        int core = root.instantCoreFields();
        int nullBytes = coreNullBytes(file, root);
        if (core < naive.keyFields() + 2) {
            notes.add("the instant ALTER root page says records store " + core + " fields, fewer than the key and "
                    + "DB_TRX_ID, DB_ROLL_PTR of the definition: " + consequence);
            return null;
        }
        RecordLayout layout = naive.withInstant(new RecordLayout.InstantState(core, nullBytes, null));
        LeafWalk walk = LeafWalk.start(file, root, layout);
        IndexPage leaf = walk.current();
        List<Integer> origins = leaf.userRecords();
        boolean blob = !origins.isEmpty() && leaf.alterMetadata(origins.get(0));
        if (nullBytes < 0 && !blob) {
            notes.add("the table was altered with MariaDB instant ADD COLUMN: records created before it store "
                    + core + " fields");
            String mismatch = core <= naive.fields().size() ? null : "the file's records store at least " + core
                    + " fields, the definition implies only " + naive.fields().size()
                    + ": a column is missing from the definition";
            return new Resolved(layout, walk, mismatch);
        }
        if (!blob) {
            throw TablespaceFile.corrupt(file.path(), "has a clustered index root saying columns were dropped or "
                    + "reordered instantly, but leaf page " + leaf.pageNo + " starts with no metadata record",
                    DAMAGED);
        }
        List<Integer> map = fieldMap(file, leaf, origins.get(0), naive.keyFields(), naive.fields());
        if (core > naive.keyFields() + 2 + map.size()) {
            throw TablespaceFile.corrupt(file.path(), "has instant ALTER metadata with " + map.size() + " fields "
                    + "after DB_ROLL_PTR, fewer than the " + core + " core fields of its root page", DAMAGED);
        }
        int dropped = (int) map.stream().filter(e -> (e & RecordLayout.InstantState.DROPPED) != 0).count();
        notes.add("the table was altered with MariaDB instant ALTER (columns dropped or reordered): records follow "
                + "the file's field map of " + map.size() + " fields after DB_ROLL_PTR (" + dropped
                + " of them dropped columns still stored); records created before the first instant ALTER store "
                + core + " fields");
        layout = naive.withInstant(new RecordLayout.InstantState(core, nullBytes, map));
        RecordLayout.Mapping mapping = layout.withColumns(layout.columns());
        if (mapping.problem() != null) {
            return new Resolved(layout, walk, mapping.problem());
        }
        return new Resolved(mapping.layout(), walk, null);
    }

    /** -1 while the infimum and supremum keep their strings, else the null-bitmap size the supremum holds. */
    private static int coreNullBytes(TablespaceFile file, IndexPage root) {
        byte[] p = root.page;
        int inf = root.infimum();
        int sup = root.supremum();
        if (Bytes.ascii(p, inf, "infimum\0") && Bytes.ascii(p, sup, "supremum")) {
            return -1;
        }
        if (Bytes.allZero(p, inf, 8) && Bytes.allZero(p, sup, 7)) {
            int n = Bytes.u8(p, sup + 7);
            if (n <= 128) {
                return n;
            }
        }
        throw TablespaceFile.corrupt(file.path(), "has an instant ALTER root page " + root.pageNo + " whose infimum "
                + "and supremum hold neither their names nor the zeroes MariaDB 10.4+ writes", DAMAGED);
    }

    /** The raw field map entries from the metadata record's BLOB. */
    private static List<Integer> fieldMap(TablespaceFile file, IndexPage leaf, int origin, int keyFields,
                                          List<StoredField> fields) {
        byte[] p = leaf.page;
        int keyEnd;
        if (leaf.compact) {
            if ((Bytes.u16(p, origin - 4) & 7) != 4) {
                throw TablespaceFile.corrupt(file.path(), "has an instant ALTER metadata record on page "
                        + leaf.pageNo + " without the instant record status", DAMAGED);
            }
            keyEnd = 0;
            for (int i = 0; i < keyFields; i++) {
                keyEnd += Math.max(0, fields.get(i).fixedLength());
            }
        } else {
            int n = (Bytes.u16(p, origin - 4) >>> 1) & 0x3FF;
            boolean shortOffsets = (Bytes.u8(p, origin - 3) & 1) != 0;
            int at = origin - 6 - keyFields * (shortOffsets ? 1 : 2);
            if (n <= keyFields + 2 || at < leaf.supremumEnd()) {
                throw TablespaceFile.corrupt(file.path(), "has an instant ALTER metadata record on page "
                        + leaf.pageNo + " with " + n + " fields", DAMAGED);
            }
            keyEnd = shortOffsets ? Bytes.u8(p, at) & 0x7F : Bytes.u16(p, at) & 0x3FFF;
        }
        int ptr = origin + keyEnd + 13;
        if (ptr + 20 > p.length - 8) {
            throw TablespaceFile.corrupt(file.path(), "has an instant ALTER metadata record on page " + leaf.pageNo
                    + " running past the page end", DAMAGED);
        }
        long pageNo = Bytes.u32(p, ptr + 4);
        long offset = Bytes.u32(p, ptr + 8);
        long lengthHigh = Bytes.u32(p, ptr + 12);
        long length = Bytes.u32(p, ptr + 16);
        if (lengthHigh != 0 || length < 4 || offset != IndexPage.PAGE_HEADER || pageNo >= file.pageCount()) {
            throw TablespaceFile.corrupt(file.path(), "has an instant ALTER metadata record on page " + leaf.pageNo
                    + " whose BLOB pointer (page " + pageNo + ", offset " + offset + ", " + length + " bytes) "
                    + "names no field map", DAMAGED);
        }
        byte[] blob = file.logical(pageNo);
        int data = IndexPage.PAGE_HEADER + 8;
        if (Bytes.u16(blob, 24) != TYPE_BLOB || Bytes.u32(blob, IndexPage.PAGE_HEADER + 4) != IndexPage.FIL_NULL
                || Bytes.u32(blob, IndexPage.PAGE_HEADER) != length || data + length > blob.length - 8) {
            throw TablespaceFile.corrupt(file.path(), "has no single-page instant ALTER field map on BLOB page "
                    + pageNo + " (page type " + Bytes.u16(blob, 24) + ")", DAMAGED);
        }
        long count = Bytes.u32(blob, data);
        if (count >= FIELD_MAP_LIMIT || 4 + 2 * count > length) {
            throw TablespaceFile.corrupt(file.path(), "has an instant ALTER field map on page " + pageNo
                    + " claiming " + count + " fields in " + length + " bytes", DAMAGED);
        }
        List<Integer> map = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int entry = Bytes.u16(blob, data + 4 + 2 * i);
            boolean dropped = (entry & RecordLayout.InstantState.DROPPED) != 0;
            if (dropped && (entry & RecordLayout.InstantState.INDEX) > DROPPED_LENGTH_LIMIT
                    || !dropped && (entry & RecordLayout.InstantState.NOT_NULL) != 0) {
                throw TablespaceFile.corrupt(file.path(), String.format("has an impossible instant ALTER field map "
                        + "entry 0x%04x on page %d", entry, pageNo), DAMAGED);
            }
            map.add(entry);
        }
        return map;
    }
}
