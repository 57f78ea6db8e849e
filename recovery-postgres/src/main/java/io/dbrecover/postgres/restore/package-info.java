/**
 * Internal: {@code postgres restore} and {@code postgres check}. A base backup laid out (tar extracted or plain
 * copied, tablespaces placed and {@code tablespace_map} pointed at them), the recovery settings written, the target
 * checked against the backup's end, a server of the backup's major version chosen, recovery watched to its end, and
 * the JDBC proof of the result.
 */
package io.dbrecover.postgres.restore;
