package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.os.OsUsers;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a restore tells the user at the end: the lines of {@code influxdb.conf} that point the real server at the
 * new directory, with the TSI index, and the {@code chown} it needs when dbrecover could not give the files to the
 * server's user itself.
 */
final class ServerLines {
    private ServerLines() {
    }

    /** The lines, as TOML. */
    static String config(Path dir) {
        return "[meta]\n  dir = \"" + dir.resolve("meta") + "\"\n[data]\n  dir = \"" + dir.resolve("data")
                + "\"\n  wal-dir = \"" + dir.resolve("wal") + "\"\n  index-version = \"tsi1\"\n";
    }

    static Finding finding(Path dir, Optional<OsUsers.OsUser> owner) {
        String chown = owner.isPresent() ? "the files already belong to " + owner.get().name()
                : "then, as root: chown -R influxdb:influxdb " + dir + " (influxd skips shards it cannot read)";
        return Finding.info("POINT_SERVER_HERE", "proved; point the real server at " + dir + " with these lines of "
                + "influxdb.conf and restart it (" + chown + "):\n" + config(dir));
    }
}
