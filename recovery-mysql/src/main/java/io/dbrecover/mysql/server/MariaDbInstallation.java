package io.dbrecover.mysql.server;

import io.dbrecover.core.server.BinaryOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The programs of one MariaDB installation, as far as throwaway servers need them.
 *
 * @param origin    where they come from
 * @param server    the server program ({@code mariadbd}, or {@code mysqld} of MariaDB before 10.5), real path
 * @param installDb {@code mariadb-install-db} (or {@code mysql_install_db}) of the same installation, or
 *                  {@code null} when it has none (then only existing data directories can be started)
 * @param baseDir   the installation's base directory, passed as {@code --basedir} to both programs, or
 *                  {@code null} for packaged installations whose programs know their own paths (Debian)
 * @param shareDir  the directory holding {@code english/errmsg.sys} and {@code charsets/}, passed explicitly
 *                  (unpacked embedded binaries do not find it by themselves), or {@code null}
 * @param version   what the server program says it is, or {@code null} when not yet known
 */
public record MariaDbInstallation(BinaryOrigin origin, Path server, Path installDb, Path baseDir, Path shareDir,
                                  MariaDbVersion version) {
    public MariaDbInstallation {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(server, "server");
    }

    /** The directory of the server program. */
    public Path binDir() {
        return server.getParent();
    }

    /** The installation with a known version. */
    public MariaDbInstallation withVersion(MariaDbVersion value) {
        return new MariaDbInstallation(origin, server, installDb, baseDir, shareDir, value);
    }

    /** A program of the installation next to the server or in its {@code bin} sibling, e.g. {@code mariadb}. */
    public Optional<Path> program(String name) {
        for (Path dir : new Path[] {binDir(), binDir().resolveSibling("bin"), baseDir == null ? null
                : baseDir.resolve("bin")}) {
            if (dir != null) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
