package io.dbrecover.testkit;

import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.Engines;
import java.nio.file.Path;

/**
 * A JVM that starts one throwaway server and holds it until it is killed, for tests of what a killed JVM leaves:
 * {@code ENGINE BASE_DIR}. Once the server is ready it prints {@code READY <server pid> <password>}: the test
 * must know the password to prove that no file holds it afterwards (this is test code; the product never prints
 * one).
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ManagedServer server = Engines.byId(args[0]).servers().orElseThrow().create(ServerOptions.builder()
                .baseDir(Path.of(args[1])).build());
        server.start();
        System.out.println("READY " + server.info().pid() + " " + server.endpoint().password());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
