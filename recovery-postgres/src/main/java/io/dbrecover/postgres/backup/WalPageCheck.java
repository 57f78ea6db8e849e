package io.dbrecover.postgres.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a WAL segment's page headers, read as a stream: the first page's long header (magic, timeline, address,
 * system identifier, segment and page size) and every page up to the end the backup needs (magic, a timeline not
 * after the segment's, its own address). Pages after that point may hold anything (a recycled segment's old pages,
 * zeros of a segment still being written) and are not judged.
 */
final class WalPageCheck {
    /** {@code XLOG_PAGE_MAGIC} by major version. */
    static final Map<String, Integer> MAGIC = Map.of("13", 0xD106, "14", 0xD10D, "15", 0xD110, "16", 0xD113,
            "17", 0xD116);
    private static final int XLP_LONG_HEADER = 0x0002;
    private static final int LONG_HEADER = 40;

    /**
     * What the first page says.
     *
     * @param segmentSize {@code xlp_seg_size}
     * @param pageSize    {@code xlp_xlog_blcksz}
     * @param systemId    {@code xlp_sysid}
     */
    record LongHeader(long segmentSize, int pageSize, long systemId) {
    }

    private WalPageCheck() {
    }

    /** Reads the long header of a segment's first page; {@code null} when it is not one. */
    static LongHeader longHeader(byte[] page, int length) {
        if (length < LONG_HEADER) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(page, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getShort(0) & 0xFFFF;
        int info = b.getShort(2) & 0xFFFF;
        if ((magic & 0xFF00) != 0xD100 || (info & XLP_LONG_HEADER) == 0) {
            return null;
        }
        return new LongHeader(b.getInt(32) & 0xFFFFFFFFL, b.getInt(36), b.getLong(24));
    }

    /**
     * Checks a segment.
     *
     * @param in          the segment's bytes
     * @param size        its size
     * @param name        its file name (timeline and segment number)
     * @param segmentSize the segment size the names were made with
     * @param checkBytes  how many bytes from its start the backup needs (pages up to there are checked)
     * @param pgVersion   the backup's major version, or {@code null}
     * @param systemId    the cluster's system identifier, or {@code null}
     * @return what is wrong, or {@code null}
     */
    static String check(InputStream in, long size, String name, long segmentSize, long checkBytes, String pgVersion,
                        Long systemId) throws IOException {
        if (size != segmentSize) {
            return "a WAL segment of " + size + " bytes; segments of this cluster have " + segmentSize;
        }
        byte[] first = new byte[8192];
        int n = in.readNBytes(first, 0, first.length);
        LongHeader h = longHeader(first, n);
        if (h == null) {
            return "the first page has no WAL long page header (magic "
                    + hex(n >= 2 ? ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xFFFF : 0)
                    + ")";
        }
        int magic = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xFFFF;
        Integer expected = pgVersion == null ? null : MAGIC.get(pgVersion);
        if (expected != null && magic != expected) {
            return "WAL page magic " + hex(magic) + " is not PostgreSQL " + pgVersion + "'s " + hex(expected);
        }
        if (h.segmentSize() != segmentSize) {
            return "the header says segments of " + h.segmentSize() + " bytes, the file has " + size;
        }
        int page = h.pageSize();
        if (page < 1024 || page > 65536 || Integer.bitCount(page) != 1) {
            return "the header says WAL pages of " + page + " bytes";
        }
        if (systemId != null && h.systemId() != systemId) {
            return "WAL of another cluster: system identifier " + Long.toUnsignedString(h.systemId())
                    + ", the backup's is " + Long.toUnsignedString(systemId);
        }
        int timeline = WalNames.timelineOf(name);
        long start = WalNames.segmentOf(name, segmentSize) * segmentSize;
        byte[] buf = new byte[page];
        long pages = Math.min(size, Math.max(checkBytes, 1) + page - 1) / page;
        for (long i = 0; i < pages; i++) {
            int have = readPage(in, buf, first, n, i, page);
            if (have < 24) {
                return "truncated at page " + i;
            }
            ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            int m = b.getShort(0) & 0xFFFF;
            long tli = b.getInt(4) & 0xFFFFFFFFL;
            long addr = b.getLong(8);
            long want = start + i * page;
            if (m != magic) {
                return "page " + i + " (WAL location " + lsn(want) + ") has magic " + hex(m) + ", not " + hex(magic);
            }
            if (addr != want) {
                return "page " + i + " says it is WAL location " + lsn(addr) + ", not " + lsn(want);
            }
            if (tli == 0 || tli > timeline) {
                return "page " + i + " is of timeline " + tli + ", after the segment's " + timeline;
            }
        }
        return null;
    }

    /** Page i of the stream; the first 8 KiB were read into {@code first} already. */
    private static int readPage(InputStream in, byte[] buf, byte[] first, int firstLength, long i, int page)
            throws IOException {
        long from = i * page;
        int have = 0;
        if (from < firstLength) {
            have = (int) Math.min(page, firstLength - from);
            System.arraycopy(first, (int) from, buf, 0, have);
        }
        return have + in.readNBytes(buf, have, page - have);
    }

    private static String hex(int v) {
        return String.format(Locale.ROOT, "0x%04X", v);
    }

    private static String lsn(long v) {
        return new io.dbrecover.postgres.model.Lsn(v).toString();
    }
}
