package io.dbrecover.core.server;

import java.util.Objects;

/**
 * How to reach a running throwaway server. Throwaway servers listen on 127.0.0.1 only and admit only an account
 * with a random password made for this one start: other local users of the machine cannot read the recovered data
 * through them. Open connections through the engine's helper ({@code MariaDbServer.connect},
 * {@code PostgresServer.connect}, {@code InfluxServer.client}) rather than with these fields.
 *
 * <p>{@link #toString()} never shows the password, and JSON (reports) leaves it out; never log or print
 * {@link #password()} either.
 *
 * @param host      always {@code 127.0.0.1} for throwaway servers
 * @param port      the TCP port
 * @param url       a JDBC URL (MariaDB, PostgreSQL) or an HTTP base URL (InfluxDB); it never holds the password
 * @param user      the user to connect as
 * @param password  that user's password (random per start), or {@code null} when none is needed
 */
public record Endpoint(String host, int port, String url, String user,
                       @com.fasterxml.jackson.annotation.JsonIgnore String password) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(url, "url");
    }

    /** Whether connecting needs a password. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean hasPassword() {
        return password != null;
    }

    /** The endpoint without its password, for messages and logs. */
    @Override
    public String toString() {
        return "Endpoint[host=" + host + ", port=" + port + ", url=" + url + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + "]";
    }
}
