package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.BinaryOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template cache with a fake install script (a function that writes files): nothing runs. */
class MariaDbTemplatesTest {
    @TempDir
    Path tmp;

    private static MariaDbInstallation inst(String version) {
        return new MariaDbInstallation(BinaryOrigin.SYSTEM, Path.of("/usr/sbin/mariadbd"),
                Path.of("/usr/bin/mariadb-install-db"), null, null, MariaDbVersion.fromServer(version).orElseThrow());
    }

    private static MariaDbTemplates.Initializer fakeInstall(AtomicInteger runs) {
        return dir -> {
            runs.incrementAndGet();
            try {
                Files.createDirectories(dir.resolve("mysql"));
                Files.createDirectories(dir.resolve("sys"));
                Files.writeString(dir.resolve("ibdata1"), "pages");
                Files.writeString(dir.resolve("mysql/global_priv.MAI"), "root");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void runsTheInstallScriptOnceAndCopiesItsResultForEveryServer() throws IOException {
        MariaDbTemplates templates = new MariaDbTemplates(tmp.resolve("cache"));
        AtomicInteger runs = new AtomicInteger();
        templates.newDataDir(inst("10.11.19-MariaDB"), Map.of(), tmp.resolve("a/data"), fakeInstall(runs));
        templates.newDataDir(inst("10.11.19-MariaDB"), Map.of(), tmp.resolve("b/data"), fakeInstall(runs));
        assertThat(runs).hasValue(1);
        for (String server : new String[] {"a", "b"}) {
            Path d = tmp.resolve(server).resolve("data");
            assertThat(d.resolve("ibdata1")).hasContent("pages");
            assertThat(d.resolve("mysql/global_priv.MAI")).hasContent("root");
            assertThat(d.resolve("sys")).isDirectory();
            assertThat(d.resolve(MariaDbTemplates.MARKER)).doesNotExist();
        }
        try (var leftovers = Files.list(tmp.resolve("cache"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial-"));
        }
    }

    @Test
    void anotherVersionOrOtherSettingsGetTheirOwnTemplate() {
        String base = MariaDbTemplates.key(inst("10.11.19-MariaDB"), Map.of());
        assertThat(base).startsWith("mariadb-10.11.19-");
        assertThat(MariaDbTemplates.key(inst("10.11.20-MariaDB"), Map.of())).isNotEqualTo(base);
        assertThat(MariaDbTemplates.key(inst("10.11.19-MariaDB"), Map.of("innodb_page_size", "4k"))).isNotEqualTo(base);
        assertThat(MariaDbTemplates.key(inst("10.11.19-MariaDB"), Map.of())).isEqualTo(base);
    }

    @Test
    void aFailedInstallLeavesNoTemplateBehind() {
        MariaDbTemplates templates = new MariaDbTemplates(tmp.resolve("cache"));
        assertThatThrownBy(() -> templates.newDataDir(inst("10.11.19-MariaDB"), Map.of(), tmp.resolve("a/data"), dir -> {
            throw new RecoveryException(ErrorCode.SERVER_START_FAILED, "install failed");
        })).hasMessageContaining("install failed");
        AtomicInteger runs = new AtomicInteger();
        templates.newDataDir(inst("10.11.19-MariaDB"), Map.of(), tmp.resolve("b/data"), fakeInstall(runs));
        assertThat(runs).hasValue(1);
        assertThat(tmp.resolve("b/data/ibdata1")).exists();
    }

    @Test
    void withoutACacheEveryServerRunsTheInstallScriptItself() {
        MariaDbTemplates templates = new MariaDbTemplates(null);
        AtomicInteger runs = new AtomicInteger();
        templates.newDataDir(inst("10.11.19-MariaDB"), Map.of(), tmp.resolve("a/data"), fakeInstall(runs));
        templates.newDataDir(inst("10.11.19-MariaDB"), Map.of(), tmp.resolve("b/data"), fakeInstall(runs));
        assertThat(runs).hasValue(2);
    }

    @Test
    void anUnwritableCacheFallsBackToInstallingDirectly() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        AtomicInteger runs = new AtomicInteger();
        new MariaDbTemplates(file.resolve("cache")).newDataDir(inst("10.11.19-MariaDB"), Map.of(),
                tmp.resolve("a/data"), fakeInstall(runs));
        assertThat(runs).hasValue(1);
        assertThat(tmp.resolve("a/data/ibdata1")).exists();
    }
}
