package io.dbrecover.postgres.backup;

import io.dbrecover.core.server.Endpoint;

/** A line of a libpq password file ({@code hostname:port:database:username:password}). */
final class PgPass {
    private PgPass() {
    }

    /** The line for an endpoint, any database (replication connections use the database {@code replication}). */
    static String line(Endpoint ep) {
        return escape(ep.host()) + ":" + ep.port() + ":*:" + escape(ep.user() == null ? "postgres" : ep.user()) + ":"
                + escape(ep.password()) + "\n";
    }

    /** libpq reads {@code \:} and {@code \\} as literal characters. */
    static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
