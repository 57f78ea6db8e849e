package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ibd.TablespaceInfo;
import io.dbrecover.mysql.model.RowFormat;
import java.nio.file.Path;

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
 * @param untypedPage0   page 0 has page type 0, as MySQL 5.0 wrote it: the copy to import gets FSP_HDR
 *                       ({@link io.dbrecover.mysql.ibd.Tablespaces#typePage0})
 */
record FileFacts(RowFormat rowFormat, boolean rowFormatKnown, int keyBlockSize, boolean pageCompressed,
                        boolean oldFormat, boolean mysql8, int pageSize, long flags, boolean untypedPage0) {
    /**
     * The facts of an {@code .ibd} file as {@link io.dbrecover.mysql.ibd.Tablespaces#inspect} read them. Where the
     * flags leave COMPACT and
     * DYNAMIC apart undecided (a MariaDB full_crc32 file), the stored records decide when one of them has an
     * off-page column ({@code stored}), else the definition's declared format, else DYNAMIC.
     *
     * @throws RecoveryException CORRUPT_INPUT when page 0 is not an intact tablespace header (zeroed or torn by a
     *         crash, truncated); UNSUPPORTED_FORMAT for an encrypted tablespace
     */
    public static FileFacts of(TablespaceInfo info, RowFormat declared, RowFormat stored) {
        Path ibd = info.file();
        if (!info.page0Intact()) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, ibd + ": page 0 is damaged (checksum "
                    + info.page0Checksum() + "), as when a crash hit while the file was being written").path(ibd)
                    .hint("the server refuses such a file (ERROR 1034); keep it for page-level extraction").build();
        }
        if (info.encrypted()) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, ibd + ": the tablespace is encrypted").path(ibd)
                    .hint("import it into a server that has the old keyring / encryption keys").build();
        }
        RowFormat format = info.rowFormat();
        boolean known = true;
        if (info.fullCrc32() && (format == RowFormat.COMPACT || format == RowFormat.DYNAMIC)) {
            if (stored == RowFormat.COMPACT || stored == RowFormat.DYNAMIC) {
                format = stored;
            } else {
                format = declared == RowFormat.COMPACT ? RowFormat.COMPACT : RowFormat.DYNAMIC;
                known = false;
            }
        }
        return new FileFacts(format, known, info.keyBlockSize(), info.pageCompressed(), info.oldFormat(),
                info.mysql8(), info.logicalPageSize(), info.flags(), info.untypedPage0());
    }

    /** One line for reports, e.g. {@code DYNAMIC, 16K pages, full_crc32}. */
    String describe() {
        return rowFormat + (keyBlockSize > 0 ? " KEY_BLOCK_SIZE=" + keyBlockSize : "")
                + (pageCompressed ? " PAGE_COMPRESSED" : "") + ", " + pageSize / 1024 + "K pages, "
                + (mysql8 ? "MySQL 8" : oldFormat ? "crc32 (MySQL 5.x / MariaDB < 10.5 format)" : "full_crc32")
                + ", FSP flags 0x" + Long.toHexString(flags)
                + (untypedPage0 ? ", page 0 untyped as MySQL 5.0 wrote it (typed FSP_HDR in the imported copy)" : "");
    }
}
