package io.dbrecover.mysql;

import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.transplant.Transplant;
import io.dbrecover.mysql.transplant.TransplantInput;

/**
 * Orphaned {@code .frm}/{@code .ibd} files back to verified tables, as a library call: the same as
 * {@code dbrecover mysql recover}.
 *
 * <pre>{@code
 * RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder()
 *         .from(Path.of("/mnt/old-disk/var/lib/mysql/shop"))
 *         .workDir(Path.of("/srv/recovery/shop"))
 *         .build());
 * }</pre>
 *
 * <p>Each table is imported into a throwaway MariaDB in the work dir with DISCARD/IMPORT TABLESPACE, given back
 * its keys, and proved by CHECK TABLE, row counts and an ordered row hash. The report lists each table as
 * VERIFIED or FAILED with the reason; a second call with the same work dir resumes.
 */
public final class MySqlRecover {
    private MySqlRecover() {
    }

    /** Recovers with a throwaway server from the default binaries (system, else embedded). */
    public static RecoveryReport recover(RecoverRequest request) {
        return recover(request, new MariaDbServerProvider());
    }

    /** Recovers with throwaway servers from the given provider. */
    public static RecoveryReport recover(RecoverRequest request, MariaDbServerProvider provider) {
        return Transplant.recover(input(request), provider);
    }

    /** The request turned into what the transplant takes (checked already by the request's constructor). */
    private static TransplantInput input(RecoverRequest r) {
        IntoServer into = r.into();
        return new TransplantInput(r.from(), r.workDir(), r.ddl(), r.tables(), r.dump(), r.jobs(), r.dryRun(),
                r.server(), r.progress(), r.expected(), into == null ? null
                : new TransplantInput.Into(into.url(), into.endpoint(), into.databases()));
    }
}
