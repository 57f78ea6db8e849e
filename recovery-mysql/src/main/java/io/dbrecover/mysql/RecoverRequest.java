package io.dbrecover.mysql;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code dbrecover mysql recover} is asked to do.
 *
 * @param from     database directories or data directories holding the orphaned files (read only)
 * @param workDir  where the throwaway server, its copies of the files, the journal and the report go
 * @param ddl      a file of CREATE TABLE statements to use instead of the {@code .frm} files, or {@code null}
 * @param tables   the tables to recover ({@code db.table} or {@code table}); empty for all
 * @param dump     where to write a SQL dump of the recovered data, or {@code null}
 * @param jobs     tables transplanted at the same time
 * @param dryRun   print the plan only
 * @param server   options of the throwaway target server (binaries, origin…)
 * @param progress progress reporting
 * @param expected row hashes known from before the disaster ({@code db.table} → hash), e.g. taken on a replica;
 *                 each recovered table with an entry must hash equal to it
 * @param into     a server the user runs that receives the tables instead of a throwaway one, or {@code null}
 */
public record RecoverRequest(List<Path> from, Path workDir, Path ddl, Set<String> tables, Path dump, int jobs,
                             boolean dryRun, ServerOptions server, ProgressListener progress,
                             Map<String, RowHash> expected, IntoServer into) {
    public RecoverRequest {
        expected = Map.copyOf(Objects.requireNonNull(expected, "expected"));
        from = List.copyOf(Objects.requireNonNull(from, "from"));
        tables = Set.copyOf(Objects.requireNonNull(tables, "tables"));
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(progress, "progress");
        if (from.isEmpty()) {
            throw RecoveryException.of(ErrorCode.USAGE, "nothing to recover from").hint("pass RecoverRequest.from "
                    + "DIR").build();
        }
        if (workDir == null && !dryRun) {
            throw RecoveryException.of(ErrorCode.USAGE, "a recovery needs a work dir").hint("pass "
                    + "RecoverRequest.workDir DIR")
                    .build();
        }
        if (into != null && dump != null) {
            throw RecoveryException.of(ErrorCode.USAGE, "RecoverRequest.dump and RecoverRequest.into do not go "
                    + "together: with RecoverRequest.into the "
                    + "tables are in your server").hint("dump them from there with mariadb-dump, or recover into "
                    + "a throwaway server (without RecoverRequest.into) with RecoverRequest.dump").build();
        }
        if (jobs < 1 || jobs > 64) {
            throw RecoveryException.of(ErrorCode.USAGE, "RecoverRequest.jobs must be between 1 and 64, "
                    + "not " + jobs).build();
        }
    }

    /** A request builder; {@code from} and {@code workDir} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RecoverRequest}. */
    public static final class Builder {
        private final List<Path> from = new ArrayList<>();
        private Path workDir;
        private Path ddl;
        private final Set<String> tables = new LinkedHashSet<>();
        private Path dump;
        private int jobs = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private boolean dryRun;
        private ServerOptions server = ServerOptions.defaults();
        private ProgressListener progress = ProgressListener.NONE;
        private final Map<String, RowHash> expected = new LinkedHashMap<>();
        private IntoServer into;

        public Builder from(Path value) {
            from.add(Objects.requireNonNull(value, "from"));
            return this;
        }

        public Builder workDir(Path value) {
            workDir = value;
            return this;
        }

        public Builder ddl(Path value) {
            ddl = value;
            return this;
        }

        public Builder table(String value) {
            tables.add(Objects.requireNonNull(value, "table"));
            return this;
        }

        public Builder dump(Path value) {
            dump = value;
            return this;
        }

        public Builder jobs(int value) {
            jobs = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder server(ServerOptions value) {
            server = Objects.requireNonNull(value, "server");
            return this;
        }

        public Builder progress(ProgressListener value) {
            progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** Row hashes known from before the disaster, {@code db.table} → hash. */
        public Builder expected(Map<String, RowHash> value) {
            expected.putAll(value);
            return this;
        }

        /** A server the user runs that receives the tables, instead of a throwaway one. */
        public Builder into(IntoServer value) {
            into = value;
            return this;
        }

        public RecoverRequest build() {
            return new RecoverRequest(from, workDir, ddl, tables, dump, jobs, dryRun, server, progress, expected,
                    into);
        }
    }
}
