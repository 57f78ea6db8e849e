package io.dbrecover.core.server;

import java.util.Objects;

/**
 * How to reach a running throwaway server. Throwaway servers listen on 127.0.0.1 only and need no password.
 *
 * @param host  always {@code 127.0.0.1} for throwaway servers
 * @param port  the TCP port
 * @param url   a JDBC URL (MariaDB, PostgreSQL) or an HTTP base URL (InfluxDB)
 * @param user  the user to connect as
 */
public record Endpoint(String host, int port, String url, String user) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(url, "url");
    }
}
