/**
 * The engine-neutral model of a MySQL/MariaDB table definition: what a {@code .frm} file or MySQL 8 SDI
 * describes, independent of the file it came from and of the SQL dialect it is rendered in.
 *
 * <p>Readers ({@code io.dbrecover.mysql.frm}) build it; writers ({@code io.dbrecover.mysql.ddl}) render it; the
 * data-recovery code uses it to create tables and to check tablespaces. Every record validates its inputs, so a
 * model that exists is consistent (for example, an index only names columns the table has).
 *
 * <p>API: the records the {@code io.dbrecover.mysql} facades return.
 */
package io.dbrecover.mysql.model;
