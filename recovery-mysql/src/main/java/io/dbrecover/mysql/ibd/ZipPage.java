package io.dbrecover.mysql.ibd;

import io.dbrecover.core.api.RecoveryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Rebuilds the uncompressed image of a ROW_FORMAT=COMPRESSED index page, so that the COMPACT record decoder reads
 * it as the server reads it in its buffer pool.
 *
 * <p>Facts (InnoDB's compressed page format, as MariaDB 10.11 writes it): the first 94 bytes (FIL header and index
 * page header) are stored as is. A zlib stream follows: first a description of the index fields, ended by a full
 * flush (one entry per field, merged for runs of NOT NULL fixed-length fields; then the position of the DB_TRX_ID
 * entry on leaf pages or the number of nullable fields on node pages), then the uncompressed page from offset 120 up
 * to the heap top in heap order, leaving out the infimum and supremum, the 5 fixed header bytes of every record, and
 * the parts kept uncompressed at the end of the page. A modification log follows the stream: records written since
 * the last compression, each as its heap number (shifted left, the low bit set to clear a record), its header bytes
 * nearest the origin first, and its data. The page ends with a dense directory of 2 bytes per record (offset,
 * 0x4000 owned, 0x8000 deleted; the record list in key order, then the free list), preceded by each record's
 * DB_TRX_ID and DB_ROLL_PTR (13 bytes, leaf pages of a clustered index) or child page number (4 bytes, node
 * pages) in heap order, and before those the 20-byte pointers of off-page columns of the live records.
 */
final class ZipPage {
    private static final int PAGE_DATA = 94;
    private static final int ZIP_START = 120;
    private static final int INFIMUM = 99;
    private static final int SUPREMUM = 112;
    private static final int PAGE_DIR = 8;
    private static final int SLOT_MASK = 0x3FFF;
    private static final int SLOT_OWNED = 0x4000;
    private static final int SLOT_DELETED = 0x8000;
    private static final int TRX_ROLL = 13;
    private static final int NODE_PTR = 4;
    private static final int FIELD_REF = 20;
    private static final int MAX_FIELDS = 1023;

    private final Path path;
    private final long pageNo;
    private final byte[] zip;
    private final byte[] page;
    private final int size;
    private final boolean leaf;
    private int[] recs;
    private int nDense;
    private int nRecs;
    private Fields fields;

    /** The index fields the page describes, and how records lay them out. */
    private record Fields(int[] fixed, boolean[] big, boolean[] nullable, int nullBytes, int trxIdCol, boolean leaf) {
        int count() {
            return fixed.length + (leaf ? 0 : 1);
        }
    }

    private ZipPage(Path path, long pageNo, byte[] zip, int logicalSize) {
        this.path = path;
        this.pageNo = pageNo;
        this.zip = zip;
        this.size = zip.length;
        this.page = new byte[logicalSize];
        this.leaf = Bytes.u16(zip, IndexPage.PAGE_HEADER + 26) == 0;
    }

    /**
     * The uncompressed page of a compressed index page.
     *
     * @throws io.dbrecover.core.api.RecoveryException CORRUPT_INPUT when the page cannot be decompressed
     */
    static byte[] decompress(Path path, long pageNo, byte[] zip, int logicalSize) {
        if (zip.length < 1024 || logicalSize < zip.length) {
            throw TablespaceFile.corrupt(path, "has a compressed page " + pageNo + " of " + zip.length + " bytes",
                    "the page is damaged");
        }
        ZipPage p = new ZipPage(path, pageNo, zip, logicalSize);
        try {
            p.run();
        } catch (ZlibReader.Damaged e) {
            throw p.damaged(e.getMessage());
        }
        return p.page;
    }

    private RecoveryException damaged(String why) {
        return TablespaceFile.corrupt(path, "has a compressed index page " + pageNo + " that does not decompress: "
                + why, "the page is damaged; the server cannot read it either");
    }

