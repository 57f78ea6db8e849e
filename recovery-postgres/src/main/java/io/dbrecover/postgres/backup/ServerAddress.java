package io.dbrecover.postgres.backup;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A running PostgreSQL server named by a pgjdbc URL, as an {@link Endpoint} with a password given apart. */
public final class ServerAddress {
    /** PostgreSQL's default port. */
    public static final int DEFAULT_PORT = 5432;
    private static final String PREFIX = "jdbc:postgresql://";

    private ServerAddress() {
    }

    /**
     * Parses {@code jdbc:postgresql://host[:port]/[database][?user=NAME]}; the user defaults to {@code postgres}.
     *
     * @throws RecoveryException {@code USAGE} for another URL, several hosts, or a password in it
     */
    public static Endpoint parse(String jdbcUrl, String password) {
        if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw usage("BackupRequest.server takes a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/postgres"
                    + "?user=postgres, not " + jdbcUrl);
        }
        URI uri;
        try {
            uri = new URI(jdbcUrl.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw usage("BackupRequest.server: not a valid URL: " + e.getMessage());
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw RecoveryException.of(ErrorCode.USAGE, "BackupRequest.server must not hold a password "
                            + "(user:password@ or #…): command lines are visible to every user of the machine")
                    .hint("give the user as ?user=NAME and the password in a file or an environment variable")
                    .build();
        }
        if (uri.getHost() == null) {
            throw usage("BackupRequest.server: no host in " + jdbcUrl + " (one host only: pg_basebackup takes one)");
        }
        String user = "postgres";
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                int eq = param.indexOf('=');
                String name = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.startsWith("password") || name.equals("sslpassword")) {
                    throw RecoveryException.of(ErrorCode.USAGE, "BackupRequest.server must not hold a password "
                                    + "(" + name + "=): command lines are visible to every user of the machine")
                            .hint("give the password in a file or an environment variable").build();
                }
                if (name.equals("user") && !value.isEmpty()) {
                    user = value;
                }
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, port, PREFIX + uri.getRawAuthority() + "/postgres", user, password);
    }

    private static RecoveryException usage(String message) {
        return RecoveryException.of(ErrorCode.USAGE, message)
                .hint("write it as jdbc:postgresql://HOST:PORT/postgres?user=NAME").build();
    }
}
