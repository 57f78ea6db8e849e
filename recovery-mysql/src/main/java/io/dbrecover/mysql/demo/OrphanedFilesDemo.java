package io.dbrecover.mysql.demo;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.verify.TableHash;
import io.dbrecover.core.workspace.OutputFiles;
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
public final class OrphanedFilesDemo implements DemoScenario {
    /** The scenario's name for {@code dbrecover demo}. */
    public static final String NAME = "mariadb-orphaned-files";

    private final MariaDbServerProvider provider;

    public OrphanedFilesDemo(MariaDbServerProvider provider) {
        this.provider = provider;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "only the .frm/.ibd files of a shop database are left (no ibdata1, no redo logs): each table is "
                + "transplanted into a throwaway server and proved identical to its state before the disaster";
    }

    @Override
    public RecoveryReport run(DemoContext context) {
        Map<String, RowHash> expected = new LinkedHashMap<>();
        Path orphaned = context.baseDir().resolve("orphaned");
        try (MariaDbServer original = provider.createServer(context.serverOptions().toBuilder()
                .baseDir(context.baseDir().resolve("disaster")).build())) {
            original.start();
            try (Connection c = ShopData.connectForLoading(original.endpoint())) {
                ShopData.create(c);
                for (String table : ShopData.TABLES.keySet()) {
                    expected.put(ShopData.DATABASE + "." + table,
                            TableHash.of(c, ShopData.DATABASE, table));
                }
            } catch (SQLException e) {
                throw RecoveryException.of(ErrorCode.INTERNAL, "cannot stage the demo data: " + e.getMessage())
                        .cause(e).build();
            }
            original.stop();
            keepOnlyTableFiles(original.info().dataDir().resolve(ShopData.DATABASE),
                    orphaned.resolve(ShopData.DATABASE));
        }
        return MySqlRecover.recover(RecoverRequest.builder().from(orphaned).workDir(context.baseDir().resolve("work"))
                .expected(expected).progress(context.progress())
                .server(context.serverOptions().toBuilder().baseDir(context.baseDir()).build()).build(), provider);
    }

    /** What the disaster left: the database directory's .frm and .ibd files, nothing of the server around it. */
    private static void keepOnlyTableFiles(Path databaseDir, Path target) {
        try (Stream<Path> files = Files.list(databaseDir)) {
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
    }
}
