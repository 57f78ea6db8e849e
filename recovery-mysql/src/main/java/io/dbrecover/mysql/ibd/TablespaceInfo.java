package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.RowFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What page 0 (and the clustered index root) of an {@code .ibd} file say about how its table must be created.
 *
 * @param file the file read
 * @param fileSize its size in bytes
 * @param pageSize physical page size in bytes (the KEY_BLOCK_SIZE for ROW_FORMAT=COMPRESSED)
 * @param logicalPageSize the uncompressed page size ({@code innodb_page_size} of the writing server)
 * @param flags the raw FSP flags at page 0 offset 54
 * @param fullCrc32 the MariaDB 10.5+ {@code full_crc32} format (else the older format, which needs
 *        {@code innodb_checksum_algorithm=crc32} in the target server)
 * @param spaceId the tablespace id in page 0
 * @param rowFormat REDUNDANT, COMPACT, DYNAMIC or COMPRESSED
 * @param keyBlockSize KEY_BLOCK_SIZE in KiB, 0 when not compressed
 * @param pageCompressed MariaDB PAGE_COMPRESSED=1
 * @param mysql8 written by MySQL 8 (SDI flag): MariaDB cannot import it
 * @param encrypted the tablespace is encrypted (MySQL flag or MariaDB crypt data): it cannot be read here
 * @param page0Checksum the checksum found on page 0
 * @param instantAltered the clustered index carries MariaDB instant ALTER metadata
 * @param notes facts worth telling a person, one sentence each (for example why a row format is a guess)
 * @param untypedPage0 page 0 carries page type 0 instead of FSP_HDR, as MySQL 5.0 and earlier wrote it (the rest
 *        of it is a consistent tablespace header); MariaDB imports such a file only once page 0 says FSP_HDR
 *        ({@link Tablespaces#typePage0})
 */
public record TablespaceInfo(Path file, long fileSize, int pageSize, int logicalPageSize, long flags,
                             boolean fullCrc32, long spaceId, RowFormat rowFormat, int keyBlockSize,
                             boolean pageCompressed, boolean mysql8, boolean encrypted, Checksum page0Checksum,
                             boolean instantAltered, List<String> notes, boolean untypedPage0) {
    public TablespaceInfo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rowFormat, "rowFormat");
        Objects.requireNonNull(page0Checksum, "page0Checksum");
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        if (fileSize < 0 || pageSize <= 0 || logicalPageSize <= 0 || keyBlockSize < 0) {
            throw new IllegalArgumentException("bad sizes for " + file);
        }
    }

    /** Page 0 carries a valid checksum of a known algorithm (or the no-checksum magic). */
    public boolean page0Intact() {
        return page0Checksum != Checksum.INVALID && page0Checksum != Checksum.ZEROED;
    }

    /** The pre-10.5 on-disk format: the target server needs {@code innodb_checksum_algorithm=crc32}. */
    public boolean oldFormat() {
        return !fullCrc32;
    }
}
