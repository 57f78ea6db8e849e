/**
 * The MariaDB / MySQL engine of dbrecover, and its face for other Java tools: {@link io.dbrecover.mysql.MySqlDdl}
 * (table definitions from {@code .frm}/SDI files) and {@link io.dbrecover.mysql.MySqlRecover} (orphaned files back
 * to verified tables), with their request and result records; {@link io.dbrecover.mysql.MySqlEngine} is found
 * through {@link java.util.ServiceLoader}.
 *
 * <p>API. The subpackages are internal unless their {@code package-info} says otherwise.
 */
package io.dbrecover.mysql;
