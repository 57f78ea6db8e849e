package io.dbrecover.cli;

import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.TempDirs;
import java.nio.file.Path;

/**
 * How a person reaches a throwaway server from a shell: a client option file only they can read (0600, in a 0700
 * directory) and the command that uses it. The password is never printed and never goes into a command line.
 *
 * @param file     the option file
 * @param command  the command to run, naming the file
 */
record ClientAccess(Path file, String command) {
    /** Writes the option file for the engine into a new private directory under {@code base} (or the temp dir). */
    static ClientAccess write(String engine, Endpoint ep, Path base) {
        Path dir = Secrets.privateDir(TempDirs.create(base, "client"));
        return switch (engine) {
            case "mysql" -> new ClientAccess(Secrets.writePrivateFile(dir.resolve("client.cnf"),
                    "# written by dbrecover: valid while the throwaway server runs\n[client]\nprotocol=tcp\nhost="
                            + ep.host() + "\nport=" + ep.port() + "\nuser=" + ep.user() + "\npassword="
                            + ep.password() + "\n"),
                    "mariadb --defaults-extra-file=" + dir.resolve("client.cnf"));
            case "postgres" -> new ClientAccess(Secrets.writePrivateFile(dir.resolve("pgpass"),
                    ep.host() + ":" + ep.port() + ":*:" + ep.user() + ":" + ep.password() + "\n"),
                    "PGPASSFILE=" + dir.resolve("pgpass") + " psql -h " + ep.host() + " -p " + ep.port() + " -U "
                            + ep.user() + " postgres");
            case "influx" -> new ClientAccess(Secrets.writePrivateFile(dir.resolve("influx.env"),
                    "# written by dbrecover: source it, then run influx (it reads these variables)\n"
                            + "export INFLUX_USERNAME=" + ep.user() + "\nexport INFLUX_PASSWORD=" + ep.password()
                            + "\n"),
                    ". " + dir.resolve("influx.env") + " && influx -host " + ep.host() + " -port " + ep.port());
            default -> throw new IllegalArgumentException("no client file for engine " + engine);
        };
    }

    /**
     * Removes the file and its directory (the password is useless once the server is gone, but a file holding it
     * never stays). A JVM killed before this leaves it to the watchdog, which removes the file.
     */
    void delete() {
        Secrets.deleteQuietly(file);
        TempDirs.deleteQuietly(file.getParent());
    }
}
