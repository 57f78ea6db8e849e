package io.dbrecover.core.server;

import java.nio.file.Path;

/**
 * What a started server is.
 *
 * @param engine   e.g. {@code mariadb}, {@code postgres}, {@code influxdb}
 * @param version  as the server reports it
 * @param origin   where its programs came from
 * @param binDir   the directory of its programs
 * @param dataDir  its data directory
 * @param pid      its process id, or -1 when not known (containers)
 */
public record ServerInfo(String engine, String version, BinaryOrigin origin, Path binDir, Path dataDir, long pid) {
}
