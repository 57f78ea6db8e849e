package io.dbrecover.mysql.demo;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.demo.StagedDemo;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.verify.TableHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The disaster this product was born from: a host is gone and all that is left of its MariaDB is the database
 * directory with its {@code .frm} and {@code .ibd} files: no {@code ibdata1}, no redo logs, no {@code mysql}
 * schema. dbrecover regenerates each table from its {@code .frm}, transplants each tablespace into a throwaway
 * server with DISCARD/IMPORT TABLESPACE, and proves every table against the row hashes taken before the disaster.
 */
public final class OrphanedFilesDemo extends StagedDemo<MariaDbServer, Map<String, RowHash>> {
    /** The scenario's name for {@code dbrecover demo}. */
    public static final String NAME = "mariadb-orphaned-files";

    private final MariaDbServerProvider provider;

    public OrphanedFilesDemo(MariaDbServerProvider provider) {
        super(MariaDbServerProvider.ENGINE, NAME, "only the .frm/.ibd files of a shop database are left (no ibdata1, "
                + "no redo logs): each table is transplanted into a throwaway server and proved identical to its "
                + "state before the disaster");
        this.provider = provider;
    }

    @Override
    protected MariaDbServer server(ServerOptions options) {
        return provider.createServer(options);
    }

    @Override
    protected Map<String, RowHash> stage(MariaDbServer server) throws SQLException {
        Map<String, RowHash> expected = new LinkedHashMap<>();
        try (Connection c = ShopData.connectForLoading(server.endpoint())) {
            ShopData.create(c);
            for (String table : ShopData.TABLES.keySet()) {
                expected.put(ShopData.DATABASE + "." + table, TableHash.of(c, ShopData.DATABASE, table));
            }
        }
        return expected;
    }

    /** What the disaster left: the database directory's .frm and .ibd files, nothing of the server around it. */
    @Override
    protected Path disaster(Path stoppedDataDir, DemoContext context) {
        Path orphaned = context.baseDir().resolve("orphaned");
        Path target = orphaned.resolve(ShopData.DATABASE);
        try (Stream<Path> files = Files.list(stoppedDataDir.resolve(ShopData.DATABASE))) {
            Files.createDirectories(target);
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".frm") || n.endsWith(".ibd")) {
                    // the staged disaster is the run's source: made before the run, by the one way to write
                    OutputFiles.withoutSources().copyNew(f, target.resolve(n));
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot stage the orphaned files in " + target + ": "
                    + e.getMessage()).cause(e).build();
        }
        return orphaned;
    }

    @Override
    protected RecoveryReport recover(DemoContext context, Path disaster, Map<String, RowHash> proof) {
        return MySqlRecover.recover(RecoverRequest.builder().from(disaster).workDir(context.baseDir().resolve("work"))
                .expected(proof).progress(context.progress())
                .server(context.serverOptions().toBuilder().baseDir(context.baseDir()).build()).build(), provider);
    }
}
