/**
 * Internal: {@code backup_manifest} (versions 1 and 2) streamed and checked: its entries, its own SHA-256, and the
 * checksum algorithms it names.
 */
package io.dbrecover.postgres.manifest;
