package io.dbrecover.postgres.backup;

import io.dbrecover.postgres.model.Lsn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** WAL segment file names: {@code %08X%08X%08X} of timeline, {@code lsn>>32} and the segment within it. */
final class WalNames {
    /** PostgreSQL's default segment size. */
    static final long DEFAULT_SEGMENT_SIZE = 16L << 20;
    /** The most segments one range may span before it is taken for damage (16 TiB of 16 MiB segments). */
    static final long MAX_SEGMENTS = 1L << 20;
    private static final Pattern NAME = Pattern.compile("[0-9A-F]{24}");

    private WalNames() {
    }

    /** Whether a file name is a WAL segment's. */
    static boolean isSegment(String name) {
        return name.length() == 24 && NAME.matcher(name).matches();
    }

    /** Whether a segment size is one PostgreSQL allows: a power of two from 1 MiB to 1 GiB. */
    static boolean validSegmentSize(long size) {
        return size >= 1L << 20 && size <= 1L << 30 && Long.bitCount(size) == 1;
    }

    /** The segment number holding a location. */
    static long segment(Lsn lsn, long segmentSize) {
        return Long.divideUnsigned(lsn.value(), segmentSize);
    }

    /** The file name of a segment. */
    static String name(int timeline, long segment, long segmentSize) {
        long perId = 0x1_0000_0000L / segmentSize;
        return String.format(Locale.ROOT, "%08X%08X%08X", timeline, segment / perId, segment % perId);
    }

    /** The segment number a name stands for (its timeline aside). */
    static long segmentOf(String name, long segmentSize) {
        long perId = 0x1_0000_0000L / segmentSize;
        return Long.parseLong(name.substring(8, 16), 16) * perId + Long.parseLong(name.substring(16, 24), 16);
    }

    /** The timeline of a segment's name. */
    static int timelineOf(String name) {
        return (int) Long.parseLong(name.substring(0, 8), 16);
    }

    /**
     * The segments a range needs: from the one holding its start to the one holding its last byte (an end exactly
     * on a segment boundary needs nothing of the next segment).
     */
    static List<String> needed(int timeline, Lsn start, Lsn end, long segmentSize) {
        long first = segment(start, segmentSize);
        long last = end.compareTo(start) > 0 ? Long.divideUnsigned(end.value() - 1, segmentSize) : first;
        if (last - first >= MAX_SEGMENTS) {
            throw new IllegalArgumentException("a WAL range of " + (last - first + 1) + " segments");
        }
        List<String> names = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            names.add(name(timeline, s, segmentSize));
        }
        return names;
    }
}
