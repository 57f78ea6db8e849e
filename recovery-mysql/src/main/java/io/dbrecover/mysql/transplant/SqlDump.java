package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.mysql.server.MariaDbInstallation;
import io.dbrecover.mysql.server.MariaDbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SQL dumps through the server installation's own {@code mariadb-dump} and {@code mariadb} client: the engine's
 * tools know every type's literal form, and they stream. Credentials go through a 0600 option file, never argv.
 */
final class SqlDump {
    private static final Duration TIMEOUT = Duration.ofHours(12);

    private SqlDump() {
    }

    /** Dumps the databases into {@code target} (written to a temporary name first, renamed when complete). */
    static void write(ProcessRunner runner, MariaDbInstallation inst, Endpoint ep, Path optionDir,
                      List<String> databases, Path target) throws IOException {
        Path tool = program(inst, "mariadb-dump", "mysqldump");
        Path options = optionFile(optionDir, ep);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--defaults-extra-file=" + options,
                "--protocol=TCP", "--single-transaction", "--hex-blob", "--default-character-set=utf8mb4",
                "--skip-dump-date", "--result-file=" + partial, "--databases"));
        cmd.addAll(databases);
        try {
            runner.run(ProcessSpec.of(cmd).timeout(TIMEOUT).logName(tool.getFileName().toString()).build());
            // a dump cut short must never sit under the name of a complete one
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
            Secrets.deleteQuietly(options);
        }
    }

    /** Loads a dump into a server with the {@code mariadb} client. */
    static void load(ProcessRunner runner, MariaDbInstallation inst, Endpoint ep, Path optionDir, Path dump)
            throws IOException {
        Path tool = program(inst, "mariadb", "mysql");
        Path options = optionFile(optionDir, ep);
        try {
            runner.run(ProcessSpec.of(tool.toString(), "--defaults-extra-file=" + options, "--protocol=TCP",
                    "--default-character-set=utf8mb4", "--batch", "-e", "source " + dump).timeout(TIMEOUT)
                    .logName(tool.getFileName().toString()).build());
        } finally {
            Secrets.deleteQuietly(options);
        }
    }

    private static Path program(MariaDbInstallation inst, String name, String oldName) {
        return inst.program(name).or(() -> inst.program(oldName)).orElseThrow(() -> RecoveryException.of(
                ErrorCode.BINARY_NOT_FOUND, "the MariaDB installation in " + inst.binDir() + " has no " + name)
                .hint("install the client programs (Debian: apt-get install mariadb-client)").build());
    }

    private static Path optionFile(Path dir, Endpoint ep) {
        Path d = Secrets.privateDir(dir);
        return Secrets.writePrivateFile(d.resolve("client-" + UUID.randomUUID() + ".cnf"),
                MariaDbServer.clientOptions(ep));
    }
}
