/**
 * A pure-Java reader of MySQL 8's Serialized Dictionary Information (the JSON table definitions inside a
 * {@code .ibd} tablespace) into the {@link io.dbrecover.mysql.model.TableDefinition} model; the entry point is
 * {@link io.dbrecover.mysql.sdi.SdiReader}.
 *
 * <p>Internal: callers read definitions through the {@code io.dbrecover.mysql} facades.
 */
package io.dbrecover.mysql.sdi;
