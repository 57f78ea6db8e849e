package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.postgres.model.BackupPosition;
import io.dbrecover.postgres.model.Lsn;

/**
 * The target against the backup's end, before anything is laid out: a target before the end cannot be reached from
 * this backup (its files are consistent only from there on), and a hand restore that does not look may silently
 * give the backup's own state instead.
 */
final class TargetCheck {
    private TargetCheck() {
    }

    static void check(StepContext ctx, Target target, BackupPosition pos) {
        switch (target.kind()) {
            case LSN -> {
                Lsn lsn = Lsn.parse(target.value());
                if (pos.end() == null) {
                    ctx.finding(Finding.warning("BACKUP_END_UNKNOWN", "the backup's end LSN is unknown (no WAL range "
                            + "in the manifest, no *.backup file in the archive): the target cannot be checked "
                            + "before replay; PostgreSQL refuses one before the end", null));
                    return;
                }
                if (lsn.isBefore(pos.end())) {
                    throw before("the target LSN " + lsn + " lies before the backup's end " + pos.end());
                }
                ctx.verification(new Verification("*", "target-after-backup-end", true, ">= " + pos.end(),
                        lsn.toString()));
            }
            case TIME -> {
                if (pos.stopTime() != null) {
                    if (target.time().isBefore(pos.stopTime())) {
                        throw before("the target time " + target.time() + " lies before the backup's end at "
                                + pos.stopTime() + " (STOP TIME of " + pos.backupFile() + ")");
                    }
                    ctx.verification(new Verification("*", "target-after-backup-end", true, ">= " + pos.stopTime(),
                            target.time().toString()));
                } else if (pos.startTime() != null && target.time().isBefore(pos.startTime())) {
                    throw before("the target time " + target.time() + " lies before the backup's start at "
                            + pos.startTime());
                } else {
                    ctx.finding(Finding.warning("BACKUP_END_TIME_UNKNOWN", "the backup's stop time is unknown (no "
                            + "*.backup file for it in the archive): a target between its start" + (pos.startTime()
                            == null ? "" : " (" + pos.startTime() + ")") + " and its end cannot be told here; "
                            + "PostgreSQL then ends recovery with an error, and the restore fails", null));
                }
            }
            case XID, NAME -> ctx.finding(Finding.info("TARGET_CHECKED_BY_REPLAY", "a " + target.kind().name()
                    .toLowerCase(java.util.Locale.ROOT) + " target cannot be placed in the WAL before replay; one "
                    + "before the backup's end" + (pos.end() == null ? "" : " (" + pos.end() + ")") + " makes "
                    + "PostgreSQL end recovery with an error, and the restore then fails"));
            default -> {
                // immediate: the backup's end itself; latest: the end of the WAL at hand
            }
        }
    }

    private static RecoveryException before(String what) {
        return RecoveryException.of(ErrorCode.USAGE, "RestoreRequest.target: " + what + "; replay cannot stop there "
                        + "(the backup's files are consistent only from its end on), and a restore that went ahead "
                        + "would silently give the state at the backup's end instead")
                .hint("choose a target after the backup's end, or restore an older base backup").build();
    }
}
