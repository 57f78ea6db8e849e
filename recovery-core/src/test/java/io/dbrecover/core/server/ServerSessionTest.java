package io.dbrecover.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy-then-serve workflow of {@code <engine> server}, with a provider whose servers are no processes: what is
 * served, what is copied and when a copy is reused, the client file's life, and the source's verdict.
 */
class ServerSessionTest {
    @TempDir
    Path tmp;

    /** Servers that only record what they were asked to serve. */
    static final class FakeProvider implements ServerProvider {
        final List<ServerOptions> created = new ArrayList<>();
        final List<FakeServer> servers = new ArrayList<>();

        @Override
        public String engine() {
            return "fake";
        }

        @Override
        public BinaryDiscovery discover(ServerOptions options) {
            return new BinaryDiscovery("fake", Optional.of(BinaryOrigin.SYSTEM), Path.of("/bin"), "1", List.of(), "");
        }

        @Override
        public ManagedServer create(ServerOptions options) {
            created.add(options);
            FakeServer s = new FakeServer(options);
            servers.add(s);
            return s;
        }

        @Override
        public ClientAccess writeClientAccess(Endpoint endpoint, Path baseDir) {
            return ClientAccess.write(baseDir, "fake.cnf", "password=" + endpoint.password() + "\n",
                    file -> "fake-client --file=" + file);
        }
    }

    static final class FakeServer implements ManagedServer {
        final ServerOptions options;
        boolean running;
        boolean closed;

        FakeServer(ServerOptions options) {
            this.options = options;
        }

        @Override
        public String engine() {
            return "fake";
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public ServerInfo info() {
            return new ServerInfo("fake", "1", BinaryOrigin.SYSTEM, Path.of("/bin"), options.dataDir(), 1);
        }

        @Override
        public Endpoint endpoint() {
            return new Endpoint("127.0.0.1", 1, "fake://127.0.0.1:1", "dbrecover", Secrets.newPassword());
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public void close() {
            running = false;
            closed = true;
        }
    }

    private Path dataDir() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("old-disk/data"));
        Files.writeString(d.resolve("ibdata1"), "pages");
        Files.createDirectories(d.resolve("shop"));
        Files.writeString(d.resolve("shop/orders.ibd"), "rows");
        return d;
    }

    @Test
    void servesACopyInTheWorkDirAndReusesItNextTime() throws IOException {
        Path source = dataDir();
        Path work = tmp.resolve("work");
        FakeProvider provider = new FakeProvider();

        Path copyDir = Files.createDirectories(work).toRealPath().resolve(ServerSession.COPY_DIR);
        try (ServerSession first = ServerSession.open(provider, new ServerSession.Request(source, work, false,
                ServerOptions.defaults()), ProgressListener.NONE)) {
            assertThat(first.copy()).hasValueSatisfying(c -> {
                assertThat(c.dir()).isEqualTo(copyDir);
                assertThat(c.reused()).isFalse();
                assertThat(c.files()).isEqualTo(2);
                assertThat(c.bytes()).isEqualTo(9);
            });
            first.start();
            assertThat(provider.created.get(0).dataDir()).isEqualTo(first.copy().orElseThrow().dir());
            assertThat(first.copy().orElseThrow().dir().resolve("shop/orders.ibd")).hasContent("rows");
        }
        try (ServerSession again = ServerSession.open(provider, new ServerSession.Request(source, work, false,
                ServerOptions.defaults()), ProgressListener.NONE)) {
            assertThat(again.copy()).hasValueSatisfying(c -> assertThat(c.reused()).isTrue());
        }
        assertThat(provider.servers).allMatch(s -> s.closed);
    }

    @Test
    void theClientFileLivesInTheWorkDirUntilTheServerStops() throws IOException {
        FakeProvider provider = new FakeProvider();
        ServerSession session = ServerSession.open(provider, new ServerSession.Request(dataDir(), tmp.resolve("work"),
                false, ServerOptions.defaults()), ProgressListener.NONE);
        ClientAccess access = session.start();
        assertThat(access.file()).isRegularFile().startsWith(tmp.resolve("work").toRealPath());
        assertThat(access.command()).isEqualTo("fake-client --file=" + access.file());
        assertThat(session.server().isRunning()).isTrue();

        session.stop();
        session.stop(); // from a shutdown hook and from the main thread: harmless twice

        assertThat(access.file()).doesNotExist();
        assertThat(access.file().getParent()).doesNotExist();
        assertThat(session.server().isRunning()).isFalse();
        Optional<InventoryVerdict> verdict = session.finish();
        assertThat(verdict).hasValueSatisfying(v -> assertThat(v.unchanged()).isTrue());
        assertThat(session.finish()).isEmpty();
    }

    @Test
    void inPlaceAndNewDataDirectoriesAreServedWithoutACopy() throws IOException {
        Path disposable = dataDir();
        FakeProvider provider = new FakeProvider();
        try (ServerSession inPlace = ServerSession.open(provider, new ServerSession.Request(disposable, null, true,
                ServerOptions.builder().port(4000).build()), ProgressListener.NONE)) {
            assertThat(inPlace.copy()).isEmpty();
            inPlace.start();
        }
        try (ServerSession fresh = ServerSession.open(provider, new ServerSession.Request(null, null, false,
                ServerOptions.defaults()), ProgressListener.NONE)) {
            ClientAccess access = fresh.start();
            assertThat(access.file().getParent().getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        }
        assertThat(provider.created).extracting(ServerOptions::dataDir).containsExactly(disposable, null);
        assertThat(provider.created.get(0).port()).isEqualTo(4000);
    }

    @Test
    void theRequestSpeaksOfItsOwnFieldsNotOfFlags() throws IOException {
        Path source = dataDir();
        assertThatThrownBy(() -> new ServerSession.Request(source, null, false, ServerOptions.defaults()))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).contains("needs a work dir").doesNotContain("--");
                });
        assertThatThrownBy(() -> new ServerSession.Request(null, tmp, false, ServerOptions.defaults()))
                .isInstanceOfSatisfying(RecoveryException.class, e -> assertThat(e.getMessage())
                        .contains("existing data directory").doesNotContain("--"));
        assertThatThrownBy(() -> new ServerSession.Request(null, null, true, ServerOptions.defaults()))
                .isInstanceOf(RecoveryException.class);
    }

    @Test
    void aWorkDirInsideTheSourceIsRefusedBeforeAnythingIsCopied() throws IOException {
        Path source = dataDir();
        assertThatThrownBy(() -> ServerSession.open(new FakeProvider(), new ServerSession.Request(source,
                source.resolve("work"), false, ServerOptions.defaults()), ProgressListener.NONE))
                .isInstanceOfSatisfying(RecoveryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED));
        assertThat(source.resolve("work")).doesNotExist();
    }
}
