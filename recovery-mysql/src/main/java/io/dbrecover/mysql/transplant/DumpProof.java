package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.verify.TableHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --dump} step: the recovered databases are written with mariadb-dump (every value exact), the dump is
 * loaded into a fresh server, and every table must hash there as it does in the target.
 */
final class DumpProof {
    private final Path dump;
    private final ServerOptions server;
    private final MariaDbServerProvider provider;
    private final Target target;

    DumpProof(Path dump, ServerOptions server, MariaDbServerProvider provider, Target target) {
        this.dump = dump;
        this.server = server;
        this.provider = provider;
        this.target = target;
    }

    /** Dumps the databases, reloads the dump into a fresh server and compares every table's hash. */
    void run(List<Scan.Database> sourceDatabases, StepContext sc, int pageSize) throws IOException, SQLException {
        Path dumpFile = sc.workspace().checkOutput(dump.toAbsolutePath());
        List<String> databases = sourceDatabases.stream().map(Scan.Database::name).toList();
        Path optionDir = sc.workspace().dir(ThrowawayTarget.SERVER_DIR).resolve("client");
        ProcessRunner runner = new ProcessRunner();
        Path checkDir = sc.workspace().dir("dump-check");
        ServerOptions.Builder freshOptions = server.toBuilder().baseDir(checkDir).dataDir(null)
                .keepFiles(false).setting("max_allowed_packet", "1G");
        if (pageSize != 16384) {
            // rows that fit the recovered tables' pages must fit the reloaded ones
            freshOptions.setting("innodb_page_size", Integer.toString(pageSize));
        }
        try (MariaDbServer fresh = provider.createServer(freshOptions.build())) {
            fresh.start();
            // the fresh server's installation has the client programs, whichever server holds the tables
            Map<String, List<String>> tables = new LinkedHashMap<>();
            try (Connection recovered = target.connect()) {
                for (String db : databases) {
                    tables.put(db, tablesOf(recovered, db));
                }
            }
            Map<String, Long> written = SqlDump.write(runner, fresh.installation(), target.endpoint(), optionDir,
                    tables,
                    sc.workspace().files(), dumpFile);
            sc.finding(Finding.info("DUMP_WRITTEN", "SQL dump of " + databases + " written to " + dumpFile + " ("
                    + Files.size(dumpFile) + " bytes, " + written.values().stream().mapToLong(Long::longValue).sum()
                    + " rows of " + written.size() + " tables; every value exact: floating point with all its "
                    + "digits, strings as hex)"));
            SqlDump.load(runner, fresh.installation(), fresh.endpoint(), optionDir, dumpFile);
            try (Connection recovered = target.connect();
                 Connection reloaded = MariaDbServer.connect(fresh.endpoint())) {
                for (Map.Entry<String, List<String>> db : tables.entrySet()) {
                    for (String table : db.getValue()) {
                        String item = db.getKey() + "." + table;
                        RowHash want = TableHash.of(recovered, db.getKey(), table);
                        RowHash got;
                        try {
                            got = TableHash.of(reloaded, db.getKey(), table);
                        } catch (SQLException | RecoveryException e) {
                            sc.verification(new Verification(item, "dump-reloads-identically", false,
                                    want.rows() + " rows " + want.sha256(), "not in the reloaded dump: "
                                    + e.getMessage()));
                            continue;
                        }
                        sc.verification(Verification.equality(item, "dump-reloads-identically",
                                want.rows() + " rows " + want.sha256(), got.rows() + " rows " + got.sha256()));
                    }
                }
            }
        }
    }

    private static List<String> tablesOf(Connection c, String database) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
