package io.dbrecover.mysql.ddl;

/**
 * The server family a DDL script is meant for.
 *
 * <p>{@link #MARIADB} is MariaDB 10.11's {@code SHOW CREATE} style. {@link #MYSQL} is text MySQL 5.7 and 8.0
 * accept (docs/formats/frm.md §14.3): {@code CURRENT_TIMESTAMP} instead of {@code current_timestamp()},
 * {@code json}, {@code utf8}/{@code utf8_*} names, expression defaults in parentheses, {@code INVISIBLE} in
 * version comments, MariaDB plugin types as the binary types holding their bytes; what MySQL cannot carry
 * (periods, system versioning, engine-defined options, MariaDB-only collations and table options) is left out
 * and named in comment lines before the statement. View and trigger text is written as read in both.
 */
public enum Dialect {
    MARIADB, MYSQL
}
