package io.dbrecover.mysql.demo;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.demo.ColdCopyDemo;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.core.verify.TableCheck;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The foundation demo: a MariaDB server holding a small shop is shut down cleanly, and its data directory is all
 * that is left (a cold copy, as found on an old disk). dbrecover regenerates the tables' definitions from the
 * {@code .frm} files without a server, copies the directory into a work dir, starts a throwaway server on the copy
 * and proves that every table came back: row counts and ordered row hashes equal those taken before the disaster,
 * and the orphaned directory is byte-identical afterwards.
 */
public final class MariaDbDemo extends ColdCopyDemo<MariaDbServer, MariaDbDemo.Proof> {
    /** The scenario's name for {@code dbrecover demo}. */
    public static final String NAME = "mariadb-cold-copy";
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            ", CONSTRAINT `[^`]+` FOREIGN KEY \\([^)]*\\) REFERENCES `[^`]+` \\([^)]*\\)"
                    + "( ON (DELETE|UPDATE) (RESTRICT|CASCADE|SET NULL|NO ACTION|SET DEFAULT))*");

    private final MariaDbServerProvider provider;

    /**
     * What the shop held before the disaster.
     *
     * @param rows the row hash of each table
     * @param ddl  each table's {@code SHOW CREATE TABLE}
     */
    record Proof(Map<String, RowHash> rows, Map<String, String> ddl) {
    }

    public MariaDbDemo(MariaDbServerProvider provider) {
        super(MariaDbServerProvider.ENGINE, NAME, "a stopped MariaDB server's data directory (a shop: customers, "
                + "orders, receipts) is copied, started on a throwaway server, and every row is proved identical",
                Names.tables(NAME, "datadir", "MariaDB"));
        this.provider = provider;
    }

    @Override
    protected MariaDbServer server(ServerOptions options) {
        return provider.createServer(options);
    }

    @Override
    protected Proof stage(MariaDbServer server) throws SQLException {
        try (Connection c = ShopData.connectForLoading(server.endpoint())) {
            ShopData.create(c);
            return new Proof(ShopData.prove(c), ShopData.showCreate(c));
        }
    }

    @Override
    protected List<Step> before(Path disaster, Proof proof) {
        return List.of(new Step("regenerate-ddl", "regenerate CREATE TABLE from the orphaned .frm files, without a "
                + "server, and compare with the server's SHOW CREATE TABLE from before the disaster",
                sc -> regenerateDdl(disaster.resolve(ShopData.DATABASE), proof.ddl(), sc)));
    }

    @Override
    protected String linkAdvice() {
        return "databases and tablespaces kept outside the data directory are not handled yet: in a copy of the "
                + "data directory, replace the link by what it points to, and recover from that copy";
    }

    @Override
    protected ToolVersion tool(MariaDbServer server) {
        ServerInfo info = server.info();
        Path program = server.installation().server();
        return new ToolVersion(program.getFileName().toString(), info.version(), program.toString(),
                info.origin().label());
    }

    @Override
    protected void verify(MariaDbServer server, Proof proof, StepContext sc) throws SQLException {
        try (Connection c = MariaDbServer.connect(server.endpoint())) {
            c.setReadOnly(true);
            for (Map.Entry<String, RowHash> e : proof.rows().entrySet()) {
                String table = e.getKey();
                TableCheck.record(sc, ShopData.DATABASE + "." + table, e.getValue(),
                        () -> ShopData.proveTable(c, table), ShopData.orderedQuery(table));
            }
        }
    }

    private static void regenerateDdl(Path databaseDir, Map<String, String> expectedDdl, StepContext sc)
            throws IOException {
        Scan scan = MySqlDdl.scan(List.of(databaseDir), Dialect.MARIADB);
        Path script = sc.workspace().files().write(sc.workspace().dir("ddl").resolve(ShopData.DATABASE + ".sql"),
                MySqlDdl.script(scan));
        for (Map.Entry<String, String> e : expectedDdl.entrySet()) {
            String item = ShopData.DATABASE + "." + e.getKey();
            Scan.Item read = scan.items().stream()
                    .filter(i -> i.table() != null && i.table().name().equals(e.getKey())).findFirst().orElse(null);
            if (read == null) {
                sc.verification(new Verification(item, "ddl-from-frm", false, "CREATE TABLE from " + e.getKey()
                        + ".frm", "no readable .frm"));
                continue;
            }
            // The AUTO_INCREMENT counter and foreign keys live in the engine, not in the .frm: the server's text
            // without them is what the file can give (the script says so in comments, the report here).
            String want = normalise(e.getValue()).replaceAll(" AUTO_INCREMENT=\\d+", "");
            Matcher fk = FOREIGN_KEY.matcher(want);
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
                    + (foreignKeys > 0 ? "-but-foreign-keys" : ""), want,
                            normalise(DdlWriter.createTable(read.table()))));
        }
        sc.finding(Finding.info("DDL_REGENERATED", "CREATE TABLE statements regenerated from the .frm files "
                + "without a server: " + script));
    }

    private static String normalise(String ddl) {
        return ddl.replaceAll("\\s+", " ").trim();
    }
}
