package io.dbrecover.postgres.backup;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.postgres.model.BackupVerification;
import java.nio.file.Path;

/** Verifies a base backup (plain or tar) against its manifest. */
public final class BackupVerifier {
    private final Path backup;

    public BackupVerifier(Path backup, Path walArchive, boolean walPages, int threads) {
        this.backup = backup;
    }

    /** Runs the verification. */
    public BackupVerification verify() {
        throw RecoveryException.of(ErrorCode.INTERNAL, "verify-backup is not implemented yet: " + backup).build();
    }
}
