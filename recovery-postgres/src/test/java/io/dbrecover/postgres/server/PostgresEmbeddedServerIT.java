package io.dbrecover.postgres.server;

import static io.dbrecover.postgres.server.ServerAssertions.assertGone;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.EmbeddedBinaries;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerInfo;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@RequiresServer(value = "postgres", origin = "embedded")
class PostgresEmbeddedServerIT {
    @Test
    void startsTheZonkyBinariesUnpackedIntoTheCache() throws Exception {
        long pid;
        Path tempDir;
        try (ManagedServer server = new PostgresServerProvider().create(
                ServerOptions.builder().origin(BinaryOrigin.EMBEDDED).build())) {
            server.start();
            ServerInfo info = server.info();
            pid = info.pid();
            tempDir = info.dataDir().getParent();
            assertThat(info.origin()).isEqualTo(BinaryOrigin.EMBEDDED);
            assertThat(info.version()).isEqualTo("15.19");
            assertThat(info.binDir()).isEqualTo(EmbeddedBinaries.cacheRoot().resolve("postgres-15.19.0/bin"));
            try (Connection c = PostgresServer.connect(server.endpoint()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version(), current_setting('data_checksums')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 15.19");
                assertThat(rs.getString(2)).isEqualTo("on");
            }
        }
        assertGone(pid, tempDir);
    }
}
