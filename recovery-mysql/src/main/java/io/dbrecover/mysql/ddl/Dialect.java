package io.dbrecover.mysql.ddl;

/**
 * The server family a DDL script is meant for.
 *
 * <p>For now both render the same text, which is MariaDB 10.11's {@code SHOW CREATE} style. Left for later, where
 * MySQL differs: MariaDB-only types (INET6, UUID, INET4, MariaDB's JSON alias printed as longtext), expression
 * defaults printed MariaDB's way ({@code current_timestamp()}), {@code utf8mb3} naming, MariaDB-only table options
 * (PAGE_COMPRESSED, TRANSACTIONAL, SEQUENCE, system versioning, periods), and sql_mode names MySQL 8 dropped
 * (NO_AUTO_CREATE_USER) in trigger scripts.
 */
public enum Dialect {
    MARIADB, MYSQL
}
