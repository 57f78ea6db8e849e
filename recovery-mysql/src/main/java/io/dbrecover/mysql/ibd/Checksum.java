package io.dbrecover.mysql.ibd;

/** Which checksum a page carries, as far as it can be verified. */
public enum Checksum {
    /** MariaDB 10.5+ {@code full_crc32}: CRC-32C of the whole page in its last 4 bytes. */
    FULL_CRC32,
    /** CRC-32C over the header and body, the default of MySQL 5.7+ and MariaDB 10.2–10.4. */
    CRC32,
    /** The legacy InnoDB fold checksum of MySQL 5.5/5.6. */
    INNODB,
    /** The no-checksum magic {@code 0xDEADBEEF} (innodb_checksum_algorithm=none, or a page-compressed page). */
    NONE,
    /** The page is all zero bytes: never written or wiped. */
    ZEROED,
    /** No algorithm matches the stored value: the page is damaged. */
    INVALID
}
