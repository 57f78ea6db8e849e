package io.dbrecover.mysql.ibd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the records of one leaf page fit a field list: every record must decode within the page, no record may
 * overlap the next one in heap order, and most records must end exactly where the next record's header begins
 * (gaps are left by purged records, so not all of them need to).
 *
 * @param fits the page fits the field list
 * @param records user records decoded (the instant ALTER metadata record not counted)
 * @param error the first problem, or {@code null}
 * @param errorField the field the problem is about, -1 when unknown
 * @param userRecords the decoded user records in key order (when the page fits)
 * @param external20 an off-page field keeps no local prefix (DYNAMIC)
 * @param external788 an off-page field keeps a 768-byte local prefix (COMPACT or REDUNDANT)
 * @param instantDropped the metadata record says columns were dropped or reordered instantly, but the layout has no
 *        field map to decode the records with
 */
record PageFit(boolean fits, int records, String error, int errorField, List<IndexRecord> userRecords,
               boolean external20, boolean external788, boolean instantDropped) {

    static PageFit evaluate(IndexPage page, RecordLayout layout) {
        List<StoredField> fields = layout.fields();
        boolean instant = layout.instant() != null;
        List<IndexRecord> user = new ArrayList<>();
        List<IndexRecord> placed = new ArrayList<>();
        boolean ext20 = false;
        boolean ext788 = false;
        boolean dropped = false;
        List<Integer> origins = page.userRecords();
        for (int origin : origins) {
            IndexRecord r = page.decode(origin, layout, true);
            boolean metadata = instant && isMinimum(page, origin);
            if (metadata) {
                if (isDeleted(page, origin) && !layout.fieldMapped()) {
                    dropped = true;
                    continue;
                }
                if (r.ok() && r.fieldCount() != fields.size()) {
                    // The server refuses metadata that leaves a field to a default: it stores every field.
                    return new PageFit(false, user.size(), "page " + page.pageNo + ": the instant ALTER metadata "
                            + "record stores " + r.fieldCount() + " fields, the definition implies " + fields.size(),
                            Math.min(r.fieldCount(), fields.size() - 1), user, ext20, ext788, dropped);
                }
                if (r.ok()) {
                    placed.add(r);
                }
                continue;
            }
            if (!r.ok()) {
                return new PageFit(false, user.size(), "page " + page.pageNo + ", record at offset " + origin + ": "
                        + r.error(), r.errorField(), user, ext20, ext788, dropped);
            }
            if (!page.compact && !instant && r.fieldCount() != fields.size()) {
                int missing = Math.min(r.fieldCount(), fields.size() - 1);
                return new PageFit(false, user.size(), "page " + page.pageNo + ", record at offset " + origin
                        + ": the file stores " + r.fieldCount() + " fields, the definition implies "
                        + fields.size(), missing, user, ext20, ext788, dropped);
            }
            if (page.compact && !instant && r.status() != 0) {
                return new PageFit(false, user.size(), "page " + page.pageNo + ", record at offset " + origin
                        + " has status " + r.status() + " in a table without instant ALTER", -1, user, ext20,
                        ext788, dropped);
            }
            for (int i = 0; i < r.fieldCount(); i++) {
                String impossible = r.external()[i] ? null
                        : Plausibility.problem(fields.get(i), page.page, r.offsets()[i], r.lengths()[i]);
                if (impossible != null) {
                    return new PageFit(false, user.size(), "page " + page.pageNo + ", record at offset " + origin
                            + ": field `" + fields.get(i).name() + "` holds " + impossible, i, user, ext20, ext788,
                            dropped);
                }
                if (r.external()[i]) {
                    ext20 |= r.lengths()[i] == 20;
                    ext788 |= r.lengths()[i] == 788;
                }
            }
            user.add(r);
            placed.add(r);
        }
        if (page.freeList() != 0) {
            for (int origin : page.chain(page.freeList(), false)) {
                IndexRecord r = page.decode(origin, layout, true);
                if (r.ok()) {
                    placed.add(r);
                }
            }
        }
        placed.sort(Comparator.comparingInt(IndexRecord::origin));
        int exact = 0;
        int pairs = 0;
        int previousEnd = page.supremumEnd();
        int previousOrigin = page.supremum();
        for (IndexRecord r : placed) {
            if (r.origin() == previousOrigin) {
                continue;
            }
            pairs++;
            if (previousEnd > r.headerStart()) {
                return new PageFit(false, user.size(), "page " + page.pageNo + ": the record at offset "
                        + previousOrigin + " ends at " + previousEnd + ", past the header of the next record at "
                        + r.headerStart(), lastField(placed, previousOrigin), user, ext20, ext788, dropped);
            }
            if (previousEnd == r.headerStart()) {
                exact++;
            }
            previousEnd = r.dataEnd();
            previousOrigin = r.origin();
        }
        if (!placed.isEmpty()) {
            pairs++;
            if (previousEnd > page.heapTop()) {
                return new PageFit(false, user.size(), "page " + page.pageNo + ": the record at offset "
                        + previousOrigin + " ends at " + previousEnd + ", past the heap top " + page.heapTop(),
                        lastField(placed, previousOrigin), user, ext20, ext788, dropped);
            }
            if (previousEnd == page.heapTop()) {
                exact++;
            }
        }
        if (exact * 2 < pairs) {
            return new PageFit(false, user.size(), "page " + page.pageNo + ": only " + exact + " of " + pairs
                    + " records end where the next one begins", -1, user, ext20, ext788, dropped);
        }
        return new PageFit(true, user.size(), null, -1, user, ext20, ext788, dropped);
    }

    private static int lastField(List<IndexRecord> placed, int origin) {
        for (IndexRecord r : placed) {
            if (r.origin() == origin) {
                return r.fieldCount() - 1;
            }
        }
        return -1;
    }

    private static boolean isMinimum(IndexPage page, int origin) {
        return (Bytes.u8(page.page, origin - (page.compact ? 5 : 6)) & 0x10) != 0;
    }

    private static boolean isDeleted(IndexPage page, int origin) {
        return (Bytes.u8(page.page, origin - (page.compact ? 5 : 6)) & 0x20) != 0;
    }
}
