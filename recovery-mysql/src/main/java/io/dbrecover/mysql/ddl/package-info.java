/**
 * Renders {@link io.dbrecover.mysql.model.TableDefinition}s as CREATE TABLE statements.
 *
 * <p>Internal, but for {@link io.dbrecover.mysql.ddl.Dialect}, which a caller of {@code MySqlDdl} names.
 */
package io.dbrecover.mysql.ddl;
