/**
 * The discard/import tablespace transplant: orphaned {@code .frm}/{@code .ibd} files brought back into a
 * throwaway MariaDB table by table, each proved by row counts and ordered row hashes.
 */
package io.dbrecover.mysql.transplant;
