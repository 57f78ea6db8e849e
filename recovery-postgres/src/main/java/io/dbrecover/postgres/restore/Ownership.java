package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.postgres.server.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Optional;

/**
 * The restored directories given to the server's user (the one the throwaway server runs as when dbrecover runs as
 * root: {@link PostgresServer#RUN_AS}) with mode 0700, as {@code postgres} demands.
 */
final class Ownership {
    private final Optional<OsUsers.OsUser> user;

    Ownership(ServerOptions options) {
        user = PostgresServer.RUN_AS.resolve("PostgreSQL", options);
    }

    void give(Path dataDir, Collection<Path> tablespaces) {
        for (Path dir : concat(dataDir, tablespaces)) {
            try {
                user.ifPresent(u -> OsUsers.chownTree(dir, u));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "cannot give " + dir + " to the server's "
                        + "user with mode 0700: " + e.getMessage()).path(dir).cause(e).build();
            }
        }
    }

    private static java.util.List<Path> concat(Path first, Collection<Path> rest) {
        java.util.List<Path> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
