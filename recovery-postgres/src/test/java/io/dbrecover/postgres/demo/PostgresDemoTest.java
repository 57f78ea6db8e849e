package io.dbrecover.postgres.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresDemoTest {
    @Test
    void derivesServerOptionsKeepingEverythingButTheDirectories() {
        ServerOptions base = ServerOptions.builder().binaryDir(Path.of("/opt/pg/bin")).origin(BinaryOrigin.SYSTEM)
                .baseDir(Path.of("/elsewhere")).port(6543).runAsUser("nobody").startTimeout(Duration.ofSeconds(5))
                .keepFiles(true).setting("shared_buffers", "16MB").build();
        ServerOptions derived = PostgresDemo.derive(base, Path.of("/tmp/demo/servers"), Path.of("/tmp/demo/work/data"));
        assertThat(derived).isEqualTo(new ServerOptions(Path.of("/opt/pg/bin"), BinaryOrigin.SYSTEM,
                Path.of("/tmp/demo/servers"), Path.of("/tmp/demo/work/data"), 6543, "nobody", Duration.ofSeconds(5),
                true, base.settings()));
    }
}
