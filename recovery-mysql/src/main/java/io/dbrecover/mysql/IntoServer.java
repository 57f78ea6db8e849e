package io.dbrecover.mysql;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.mysql.transplant.TransplantInput;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server the user runs, named with {@code --into}, that receives the recovered tables instead of the throwaway
 * one. Its data directory must be on this machine (the tablespace files are copied into it). Recover creates
 * tables only in the databases named in {@link #databases()} (the explicit confirmation), and never discards the
 * tablespace of a table it did not create.
 *
 * @param url       the JDBC URL, rebuilt from its parts ({@code jdbc:mariadb://127.0.0.1:3306/?user=root})
 * @param endpoint  how to connect (host, port, user, and the password from the environment or a file)
 * @param databases the databases recover may create tables in
 */
public record IntoServer(String url, Endpoint endpoint, Set<String> databases) {
    /** The environment variable {@code --into}'s password is read from unless a file is given. */
    public static final String PASSWORD_ENV = TransplantInput.PASSWORD_ENV;

    public IntoServer {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(endpoint, "endpoint");
        databases = Set.copyOf(Objects.requireNonNull(databases, "databases"));
    }

    /**
     * Parses {@code jdbc:mariadb://host[:port]/[?user=NAME]} (or {@code jdbc:mysql:}).
     *
     * @param jdbcUrl   the URL; a password in it is refused (command lines are visible to every local user)
     * @param user      the user, or {@code null} to take it from the URL's {@code user} parameter
     * @param password  the password (from an environment variable or a file), or {@code null} for none
     * @param databases the databases the user confirmed recover may create tables in
     * @throws RecoveryException {@code USAGE} for a malformed URL, a password in it, no user or no database
     */
    public static IntoServer of(String jdbcUrl, String user, String password, Set<String> databases) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:mariadb://") && !lower.startsWith("jdbc:mysql://")) {
            throw usage("RecoverRequest.into takes a JDBC URL such as jdbc:mariadb://127.0.0.1:3306/?user=root, "
                    + "not " + jdbcUrl);
        }
        URI uri;
        try {
            uri = new URI(jdbcUrl.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw usage("RecoverRequest.into: not a valid URL: " + e.getMessage());
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            // user:password@host is accepted by drivers; a fragment is ignored by them: either may hide a secret
            throw RecoveryException.of(ErrorCode.USAGE, "RecoverRequest.into must not hold a password "
                    + "(user:password@ or "
                    + "#…): command lines are visible to every user of the machine").hint("give the user as "
                    + "?user=NAME and the password in the environment variable " + PASSWORD_ENV
                    + " or a file given with IntoServer.readPassword").build();
        }
        if (uri.getHost() == null) {
            throw usage("RecoverRequest.into: no host in the URL");
        }
        String urlUser = null;
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                String value = param.contains("=") ? param.substring(param.indexOf('=') + 1) : "";
                if (name.equalsIgnoreCase("password") || name.toLowerCase(Locale.ROOT).startsWith("password")) {
                    throw RecoveryException.of(ErrorCode.USAGE, "RecoverRequest.into must not hold a password: "
                            + "command lines "
                            + "are visible to every user of the machine").hint("put it in the environment variable "
                            + PASSWORD_ENV + " or in a file given with IntoServer.readPassword").build();
                }
                if (name.equalsIgnoreCase("user")) {
                    urlUser = value;
                } else {
                    throw usage("RecoverRequest.into: the URL parameter " + name.replaceAll("[^A-Za-z0-9_]", "?")
                            + " is not supported (only user)");
                }
            }
        }
        String who = user != null ? user : urlUser;
        if (who == null || who.isEmpty()) {
            throw usage("RecoverRequest.into names no user: add ?user=NAME to the URL");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw usage("RecoverRequest.into names the server only (jdbc:mariadb://host:port/): the tables go to "
                    + "databases of "
                    + "the same names as in the source, confirmed with IntoServer.databases");
        }
        if (databases.isEmpty()) {
            throw RecoveryException.of(ErrorCode.USAGE, "RecoverRequest.into needs the databases recover may create "
                    + "tables in")
                    .hint("name them with IntoServer.databases DB[,DB…] (the source's database names)").build();
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 3306;
        // Connector/J speaks to MariaDB and MySQL alike; it only knows the mysql scheme
        String jdbc = "jdbc:mysql://" + uri.getHost() + ":" + port + "/";
        // reports and logs show the URL rebuilt from the parts used, never what else the argument held
        String shown = "jdbc:mariadb://" + uri.getHost() + ":" + port + "/?user=" + who;
        return new IntoServer(shown, new Endpoint(uri.getHost(), port, jdbc, who, password),
                new TreeSet<>(databases));
    }

    /**
     * Reads a password from a file: the {@code password=} line of a MySQL option file ({@code [client]} section),
     * else the file's first line.
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} or {@code IO_ERROR} naming the file
     */
    public static String readPassword(Path file) {
        List<String> lines;
        try {
            if (Files.size(file) > 65_536) {
                throw RecoveryException.of(ErrorCode.USAGE, file + " is too big for a password file").path(file)
                        .build();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "no password file " + file).path(file).build();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read the password file " + file + ": "
                    + e.getMessage()).path(file).cause(e).build();
        }
        boolean optionFile = false;
        for (String line : lines) {
            optionFile |= line.strip().startsWith("[");
            Matcher m = OPTION.matcher(line);
            if (m.matches()) {
                String v = m.group(1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'")
                        && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        if (optionFile) {
            throw RecoveryException.of(ErrorCode.USAGE, "the option file " + file + " has no password= line")
                    .path(file).build();
        }
        if (lines.isEmpty()) {
            throw RecoveryException.of(ErrorCode.USAGE, "the password file " + file + " is empty").path(file).build();
        }
        return lines.get(0);
    }

    private static final Pattern OPTION = Pattern.compile("\\s*password\\s*=(.*)");

    private static RecoveryException usage(String message) {
        return RecoveryException.of(ErrorCode.USAGE, message).build();
    }

    /** Whether recover may create tables in this database. */
    public boolean allows(String database) {
        return databases.contains(database);
    }
}
