package io.dbrecover.mysql.ibd;

import java.util.zip.Adler32;
import java.util.zip.CRC32C;

/** Tells which checksum algorithm a page's stored checksum belongs to. */
final class PageChecksums {
    private static final long NO_CHECKSUM_MAGIC = 0xDEADBEEFL;
    // The legacy InnoDB fold constants (ut0rnd.h): published facts of the format, written out here.
    private static final long RANDOM_MASK = 1463735687L;
    private static final long RANDOM_MASK2 = 1653893711L;

    private PageChecksums() {
    }

    /**
     * The checksum of one physical page.
     *
     * @param page the page exactly as stored (physical size)
     * @param fullCrc32 the tablespace uses MariaDB's full_crc32 format
     * @param zip the tablespace is ROW_FORMAT=COMPRESSED (page 0 included)
     */
    static Checksum of(byte[] page, boolean fullCrc32, boolean zip) {
        int size = page.length;
        if (Bytes.allZero(page, 0, size)) {
            return Checksum.ZEROED;
        }
        if (fullCrc32) {
            CRC32C crc = new CRC32C();
            crc.update(page, 0, size - 4);
            return crc.getValue() == Bytes.u32(page, size - 4) ? Checksum.FULL_CRC32 : Checksum.INVALID;
        }
        long stored = Bytes.u32(page, 0);
        if (zip) {
            CRC32C crc1 = new CRC32C();
            crc1.update(page, 4, 12);
            CRC32C crc2 = new CRC32C();
            crc2.update(page, 24, 2);
            CRC32C crc3 = new CRC32C();
            crc3.update(page, 34, size - 34);
            if ((crc1.getValue() ^ crc2.getValue() ^ crc3.getValue()) == stored) {
                return Checksum.CRC32;
            }
            Adler32 adler = new Adler32();
            adler.update(page, 4, 12);
            adler.update(page, 24, 2);
            adler.update(page, 34, size - 34);
            if (adler.getValue() == stored) {
                return Checksum.INNODB;
            }
            return stored == NO_CHECKSUM_MAGIC ? Checksum.NONE : Checksum.INVALID;
        }
        CRC32C head = new CRC32C();
        head.update(page, 4, 22);
        CRC32C body = new CRC32C();
        body.update(page, 38, size - 38 - 8);
        if ((head.getValue() ^ body.getValue()) == stored) {
            return Checksum.CRC32;
        }
        long fold = (fold(page, 4, 22) + fold(page, 38, size - 38 - 8)) & 0xFFFFFFFFL;
        if (fold == stored) {
            return Checksum.INNODB;
        }
        return stored == NO_CHECKSUM_MAGIC ? Checksum.NONE : Checksum.INVALID;
    }

    /**
     * Writes the checksum fields of a page of the pre-full_crc32 format (not ROW_FORMAT=COMPRESSED) with the
     * algorithm given: {@code CRC32} puts CRC-32C of header and body into the first four bytes and the first four of
     * the trailer; {@code INNODB} the legacy fold there and the "old" fold over bytes 0–25 into the trailer, as
     * MySQL 4.0.14–5.5 wrote them; {@code NONE} leaves the page as it is.
     */
    static void write(byte[] page, Checksum algorithm) {
        int size = page.length;
        switch (algorithm) {
            case CRC32 -> {
                CRC32C head = new CRC32C();
                head.update(page, 4, 22);
                CRC32C body = new CRC32C();
                body.update(page, 38, size - 38 - 8);
                putU32(page, 0, head.getValue() ^ body.getValue());
                putU32(page, size - 8, head.getValue() ^ body.getValue());
            }
            case INNODB -> {
                putU32(page, 0, (fold(page, 4, 22) + fold(page, 38, size - 38 - 8)) & 0xFFFFFFFFL);
                putU32(page, size - 8, fold(page, 0, 26) & 0xFFFFFFFFL);
            }
            case NONE -> { }
            default -> throw new IllegalArgumentException("cannot write a " + algorithm + " checksum");
        }
    }

    private static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** The legacy fold over a byte range, in 64-bit arithmetic like the server on 64-bit platforms. */
    private static long fold(byte[] b, int off, int len) {
        long fold = 0;
        for (int i = off; i < off + len; i++) {
            long n2 = b[i] & 0xFF;
            fold = ((((fold ^ n2 ^ RANDOM_MASK2) << 8) + fold) ^ RANDOM_MASK) + n2;
        }
        return fold;
    }
}
