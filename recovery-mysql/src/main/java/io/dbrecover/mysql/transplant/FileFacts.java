package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.model.RowFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the transplant needs to know of a tablespace file to create a table the server will accept it into: the
 * FSP flags of page 0 decide ROW_FORMAT, KEY_BLOCK_SIZE, PAGE_COMPRESSED and the checksum format, and they must
 * match the new table's exactly (else {@code ERROR 1808 Schema mismatch}).
 *
 * @param rowFormat      REDUNDANT, COMPACT, DYNAMIC or COMPRESSED
 * @param rowFormatKnown whether the file itself decides the row format (false: COMPACT and DYNAMIC look alike in a
 *                       MariaDB full_crc32 file, and the definition's declared format is used)
 * @param keyBlockSize   KiB of a compressed table, 0 otherwise
 * @param pageCompressed MariaDB PAGE_COMPRESSED
 * @param oldFormat      written without MariaDB's full_crc32 (MySQL 5.x, MariaDB before 10.5, or any compressed
 *                       table): the target must create it with {@code innodb_checksum_algorithm=crc32}
 * @param mysql8         a MySQL 8 file (has SDI): MariaDB cannot import it
 * @param pageSize       logical page size in bytes
 * @param flags          the raw FSP flags
 */
public record FileFacts(RowFormat rowFormat, boolean rowFormatKnown, int keyBlockSize, boolean pageCompressed,
                        boolean oldFormat, boolean mysql8, int pageSize, long flags) {
    private static final int FIL_PAGE_TYPE = 24;
    private static final int FSP_FLAGS = 54;
    private static final int FIL_PAGE_TYPE_FSP_HDR = 8;
    private static final int INDEX_PAGE_N_HEAP = 38 + 4;

    /**
     * Reads the facts of an {@code .ibd} file.
     *
     * @throws RecoveryException CORRUPT_INPUT when page 0 is not a tablespace header (zeroed by a crash, truncated)
     */
    public static FileFacts of(Path ibd, RowFormat declared) {
        try (FileChannel ch = FileChannel.open(ibd, StandardOpenOption.READ)) {
            ByteBuffer page0 = ByteBuffer.allocate(64);
            if (ch.read(page0, 0) < 64 || page0.getShort(FIL_PAGE_TYPE) != FIL_PAGE_TYPE_FSP_HDR
                    || page0.getInt(4) != 0) {
                throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, ibd + ": page 0 is not a tablespace header "
                        + "(zeroed or overwritten, as after a crash while the file was being written)").path(ibd)
                        .hint("the table cannot be imported as a whole; keep the file for page-level extraction")
                        .build();
            }
            long flags = page0.getInt(FSP_FLAGS) & 0xFFFFFFFFL;
            if ((flags & 0x10) != 0 && (flags & 0xF) != 0 && (flags & ~0xFFL) == 0) {
                // MariaDB full_crc32: page size in bits 0-3, compression algorithm in bits 5-7; row format is not
                // in the flags (COMPRESSED tables never use this format)
                int size = 1 << ((flags & 0xF) + 9);
                boolean compact = compactRecords(ch, size);
                RowFormat f = !compact ? RowFormat.REDUNDANT
                        : declared == RowFormat.COMPACT ? RowFormat.COMPACT : RowFormat.DYNAMIC;
                return new FileFacts(f, !compact, 0, ((flags >> 5) & 7) != 0, false, false, size, flags);
            }
            int zip = (int) ((flags >> 1) & 0xF);
            boolean atomicBlobs = (flags & 0x20) != 0;
            int ssize = (int) ((flags >> 6) & 0xF);
            int size = ssize == 0 ? 16384 : 1 << (ssize + 9);
            boolean sdi = (flags & (1 << 14)) != 0;
            boolean pageCompressed = !sdi && (flags & (1 << 16)) != 0;
            if (zip != 0) {
                return new FileFacts(RowFormat.COMPRESSED, true, 1 << (zip - 1), pageCompressed, true, sdi, size,
                        flags);
            }
            if (atomicBlobs) {
                return new FileFacts(RowFormat.DYNAMIC, true, 0, pageCompressed, true, sdi, size, flags);
            }
            boolean compact = compactRecords(ch, size);
            return new FileFacts(compact ? RowFormat.COMPACT : RowFormat.REDUNDANT, true, 0, pageCompressed, true,
                    sdi, size, flags);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, ibd + ": cannot read: " + e.getMessage()).path(ibd)
                    .cause(e).build();
        }
    }

    /** Bit 15 of PAGE_N_HEAP on the clustered index root (page 3 of a file-per-table tablespace). */
    private static boolean compactRecords(FileChannel ch, int pageSize) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2);
        if (ch.read(b, 3L * pageSize + INDEX_PAGE_N_HEAP) < 2) {
            return true;
        }
        return (b.getShort(0) & 0x8000) != 0;
    }

    /** One line for reports, e.g. {@code DYNAMIC, 16K pages, full_crc32}. */
    public String describe() {
        return rowFormat + (keyBlockSize > 0 ? " KEY_BLOCK_SIZE=" + keyBlockSize : "")
                + (pageCompressed ? " PAGE_COMPRESSED" : "") + ", " + pageSize / 1024 + "K pages, "
                + (mysql8 ? "MySQL 8" : oldFormat ? "crc32 (MySQL 5.x / MariaDB < 10.5 format)" : "full_crc32")
                + ", FSP flags 0x" + Long.toHexString(flags);
    }
}