    private void run() throws ZlibReader.Damaged {
        System.arraycopy(zip, 0, page, 0, PAGE_DATA);
        int nHeap = Bytes.u16(page, IndexPage.PAGE_HEADER + 4);
        if ((nHeap & 0x8000) == 0) {
            throw new ZlibReader.Damaged("its header lacks the compact-format flag");
        }
        nDense = (nHeap & 0x7FFF) - 2;
        nRecs = Bytes.u16(page, IndexPage.PAGE_HEADER + 16);
        if (nDense < 0 || nDense * 2 >= size - PAGE_DATA || nRecs > nDense) {
            throw new ZlibReader.Damaged(nDense + 2 + " heap records and " + nRecs + " user records");
        }
        int heapTop = Bytes.u16(page, IndexPage.PAGE_HEADER + 2);
        if (heapTop < ZIP_START || heapTop > page.length - PAGE_DIR) {
            throw new ZlibReader.Damaged("heap top " + heapTop);
        }
        readDirectory(heapTop);
        ZlibReader.Result stream = ZlibReader.inflate(zip, PAGE_DATA, size - 1 - 2 * nDense,
                page.length + 4 * MAX_FIELDS);
        fields = fields(stream.data(), stream.firstBlockEnd());
        int slot = 2 + (!leaf ? NODE_PTR : fields.trxIdCol() >= 0 ? TRX_ROLL : 0);
        int logEnd = size - nDense * slot;
        if (stream.inputEnd() > logEnd - 1) {
            throw new ZlibReader.Damaged("the compressed stream runs into the page trailer");
        }
        int heapStatus = records(stream, heapTop);
        int modEnd = applyLog(stream.inputEnd(), logEnd, heapStatus);
        restoreTrailer(logEnd + nDense * (slot - 2), modEnd);
        linkRecords();
    }

    private int entry(int i) {
        return Bytes.u16(zip, size - 2 * (i + 1));
    }

    /** The record origins in heap order (ascending address), checked against the page. */
    private void readDirectory(int heapTop) throws ZlibReader.Damaged {
        recs = new int[nDense];
        for (int i = 0; i < nDense; i++) {
            int e = entry(i);
            if (i >= nRecs && (e & ~SLOT_MASK) != 0) {
                throw new ZlibReader.Damaged("a free-list entry with flags 0x" + Integer.toHexString(e));
            }
            int offs = e & SLOT_MASK;
            if (offs < ZIP_START + 5 || offs >= heapTop) {
                throw new ZlibReader.Damaged("a record at offset " + offs + " outside the heap");
            }
            recs[i] = offs;
        }
        Arrays.sort(recs);
        for (int i = 1; i < nDense; i++) {
            if (recs[i] - recs[i - 1] < 5) {
                throw new ZlibReader.Damaged("records at offsets " + recs[i - 1] + " and " + recs[i] + " overlap");
            }
        }
    }

    /** Decodes the index field description that the stream starts with. */
    private Fields fields(byte[] data, int end) throws ZlibReader.Damaged {
        int n = 0;
        for (int b = 0; b < end; n++) {
            b += (data[b] & 0x80) != 0 ? 2 : 1;
            if (b > end) {
                throw new ZlibReader.Damaged("the index field description is cut off");
            }
        }
        n--;
        if (n < 1 || n > MAX_FIELDS) {
            throw new ZlibReader.Damaged("an index description of " + n + " fields");
        }
        int[] fixed = new int[n];
        boolean[] big = new boolean[n];
        boolean[] nullable = new boolean[n];
        int b = 0;
        int nullCount = 0;
        for (int i = 0; i < n; i++) {
            int val = data[b++] & 0xFF;
            if ((val & 0x80) != 0) {
                val = (val & 0x7F) << 8 | (data[b++] & 0xFF);
                fixed[i] = val >> 1;
            } else if (val >= 126) {
                fixed[i] = -1;
                big[i] = true;
            } else if (val <= 1) {
                fixed[i] = -1;
            } else {
                fixed[i] = val >> 1;
            }
            nullable[i] = (val & 1) == 0;
            nullCount += nullable[i] ? 1 : 0;
        }
        int last = data[b++] & 0xFF;
        if ((last & 0x80) != 0) {
            last = (last & 0x7F) << 8 | (data[b] & 0xFF);
        }
        if (leaf) {
            int trx = last == 0 ? -1 : last;
            if (trx >= n || trx >= 0 && (fixed[trx] < TRX_ROLL || nullable[trx])) {
                throw new ZlibReader.Damaged("DB_TRX_ID at field " + last + " of " + n);
            }
            return new Fields(fixed, big, nullable, (nullCount + 7) / 8, trx, true);
        }
        if (last < nullCount) {
            throw new ZlibReader.Damaged(last + " nullable fields where " + nullCount + " are described");
        }
        return new Fields(fixed, big, nullable, (last + 7) / 8, -1, false);
    }

    /** Where each field of a record lies (relative to its origin), read from its header bytes. */
    private record Layout(int[] offsets, int[] lengths, boolean[] external, int extraSize, int dataSize) {
    }

