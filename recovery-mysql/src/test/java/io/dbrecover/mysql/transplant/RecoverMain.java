package io.dbrecover.mysql.transplant;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.RowHashes;
import java.nio.file.Path;

/** A recovery in a JVM of its own, for the test that kills it with SIGKILL midway: {@code FROM WORK BASE EXPECTED}. */
public final class RecoverMain {
    private RecoverMain() {
    }

    public static void main(String[] args) {
        MySqlRecover.recover(RecoverRequest.builder().from(Path.of(args[0])).workDir(Path.of(args[1])).jobs(1)
                .expected(RowHashes.read(Path.of(args[3])))
                .server(ServerOptions.builder().baseDir(Path.of(args[2])).build()).build());
    }
}
