package io.dbrecover.postgres.backup;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.postgres.model.BackupResult;

/** Takes a base backup with pg_basebackup. */
public final class BaseBackupRunner {
    private final BackupJob request;

    public BaseBackupRunner(BackupJob request) {
        this.request = request;
    }

    /** Runs pg_basebackup. */
    public BackupResult run() {
        throw RecoveryException.of(ErrorCode.INTERNAL, "backup is not implemented yet: " + request.out()).build();
    }
}
