/**
 * Internal: base backups read as PostgreSQL lays them out (plain directories; tar archives read as streams,
 * compressed or not), checked against their manifest, their WAL located, and new ones taken with
 * {@code pg_basebackup}.
 */
package io.dbrecover.postgres.backup;