    /** Reads a record header whose j-th byte (counted away from the origin) is {@code extra[at + j * step]}. */
    private Layout layout(byte[] extra, int at, int step, int lowest, int highest) throws ZlibReader.Damaged {
        int n = fields.count();
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        boolean[] external = new boolean[n];
        int lens = fields.nullBytes();
        if (!within(at, lens, step, lowest, highest)) {
            throw new ZlibReader.Damaged("a record's null bitmap leaves the page");
        }
        int nullIndex = 0;
        int offs = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = offs;
            if (i == fields.fixed().length) {
                lengths[i] = NODE_PTR;
                offs += NODE_PTR;
                continue;
            }
            if (fields.nullable()[i]) {
                int bit = (extra[at + step * (nullIndex / 8)] >>> (nullIndex % 8)) & 1;
                nullIndex++;
                if (bit != 0) {
                    lengths[i] = -1;
                    continue;
                }
            }
            int len = fields.fixed()[i];
            if (len < 0) {
                if (!within(at, lens + 1, step, lowest, highest)) {
                    throw new ZlibReader.Damaged("a record's field lengths leave the page");
                }
                len = extra[at + step * lens++] & 0xFF;
                if (fields.big()[i] && (len & 0x80) != 0) {
                    if (!within(at, lens + 1, step, lowest, highest)) {
                        throw new ZlibReader.Damaged("a record's field lengths leave the page");
                    }
                    len = (len << 8 | (extra[at + step * lens++] & 0xFF));
                    external[i] = (len & 0x4000) != 0;
                    len &= 0x3FFF;
                }
            }
            lengths[i] = len;
            offs += len;
        }
        if (nullIndex > fields.nullBytes() * 8) {
            throw new ZlibReader.Damaged("more nullable fields than null bits");
        }
        return new Layout(offsets, lengths, external, lens, offs);
    }

    /** Whether {@code count} header bytes from {@code at} in steps of {@code step} stay within the bounds. */
    private static boolean within(int at, int count, int step, int lowest, int highest) {
        int last = at + step * (count - 1);
        return count == 0 || Math.min(at, last) >= lowest && Math.max(at, last) < highest;
    }

    /** The layout of a record already in the page image. */
    private Layout layoutInPage(int rec) throws ZlibReader.Damaged {
        Layout l = layout(page, rec - 6, -1, ZIP_START, rec - 5);
        if (rec + l.dataSize() > page.length - PAGE_DIR) {
            throw new ZlibReader.Damaged("the record at " + rec + " runs past the page end");
        }
        return l;
    }

    /** Inflates the records in heap order; returns the heap number and status of the next new record. */
    private int records(ZlibReader.Result stream, int heapTop) throws ZlibReader.Damaged {
        Copier c = new Copier(stream.data(), stream.firstBlockEnd(), stream.length());
        int heapStatus = (2 << 3) | (leaf ? 0 : 1);
        for (int k = 0; k < nDense; k++) {
            int rec = recs[k];
            int need = rec - 5 - c.out;
            if (need < 0) {
                throw new ZlibReader.Damaged("the record at " + rec + " overlaps the one before it");
            }
            if (c.remaining() <= need) {
                // Records after the end of the stream were written later: they are in the modification log.
                boolean atHeader = c.remaining() == need;
                c.copyUpTo(c.out + c.remaining());
                if (atHeader) {
                    writeHeapStatus(rec, heapStatus);
                    heapStatus += 1 << 3;
                }
                return heapStatus;
            }
            c.copyUpTo(rec - 5);
            c.out = rec;
            writeHeapStatus(rec, heapStatus);
            heapStatus += 1 << 3;
            Layout l = layoutInPage(rec);
            if (!leaf) {
                c.copyUpTo(rec + l.dataSize() - NODE_PTR);
                c.out = rec + l.dataSize();
            } else if (fields.trxIdCol() >= 0) {
                for (int i = 0; i < l.offsets().length; i++) {
                    if (i == fields.trxIdCol()) {
                        int dst = rec + l.offsets()[i];
                        if (l.lengths()[i] < TRX_ROLL || l.external()[i]) {
                            throw new ZlibReader.Damaged("DB_TRX_ID of the record at " + rec + " is damaged");
                        }
                        c.copyUpTo(dst);
                        c.out = dst + TRX_ROLL;
                    } else if (l.external()[i]) {
                        int dst = rec + l.offsets()[i] + l.lengths()[i] - FIELD_REF;
                        if (l.lengths()[i] < FIELD_REF) {
                            throw new ZlibReader.Damaged("an off-page field shorter than its pointer at " + rec);
                        }
                        c.copyUpTo(dst);
                        c.out = dst + FIELD_REF;
                    }
                }
                c.copyUpTo(rec + l.dataSize());
            }
        }
        // Trailing bytes up to the heap top (a record may sit in longer space it took from the free list).
        if (c.remaining() > heapTop - c.out) {
            throw new ZlibReader.Damaged("the compressed stream holds more than the page heap");
        }
        c.copyUpTo(c.out + c.remaining());
        return heapStatus;
    }

    private void writeHeapStatus(int rec, int heapStatus) {
        page[rec - 4] = (byte) (heapStatus >>> 8);
        page[rec - 3] = (byte) heapStatus;
    }

    /** Copies the inflated stream into the page, position by position, skipping what is stored elsewhere. */
    private final class Copier {
        private final byte[] data;
        private final int end;
        private int at;
        private int out = ZIP_START;

        Copier(byte[] data, int start, int end) {
            this.data = data;
            this.at = start;
            this.end = end;
        }

        int remaining() {
            return end - at;
        }

        void copyUpTo(int target) throws ZlibReader.Damaged {
            int n = target - out;
            if (n < 0 || n > remaining() || target > page.length - PAGE_DIR) {
                throw new ZlibReader.Damaged("the compressed stream ends inside the record before offset " + target);
            }
            System.arraycopy(data, at, page, out, n);
            at += n;
            out = target;
        }
    }

    /** Applies the modification log; returns the offset of its end marker. */
    private int applyLog(int start, int end, int heapStatusIn) throws ZlibReader.Damaged {
        int heapStatus = heapStatusIn;
        int p = start;
        while (true) {
            if (p >= end) {
                throw new ZlibReader.Damaged("the modification log has no end marker");
            }
            int val = zip[p++] & 0xFF;
            if (val == 0) {
                return p - 1;
            }
            if ((val & 0x80) != 0) {
                if (p >= end) {
                    throw new ZlibReader.Damaged("the modification log is cut off");
                }
                val = (val & 0x7F) << 8 | (zip[p++] & 0xFF);
            }
            if (p >= end || val >> 1 > nDense || val >> 1 < 1) {
                throw new ZlibReader.Damaged("a modification log entry for heap record " + ((val >> 1) + 1));
            }
            int rec = recs[(val >> 1) - 1];
            int hs = ((val >> 1) + 1) << 3 | (heapStatus & 7);
            if (hs > heapStatus) {
                throw new ZlibReader.Damaged("a modification log entry for a record beyond the next new one");
            } else if (hs == heapStatus) {
                if ((val & 1) != 0) {
                    throw new ZlibReader.Damaged("a modification log entry clearing a record never written");
                }
                heapStatus += 1 << 3;
            }
            writeHeapStatus(rec, hs);
            if ((val & 1) != 0) {
                Layout l = layoutInPage(rec);
                Arrays.fill(page, rec, rec + l.dataSize(), (byte) 0);
                continue;
            }
            Layout l = layout(zip, p, 1, p, end);
            int extraStart = rec - 5 - l.extraSize();
            if (extraStart < ZIP_START || rec + l.dataSize() > page.length - PAGE_DIR) {
                throw new ZlibReader.Damaged("a modification log record at " + rec + " leaves the page");
            }
            for (int j = 0; j < l.extraSize(); j++) {
                page[rec - 6 - j] = zip[p++];
            }
            p = copyLogData(rec, l, p, end);
        }
    }

    /** Copies a logged record's data, leaving out what the page trailer holds. */
    private int copyLogData(int rec, Layout l, int from, int end) throws ZlibReader.Damaged {
        int p = from;
        int next = rec;
        int recEnd = rec + l.dataSize();
        if (!leaf) {
            recEnd -= NODE_PTR;
        } else if (fields.trxIdCol() >= 0) {
            for (int i = 0; i < l.offsets().length; i++) {
                int skipFrom;
                int skip;
                if (i == fields.trxIdCol()) {
                    if (l.lengths()[i] < TRX_ROLL || l.external()[i]) {
                        throw new ZlibReader.Damaged("a logged record's DB_TRX_ID is damaged");
                    }
                    skipFrom = rec + l.offsets()[i];
                    skip = TRX_ROLL;
                } else if (l.external()[i]) {
                    if (l.lengths()[i] < FIELD_REF) {
                        throw new ZlibReader.Damaged("a logged off-page field shorter than its pointer");
                    }
                    skipFrom = rec + l.offsets()[i] + l.lengths()[i] - FIELD_REF;
                    skip = FIELD_REF;
                } else {
                    continue;
                }
                int n = skipFrom - next;
                if (n < 0 || p + n >= end) {
                    throw new ZlibReader.Damaged("a logged record runs past the modification log");
                }
                System.arraycopy(zip, p, page, next, n);
                p += n;
                next = skipFrom + skip;
            }
        }
        int n = recEnd - next;
        if (n < 0 || p + n >= end) {
            throw new ZlibReader.Damaged("a logged record runs past the modification log");
        }
        System.arraycopy(zip, p, page, next, n);
        return p + n;
    }

    /** Puts back DB_TRX_ID, DB_ROLL_PTR, child page numbers and off-page pointers from the page trailer. */
    private void restoreTrailer(int directory, int logEnd) throws ZlibReader.Damaged {
        if (!leaf) {
            for (int k = 0; k < nDense; k++) {
                Layout l = layoutInPage(recs[k]);
                int dst = recs[k] + l.dataSize() - NODE_PTR;
                inHeap(dst, NODE_PTR);
                System.arraycopy(zip, directory - NODE_PTR * (k + 1), page, dst, NODE_PTR);
            }
            return;
        }
        if (fields.trxIdCol() < 0) {
            return;
        }
        boolean[] free = new boolean[page.length];
        for (int i = nRecs; i < nDense; i++) {
            free[entry(i) & SLOT_MASK] = true;
        }
        int externs = directory - nDense * TRX_ROLL;
        for (int k = 0; k < nDense; k++) {
            int rec = recs[k];
            Layout l = layoutInPage(rec);
            int trx = rec + l.offsets()[fields.trxIdCol()];
            inHeap(trx, TRX_ROLL);
            System.arraycopy(zip, directory - TRX_ROLL * (k + 1), page, trx, TRX_ROLL);
            for (int i = 0; i < l.offsets().length; i++) {
                if (!l.external()[i]) {
                    continue;
                }
                int dst = rec + l.offsets()[i] + l.lengths()[i] - FIELD_REF;
                inHeap(dst, FIELD_REF);
                if (free[rec]) {
                    Arrays.fill(page, dst, dst + FIELD_REF, (byte) 0);
                    continue;
                }
                externs -= FIELD_REF;
                if (externs < logEnd) {
                    throw new ZlibReader.Damaged("the off-page pointers run into the modification log");
                }
                System.arraycopy(zip, externs, page, dst, FIELD_REF);
            }
        }
    }

    private void inHeap(int from, int length) throws ZlibReader.Damaged {
        if (from < ZIP_START || from + length > page.length - PAGE_DIR) {
            throw new ZlibReader.Damaged("a record field at offset " + from + " lies outside the page heap");
        }
    }

    /** Writes the infimum, the supremum, info bits, owners and next pointers the dense directory implies. */
    private void linkRecords() {
        page[INFIMUM - 5] = 0x01;
        page[INFIMUM - 4] = 0x00;
        page[INFIMUM - 3] = 0x02;
        System.arraycopy("infimum\0".getBytes(StandardCharsets.US_ASCII), 0, page, INFIMUM, 8);
        page[SUPREMUM - 4] = 0x00;
        page[SUPREMUM - 3] = 0x0B;
        System.arraycopy("supremum".getBytes(StandardCharsets.US_ASCII), 0, page, SUPREMUM, 8);
        int info = !leaf && Bytes.u32(page, 8) == IndexPage.FIL_NULL ? 0x10 : 0;
        int owned = 1;
        int prev = INFIMUM;
        for (int i = 0; i < nRecs; i++) {
            int e = entry(i);
            if ((e & SLOT_DELETED) != 0) {
                info |= 0x20;
            }
            if ((e & SLOT_OWNED) != 0) {
                info |= owned;
                owned = 1;
            } else {
                owned++;
            }
            int rec = e & SLOT_MASK;
            setNext(prev, rec);
            page[rec - 5] = (byte) info;
            info = 0;
            prev = rec;
        }
        setNext(prev, SUPREMUM);
        page[SUPREMUM - 5] = (byte) owned;
        prev = 0;
        for (int i = nRecs; i < nDense; i++) {
            int rec = entry(i);
            page[rec - 5] = 0;
            if (prev != 0) {
                setNext(prev, rec);
            }
            prev = rec;
        }
        if (prev != 0) {
            setNext(prev, 0);
        }
    }

    private void setNext(int rec, int next) {
        int rel = next == 0 ? 0 : (next - rec) & 0xFFFF;
        page[rec - 2] = (byte) (rel >>> 8);
        page[rec - 1] = (byte) rel;
    }
}
