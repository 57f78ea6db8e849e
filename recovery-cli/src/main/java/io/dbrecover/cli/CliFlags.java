package io.dbrecover.cli;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RequestFields;
import java.util.Map;

/**
 * The CLI's flags for the request fields library messages name ({@link RequestFields}, and the engines' requests
 * such as {@code RecoverRequest.from}): an error about {@code RecoveryRun.workDir} is printed as one about
 * {@code --workdir}, so the user reads the option they typed. The same goes for the reports the CLI prints and
 * the log lines it writes ({@link TerminalSafeConverters}); the {@code report.json} a run writes keeps the
 * library's names.
 */
final class CliFlags {
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry(RequestFields.WORK_DIR, "--workdir"),
            Map.entry(RequestFields.JOBS, "--jobs"),
            // mysql recover: its request's fields (RecoverRequest, IntoServer), named so in recovery-mysql's messages
            Map.entry("RecoverRequest.from", "--from"), Map.entry("RecoverRequest.workDir", "--workdir"),
            Map.entry("RecoverRequest.ddl", "--ddl"), Map.entry("RecoverRequest.tables", "--tables"),
            Map.entry("RecoverRequest.dump", "--dump"), Map.entry("RecoverRequest.jobs", "--jobs"),
            Map.entry("RecoverRequest.dryRun", "--dry-run"), Map.entry("RecoverRequest.expected", "--expect"),
            Map.entry("RecoverRequest.into", "--into"), Map.entry("IntoServer.databases", "--confirm-into"),
            Map.entry("IntoServer.readPassword", "--into-password-file"),
            // influx rebuild-index and restore
            Map.entry("RebuildRequest.dataDir", "--datadir"), Map.entry("RebuildRequest.walDir", "--waldir"),
            Map.entry("RebuildRequest.metaDir", "--metadir"), Map.entry("RebuildRequest.out", "--out"),
            Map.entry("RebuildRequest.inspectTool", "--inspect"), Map.entry("RestoreRequest.from", "--from"),
            Map.entry("RestoreRequest.into", "--into"),
            // postgres verify-backup and backup
            Map.entry("VerifyBackupRequest.backup", "DIR"), Map.entry("VerifyBackupRequest.walArchive",
                    "--wal-archive"), Map.entry("BackupRequest.pgdata", "--pgdata"),
            Map.entry("BackupRequest.server", "--jdbc-url"), Map.entry("BackupRequest.out", "--out"),
            Map.entry("BackupRequest.format", "--format"), Map.entry("BackupRequest.compression", "--compress"),
            // postgres restore and check
            Map.entry("RestoreRequest.backup", "--backup"), Map.entry("RestoreRequest.walArchive", "--wal-archive"),
            Map.entry("RestoreRequest.target", "the target"), Map.entry("RestoreRequest.exclusive", "--exclusive"),
            Map.entry("RestoreRequest.tablespaceMap", "--tablespace-map"), Map.entry("RestoreRequest.port", "--port"),
            Map.entry("CheckRequest.dataDir", "--datadir"), Map.entry("CheckRequest.into", "--into"),
            Map.entry("CheckRequest.port", "--port"));

    private CliFlags() {
    }

    /** The error with every request field in its message and hint named by its flag; itself when none is named. */
    static RecoveryException named(RecoveryException e) {
        String message = flags(e.getMessage());
        String hint = e.hint().map(CliFlags::flags).orElse(null);
        if (message.equals(e.getMessage()) && (hint == null || hint.equals(e.hint().orElse(null)))) {
            return e;
        }
        return new RecoveryException(e.code(), message, e.path().orElse(null), e.offset().orElse(-1), hint,
                e.outputTail(), e);
    }

    static String flags(String text) {
        String out = text;
        for (Map.Entry<String, String> f : FLAGS.entrySet()) {
            out = out.replace(f.getKey(), f.getValue());
        }
        return out;
    }
}
