/**
 * The scanner behind {@code MySqlDdl}: walking the sources, reading each definition file into a scan item, the
 * files the server made for itself (FULLTEXT auxiliary tablespaces, ALTER TABLE leftovers), {@code db.opt} and the
 * script written from a scan.
 *
 * <p>Internal: call {@code MySqlDdl}.
 */
package io.dbrecover.mysql.datadir;
