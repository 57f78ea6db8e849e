/**
 * A pure-Java reader of InnoDB tablespace files ({@code .ibd}) as MariaDB and MySQL write them, for the
 * discard/import transplant: {@link io.dbrecover.mysql.ibd.Tablespaces} tells how a table must be created so that
 * the server accepts the file, checks a table definition against the records of the clustered index, and compares
 * decoded rows with what a server returns after the import.
 *
 * <p>Records are decoded in REDUNDANT, COMPACT and DYNAMIC pages, in PAGE_COMPRESSED (zlib) pages once inflated, in
 * ROW_FORMAT=COMPRESSED pages once rebuilt as the server rebuilds them ({@code ZipPage}), and after MariaDB instant
 * ALTER TABLE through the metadata the file keeps ({@code InstantMetadata}). MySQL 8 and encrypted files are
 * recognised, not decoded.
 *
 * <p>Every read is bounded by the file size and the page size; damaged input ends in a
 * {@link io.dbrecover.core.api.RecoveryException} with {@link io.dbrecover.core.api.ErrorCode#CORRUPT_INPUT},
 * never in another exception, and page walks stop after a bounded number of pages.
 *
 * <p>Internal: callers recover through the {@code io.dbrecover.mysql} facades.
 */
package io.dbrecover.mysql.ibd;
