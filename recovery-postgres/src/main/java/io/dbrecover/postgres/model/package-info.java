/**
 * Public records of the PostgreSQL face: what a base backup verification found ({@link BackupVerification}, its
 * {@link BackupProblem}s, {@link WalRangeCheck}s and {@link BackupPosition}), what a backup produced
 * ({@link BackupResult}), and the values they are made of ({@link Lsn}, {@link BackupFormat},
 * {@link BackupCompression}).
 */
package io.dbrecover.postgres.model;
