/**
 * Exact proofs of a table's rows on a MariaDB server: the ordered row hash ({@link
 * io.dbrecover.mysql.verify.TableHash},
 * every value in an exact form: floating point by its bits, TIMESTAMP in UTC, strings by their bytes), and the
 * comparison of every row a server returns with what our own page reader decodes from the tablespace file
 * ({@link io.dbrecover.mysql.verify.FileComparison}).
 *
 * <p>Internal: the proofs of {@code MySqlRecover}; their results reach the caller in the report.
 */
package io.dbrecover.mysql.verify;
