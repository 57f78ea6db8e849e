/** Renders {@link io.dbrecover.mysql.model.TableDefinition}s as CREATE TABLE statements. */
package io.dbrecover.mysql.ddl;
