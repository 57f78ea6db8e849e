package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.workspace.FileReplacement;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.mysql.server.MariaDbInstallation;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.verify.ExactInserts;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQL dumps of recovered databases: the definitions through the server installation's own {@code mariadb-dump}
 * (the server's SHOW CREATE text), the rows through {@link ExactInserts}, which writes every value bit for bit
 * ({@code mariadb-dump} writes a FLOAT with six digits and loses data). Credentials go through a 0600 option file,
 * never argv.
 */
final class SqlDump {
    private static final Duration TIMEOUT = Duration.ofHours(12);

    private SqlDump() {
    }

    /**
     * Dumps the databases into {@code target}, through {@code files}: written under {@code <target>.partial},
     * renamed when complete. {@code mariadb-dump} writes the definitions into a fresh private directory of its own
     * (a program opens its result file as it likes, following links), from where they are copied into the dump.
     *
     * @param tables each database's base tables, whose rows are written
     * @return the rows written per table ("db.table")
     */
    static Map<String, Long> write(ProcessRunner runner, MariaDbInstallation inst, Endpoint ep, Path optionDir,
                                   Map<String, List<String>> tables, OutputFiles files, Path target)
            throws IOException, SQLException {
        Path tool = program(inst, "mariadb-dump", "mysqldump");
        Path options = optionFile(optionDir, ep);
        Path scratch = Secrets.privateDir(TempDirs.create(optionDir, "dump"));
        Path definitions = scratch.resolve("definitions.sql");
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--defaults-extra-file=" + options,
                "--protocol=TCP", "--no-data", "--skip-triggers", "--default-character-set=utf8mb4",
                "--skip-dump-date", "--result-file=" + definitions, "--databases"));
        cmd.addAll(tables.keySet());
        Map<String, Long> rows = new LinkedHashMap<>();
        try (FileReplacement dump = files.replacing(target)) {
            runner.run(ProcessSpec.of(cmd).timeout(TIMEOUT).logName(tool.getFileName().toString()).build());
            OutputStream out = new BufferedOutputStream(dump.stream(), 1 << 16);
            try (InputStream in = Files.newInputStream(definitions)) {
                in.transferTo(out);
            }
            try (Connection c = MariaDbServer.connect(ep)) {
                out.write(("\n" + ExactInserts.header()).getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, List<String>> db : tables.entrySet()) {
                    for (String table : db.getValue()) {
                        rows.put(db.getKey() + "." + table, ExactInserts.write(c, db.getKey(), table, out));
                    }
                }
            }
            out.flush();
            // a dump cut short never sits under the name of a complete one
            dump.commit();
            return rows;
        } finally {
            TempDirs.deleteQuietly(scratch);
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
                    "--default-character-set=utf8mb4", "--max-allowed-packet=1G", "--batch", "-e", "source " + dump)
                    .timeout(TIMEOUT)
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
