/**
 * PostgreSQL base backups and data directories: the face other Java tools call (verify a base backup against its
 * manifest, restore it and replay WAL to a point in time, check a copied data directory, take a backup) and the
 * record packages it names. Every other package is internal.
 */
package io.dbrecover.postgres;
