package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the transplant is given, already checked by the face ({@code MySqlRecover} turns its {@code RecoverRequest}
 * into this), so that the transplant never depends on the face that calls it.
 *
 * @param from     database or data directories holding the orphaned files (read only)
 * @param workDir  the work dir, or {@code null} for a dry run without one
 * @param ddl      a file of CREATE TABLE statements to use instead of the {@code .frm} files, or {@code null}
 * @param tables   the tables to recover; empty for all
 * @param dump     where to write a SQL dump of the recovered data, or {@code null}
 * @param jobs     tables transplanted at the same time
 * @param dryRun   plan only
 * @param server   options of the throwaway servers
 * @param progress progress reporting
 * @param expected row hashes known from before the disaster, {@code db.table} → hash
 * @param into     the user's server that receives the tables, or {@code null} for a throwaway one
 */
public record TransplantInput(List<Path> from, Path workDir, Path ddl, Set<String> tables, Path dump, int jobs,
                              boolean dryRun, ServerOptions server, ProgressListener progress,
                              Map<String, RowHash> expected, Into into) {
    /** The environment variable the password of the user's server is read from unless a file is given. */
    public static final String PASSWORD_ENV = "DBRECOVER_INTO_PASSWORD";

    public TransplantInput {
        from = List.copyOf(from);
        tables = Set.copyOf(tables);
        expected = Map.copyOf(expected);
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * The user's server that receives the tables.
     *
     * @param url       the URL as shown in reports (no password)
     * @param endpoint  how to connect
     * @param databases the databases recover may create tables in
     */
    public record Into(String url, Endpoint endpoint, Set<String> databases) {
        public Into {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(endpoint, "endpoint");
            databases = Set.copyOf(databases);
        }

        /** Whether recover may create tables in this database. */
        boolean allows(String database) {
            return databases.contains(database);
        }
    }
}
