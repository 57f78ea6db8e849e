package io.dbrecover.mysql.demo;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerSlot;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.core.verify.TableCheck;
import io.dbrecover.core.workspace.TreeCopy;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The foundation demo: a MariaDB server holding a small shop is shut down cleanly, and its data directory is all
 * that is left (a cold copy, as found on an old disk). dbrecover copies that directory into a work dir, starts a
 * throwaway server on the copy and proves that every table came back: row counts and ordered row hashes equal
 * those taken before the disaster, and the orphaned directory is byte-identical afterwards.
 */
public final class MariaDbDemo implements DemoScenario {
    /** The scenario's name for {@code dbrecover demo}. */
    public static final String NAME = "mariadb-cold-copy";
    private static final String COPY = "datadir";

    private final MariaDbServerProvider provider;

    public MariaDbDemo(MariaDbServerProvider provider) {
        this.provider = provider;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a stopped MariaDB server's data directory (a shop: customers, orders, receipts) is copied, started "
                + "on a throwaway server, and every row is proved identical";
    }

    @Override
    public RecoveryReport run(DemoContext context) {
        Map<String, RowHash> expected;
        Map<String, String> expectedDdl;
        try (MariaDbServer original = provider.createServer(derive(context.serverOptions(),
                context.baseDir().resolve("disaster"), null))) {
            original.start();
            try (Connection c = ShopData.connectForLoading(original.endpoint())) {
                ShopData.create(c);
                expected = ShopData.prove(c);
                expectedDdl = ShopData.showCreate(c);
            } catch (SQLException e) {
                throw RecoveryException.of(ErrorCode.INTERNAL, "cannot stage the demo data: " + e.getMessage())
                        .cause(e).build();
            }
            // SIGTERM is a clean shutdown: what is left is a cold data directory, as on a disk of a stopped host
            original.stop();
            return recover(context, original.info().dataDir(), expected, expectedDdl);
        }
    }

    private RecoveryReport recover(DemoContext context, Path orphaned, Map<String, RowHash> expected,
                                   Map<String, String> expectedDdl) {
        try (ServerSlot<MariaDbServer> holder = new ServerSlot<>()) {
            Plan plan = new Plan(NAME, "", List.of(
                    new Step("regenerate-ddl", "regenerate CREATE TABLE from the orphaned .frm files, without a "
                            + "server, and compare with the server's SHOW CREATE TABLE from before the disaster",
                            sc -> regenerateDdl(orphaned.resolve(ShopData.DATABASE), expectedDdl, sc)),
                    new Step("copy-data-dir", "copy the orphaned data directory into the work dir", sc -> {
                        TreeCopy.Result r = TreeCopy.copy(sc.workspace(), orphaned, COPY, TreeCopy.Links.REFUSE,
                                "databases and tablespaces kept outside the data directory are not handled yet: in a copy of the data directory, replace the link by what it points to, and recover from that copy", null, sc.progress());
                        sc.finding(Finding.info("DATA_DIR_COPIED", "copied " + r.files() + " files ("
                                + r.bytes() + " bytes) into " + r.target()));
                    }),
                    Step.rerunOnResume("start-server", "start a throwaway MariaDB server on the copy", sc -> {
                        MariaDbServer server = provider.createServer(derive(context.serverOptions(),
                                context.baseDir().resolve("servers"), sc.workDir().resolve(COPY)));
                        holder.set(server);
                        server.start();
                        ServerInfo info = server.info();
                        sc.tool(new ToolVersion(server.installation().server().getFileName().toString(),
                                info.version(), server.installation().server().toString(),
                                info.origin().label()));
                    }),
                    new Step("verify-tables", "compare row counts and ordered row hashes with those taken before "
                            + "the disaster", sc -> verify(holder.running(), expected, sc)),
                    new Step("stop-server", "stop the throwaway server", sc -> holder.running().stop())));
            return RecoveryRun.builder(MariaDbServerProvider.ENGINE, "demo").source(orphaned)
                    .workDir(context.baseDir().resolve("work")).progress(context.progress()).build().execute(plan);
        }
    }

    private static void regenerateDdl(Path databaseDir, Map<String, String> expectedDdl, StepContext sc)
            throws java.io.IOException {
        MySqlDdl.Scan scan = MySqlDdl.scan(List.of(databaseDir), Dialect.MARIADB);
        Path script = sc.workspace().files().write(sc.workspace().dir("ddl").resolve(ShopData.DATABASE + ".sql"),
                MySqlDdl.script(scan));
        for (Map.Entry<String, String> e : expectedDdl.entrySet()) {
            String item = ShopData.DATABASE + "." + e.getKey();
            MySqlDdl.Item read = scan.items().stream()
                    .filter(i -> i.table() != null && i.table().name().equals(e.getKey())).findFirst().orElse(null);
            if (read == null) {
                sc.verification(new Verification(item, "ddl-from-frm", false, "CREATE TABLE from " + e.getKey()
                        + ".frm", "no readable .frm"));
                continue;
            }
            // The AUTO_INCREMENT counter and foreign keys live in the engine, not in the .frm: the server's text
            // without them is what the file can give (the script says so in comments, the report here).
            String want = normalise(e.getValue()).replaceAll(" AUTO_INCREMENT=\\d+", "");
            java.util.regex.Matcher fk = FOREIGN_KEY.matcher(want);
            int foreignKeys = 0;
            while (fk.find()) {
                foreignKeys++;
            }
            want = fk.replaceAll("");
            if (foreignKeys > 0) {
                sc.finding(Finding.warning("FOREIGN_KEYS_NOT_IN_FRM", foreignKeys + " foreign key(s) of " + item
                        + " are not in its .frm (they live in the InnoDB dictionary); the regenerated DDL lacks them",
                        e.getKey() + ".frm"));
            }
            sc.verification(Verification.equality(item, "ddl-from-frm-equals-show-create"
                    + (foreignKeys > 0 ? "-but-foreign-keys" : ""), want, normalise(DdlWriter.createTable(read.table()))));
        }
        sc.finding(Finding.info("DDL_REGENERATED", "CREATE TABLE statements regenerated from the .frm files "
                + "without a server: " + script));
    }

    private static final java.util.regex.Pattern FOREIGN_KEY = java.util.regex.Pattern.compile(
            ", CONSTRAINT `[^`]+` FOREIGN KEY \\([^)]*\\) REFERENCES `[^`]+` \\([^)]*\\)"
                    + "( ON (DELETE|UPDATE) (RESTRICT|CASCADE|SET NULL|NO ACTION|SET DEFAULT))*");

    private static String normalise(String ddl) {
        return ddl.replaceAll("\\s+", " ").trim();
    }

    private static void verify(MariaDbServer server, Map<String, RowHash> expected, StepContext sc)
            throws SQLException {
        try (Connection c = MariaDbServer.connect(server.endpoint())) {
            c.setReadOnly(true);
            for (Map.Entry<String, RowHash> e : expected.entrySet()) {
                String table = e.getKey();
                TableCheck.record(sc, ShopData.DATABASE + "." + table, e.getValue(), () -> ShopData.proveTable(c, table),
                        ShopData.orderedQuery(table));
            }
        }
    }

    /** The scenario's options with another base directory and data directory, everything else kept. */
    static ServerOptions derive(ServerOptions base, Path baseDir, Path dataDir) {
        return base.toBuilder().baseDir(baseDir).dataDir(dataDir).build();
    }
}
