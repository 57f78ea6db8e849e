package io.dbrecover.mysql.transplant;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.RowHashes;
import java.nio.file.Path;

/**
 * A recovery with {@code --dump} in a JVM of its own, for {@link RecoverKilledJvmIT}:
 * {@code FROM WORK BASE EXPECTED DUMP}.
 */
public final class RecoverToKillMain {
    private RecoverToKillMain() {
    }

    public static void main(String[] args) {
        MySqlRecover.recover(RecoverRequest.builder().from(Path.of(args[0])).workDir(Path.of(args[1])).jobs(1)
                .expected(RowHashes.read(Path.of(args[3]))).dump(Path.of(args[4]))
                .server(ServerOptions.builder().baseDir(Path.of(args[2])).build()).build());
        System.out.println("DONE");
    }
}
