package io.dbrecover.postgres.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command lines and configuration files of a throwaway PostgreSQL server. Kept apart from
 * {@link PostgresServer} so that they can be tested without starting anything.
 */
public final class PostgresCommands {
    /** The superuser of throwaway clusters, and the user dbrecover connects as. */
    public static final String SUPERUSER = "postgres";
    /** Throwaway servers listen here only. */
    public static final String HOST = "127.0.0.1";

    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private PostgresCommands() {
    }

    /**
     * {@code initdb} for a throwaway cluster: SCRAM password authentication for the superuser, whose password is
     * read from {@code pwFile} (a 0600 file: never on the command line), no fsync (the cluster is thrown away), the
     * C locale (the only ones certain to exist are C and C.UTF-8) and data checksums (cheap, and backup
     * verification later relies on them).
     */
    public static List<String> initdb(Path binDir, Path dataDir, Path pwFile) {
        return List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "scram-sha-256",
                "--pwfile=" + pwFile, "-U", SUPERUSER, "--no-sync", "-E", "UTF8", "--locale=C", "--data-checksums");
    }

    /**
     * {@code postgres} in the foreground (so that the PID we hold is the postmaster's), on 127.0.0.1 only, with
     * no Unix socket (its path is limited to 107 bytes and nothing of ours uses it).
     *
     * @param ownConfig configuration files to use instead of the data directory's own, or {@code null} to use those
     *                  (a fresh cluster's files are our own)
     * @param settings  more settings, passed as {@code -c name=value} after ours so that they win
     */
    public static List<String> server(Path binDir, Path dataDir, int port, ConfigFiles ownConfig,
                                      Map<String, String> settings) {
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-h", HOST, "-k", ""));
        addOwnConfig(cmd, ownConfig, false);
        addSettings(cmd, settings);
        return cmd;
    }

    /**
     * {@code postgres} for the recovery of a restored or copied data directory, before anyone may log in: as
     * {@link #server} but with {@code hot_standby=off} (no connection during recovery, and no pause when the
     * original's settings were larger than ours: such a recovery ends with an error instead), and with the
     * recovery settings of {@code postgresql.auto.conf} ({@code restore_command}, {@code recovery_target_*}) left
     * in force. {@code ownConfig} must refuse every login ({@link PostgresAuth#hbaRejectAll()}).
     */
    public static List<String> recovery(Path binDir, Path dataDir, int port, ConfigFiles ownConfig,
                                        Map<String, String> settings) {
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-h", HOST, "-k", ""));
        addOwnConfig(cmd, ownConfig, true);
        addSettings(cmd, settings);
        cmd.addAll(List.of("-c", "hot_standby=off"));
        return cmd;
    }

    /**
     * {@code postgres --single} on an existing data directory, with the same configuration as the server, reading
     * statements from standard input (so that no secret is on its command line). A failing statement is not quoted
     * in its log ({@code log_min_error_statement=panic}).
     */
    public static List<String> singleUser(Path binDir, Path dataDir, ConfigFiles ownConfig,
                                          Map<String, String> settings) {
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve("postgres").toString(), "--single", "-D",
                dataDir.toString(), "-c", "listen_addresses=", "-k", ""));
        addOwnConfig(cmd, ownConfig, false);
        addSettings(cmd, settings);
        cmd.addAll(List.of("-c", "log_min_error_statement=panic", PostgresAuth.SINGLE_USER_DATABASE));
        return cmd;
    }

    private static void addOwnConfig(List<String> cmd, ConfigFiles ownConfig, boolean recovery) {
        if (ownConfig != null) {
            cmd.addAll(List.of("-c", "config_file=" + ownConfig.config(), "-c", "hba_file=" + ownConfig.hba(),
                    "-c", "ident_file=" + ownConfig.ident()));
            // A copy must never push WAL into the archive of the server it was copied from, nor stream from its old
            // primary (postgresql.auto.conf of a `pg_basebackup -R` copy names it), nor load its old libraries, nor
            // run its commands at restartpoints or at the end of recovery (archive_cleanup_command deletes
            // archived WAL). Only a recovery keeps the restore_command that the restore wrote.
            cmd.addAll(List.of("-c", "archive_mode=off", "-c", "primary_conninfo=", "-c", "primary_slot_name=",
                    "-c", "archive_cleanup_command=", "-c", "recovery_end_command=",
                    "-c", "shared_preload_libraries=", "-c", "logging_collector=off"));
            if (!recovery) {
                cmd.addAll(List.of("-c", "restore_command="));
            }
        }
    }

    private static void addSettings(List<String> cmd, Map<String, String> settings) {
        settings.forEach((name, value) -> {
            checkSetting(name, value);
            cmd.add("-c");
            cmd.add(name + "=" + value);
        });
    }

    /** Refuses setting names that {@code postgres} would misread (a name is never quoted on its command line). */
    static void checkSetting(String name, String value) {
        if (name == null || !SETTING_NAME.matcher(name).matches()) {
            throw RecoveryException.of(ErrorCode.USAGE, "not a PostgreSQL setting name: '" + name + "'")
                    .hint("use names as in postgresql.conf, e.g. shared_buffers").build();
        }
        if (value == null || value.indexOf('\0') >= 0) {
            throw RecoveryException.of(ErrorCode.USAGE, "bad value for PostgreSQL setting " + name)
                    .hint("give a value as in postgresql.conf, without NUL characters").build();
        }
    }

    /** The connection URL of a throwaway server. */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
    }

    /** {@code postgresql.conf} of a throwaway server started on someone else's data directory. */
    public static String emptyConfig() {
        return """
                # written by dbrecover: the data directory's own postgresql.conf may name paths, libraries and
                # archives of the machine it came from, so a throwaway server starts from built-in defaults.
                # postgresql.auto.conf in the data directory is still read; command-line settings win over both.
                """;
    }

    /**
     * Configuration files of our own for a server on an existing data directory.
     *
     * @param config {@code postgresql.conf}
     * @param hba    {@code pg_hba.conf}
     * @param ident  {@code pg_ident.conf}
     */
    public record ConfigFiles(Path config, Path hba, Path ident) {
        /** The three files in one directory. */
        public static ConfigFiles in(Path dir) {
            return new ConfigFiles(dir.resolve("postgresql.conf"), dir.resolve("pg_hba.conf"),
                    dir.resolve("pg_ident.conf"));
        }
    }
}
