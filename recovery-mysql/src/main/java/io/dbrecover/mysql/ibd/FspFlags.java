package io.dbrecover.mysql.ibd;

/**
 * The FSP flags of page 0, in the two layouts MariaDB knows: the MySQL-compatible one (MySQL 5.6–8.0, MariaDB
 * before 10.5 and ROW_FORMAT=COMPRESSED files of every version) and MariaDB 10.5+ {@code full_crc32}.
 *
 * @param raw the 32-bit value at page 0 offset 54
 * @param fullCrc32 bit 4 is the full_crc32 marker (in the old layout bit 4 belongs to a zip size no server writes)
 * @param physicalPageSize bytes per page in the file
 * @param logicalPageSize bytes per uncompressed page
 * @param atomicBlobs DYNAMIC or COMPRESSED (old layout only; full_crc32 does not say)
 * @param pageCompressed MariaDB PAGE_COMPRESSED
 * @param compressionAlgorithm full_crc32 page compression algorithm (1 zlib, 2 lz4, 3 lzo, 4 lzma, 5 bzip2,
 *        6 snappy), 0 for none or the old layout
 * @param mysqlEncryption MySQL's encryption bit (13)
 * @param sdi MySQL 8's SDI bit (14)
 */
record FspFlags(long raw, boolean fullCrc32, int physicalPageSize, int logicalPageSize, boolean atomicBlobs,
                boolean pageCompressed, int compressionAlgorithm, boolean mysqlEncryption, boolean sdi) {

    /** Parses the flags; {@code null} when they describe no page size any server writes. */
    static FspFlags parse(long raw) {
        if ((raw & 0x10) != 0) {
            int ssize = (int) (raw & 0xF);
            if (ssize < 3 || ssize > 7) {
                return null;
            }
            int size = 512 << ssize;
            int algorithm = (int) ((raw >>> 5) & 0x7);
            return new FspFlags(raw, true, size, size, false, algorithm != 0, algorithm, false, false);
        }
        int zipSsize = (int) ((raw >>> 1) & 0xF);
        int pageSsize = (int) ((raw >>> 6) & 0xF);
        int logical = pageSsize == 0 ? 16384 : 512 << pageSsize;
        if (pageSsize != 0 && (pageSsize < 3 || pageSsize > 7)) {
            return null;
        }
        int physical = logical;
        if (zipSsize != 0) {
            physical = 512 << zipSsize;
            if (physical > Math.min(logical, 16384)) {
                return null;
            }
        }
        boolean atomicBlobs = (raw & 0x20) != 0;
        if (zipSsize != 0 && !atomicBlobs) {
            return null;
        }
        boolean pageCompressed = (raw & (1L << 16)) != 0;
        return new FspFlags(raw, false, physical, logical, atomicBlobs, pageCompressed, pageCompressed ? 1 : 0,
                (raw & (1L << 13)) != 0, (raw & (1L << 14)) != 0);
    }

    /** ROW_FORMAT=COMPRESSED: pages are smaller than the logical page size. */
    boolean zip() {
        return physicalPageSize != logicalPageSize;
    }
}
