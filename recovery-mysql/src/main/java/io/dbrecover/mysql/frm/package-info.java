/**
 * A pure-Java reader of binary {@code .frm} table-definition files (MySQL 5.x, MariaDB 5.5–11.x) into the
 * {@link io.dbrecover.mysql.model.TableDefinition} model. The entry point is {@link io.dbrecover.mysql.frm.FrmReader};
 * the format facts it relies on are in {@code docs/formats/frm.md}.
 *
 * <p>Every read goes through a bounds-checked view of the file, so damaged input ends in a
 * {@link io.dbrecover.core.api.RecoveryException} naming the file and the byte offset, never in another exception.
 *
 * <p>Internal: callers read definitions through the {@code io.dbrecover.mysql} facades.
 */
package io.dbrecover.mysql.frm;
