package io.dbrecover.core.spi.server;

import io.dbrecover.core.server.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What an engine tells {@link BinaryProvider} about its programs: their names, where they are usually installed,
 * how they say their version, the embedded fallback, and what to install when they are missing.
 *
 * @param engine         the engine id, e.g. {@code postgres}
 * @param product        for messages, e.g. {@code PostgreSQL}
 * @param serverPrograms the server program's names, preferred first (e.g. {@code mariadbd}, {@code mysqld})
 * @param companions     programs that must sit in the server program's directory (e.g. {@code initdb})
 * @param envVar         the environment variable naming the programs' directory (or its base directory)
 * @param wellKnownDirs  directories searched after PATH; an entry may hold one {@code *} (newest version first)
 * @param versionArgs    the arguments that make a program print its version, e.g. {@code --version}
 * @param versionParser  the version in that output, as printed
 * @param embedded       the Maven Central jar with the programs, when there is one
 * @param packages       the Debian packages to install, e.g. {@code mariadb-server mariadb-client}
 * @param programsText   what the directory must hold, for hints, e.g. {@code initdb and postgres}
 * @param installedIn    where the packages put the programs, for hints, e.g. {@code /usr/sbin and /usr/bin}
 * @param refusal        why a server program found on this machine cannot serve these options (e.g. it is
 *                       another product of the same name), or empty when it can
 */
public record BinarySpec(String engine, String product, List<String> serverPrograms, List<String> companions,
                         String envVar, List<String> wellKnownDirs, List<String> versionArgs,
                         Function<String, Optional<String>> versionParser, Optional<EmbeddedSource> embedded,
                         String packages, String programsText, String installedIn,
                         BiFunction<Path, ServerOptions, Optional<String>> refusal) {
    public BinarySpec {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(product, "product");
        serverPrograms = List.copyOf(serverPrograms);
        if (serverPrograms.isEmpty()) {
            throw new IllegalArgumentException("no server program named");
        }
        companions = List.copyOf(companions);
        Objects.requireNonNull(envVar, "envVar");
        wellKnownDirs = List.copyOf(wellKnownDirs);
        versionArgs = List.copyOf(versionArgs);
        Objects.requireNonNull(versionParser, "versionParser");
        Objects.requireNonNull(embedded, "embedded");
        Objects.requireNonNull(refusal, "refusal");
    }

    /** Starts a spec for an engine's programs, e.g. {@code builder("postgres", "PostgreSQL", "postgres")}. */
    public static Builder builder(String engine, String product, String... serverPrograms) {
        return new Builder(engine, product, List.of(serverPrograms));
    }

    /** The same programs with other well-known directories (tests: a machine of their own making). */
    public BinarySpec withWellKnownDirs(List<String> dirs) {
        return new BinarySpec(engine, product, serverPrograms, companions, envVar, dirs, versionArgs, versionParser,
                embedded, packages, programsText, installedIn, refusal);
    }

    /** Builder for {@link BinarySpec}. */
    public static final class Builder {
        private final String engine;
        private final String product;
        private final List<String> serverPrograms;
        private List<String> companions = List.of();
        private String envVar;
        private List<String> wellKnownDirs = List.of();
        private List<String> versionArgs = List.of("--version");
        private Function<String, Optional<String>> versionParser = out -> Optional.empty();
        private EmbeddedSource embedded;
        private String packages = "";
        private String programsText;
        private String installedIn = "";
        private BiFunction<Path, ServerOptions, Optional<String>> refusal = (program, options) -> Optional.empty();

        private Builder(String engine, String product, List<String> serverPrograms) {
            this.engine = engine;
            this.product = product;
            this.serverPrograms = serverPrograms;
            this.programsText = String.join(" or ", serverPrograms);
        }

        public Builder companions(String... names) {
            this.companions = List.of(names);
            return this;
        }

        public Builder envVar(String name) {
            this.envVar = name;
            return this;
        }

        public Builder wellKnownDirs(List<String> dirs) {
            this.wellKnownDirs = dirs;
            return this;
        }

        public Builder version(List<String> args, Function<String, Optional<String>> parser) {
            this.versionArgs = args;
            this.versionParser = parser;
            return this;
        }

        public Builder embedded(EmbeddedSource source) {
            this.embedded = source;
            return this;
        }

        /** What to install: the Debian packages, what they hold, and where they put it. */
        public Builder install(String debianPackages, String programs, String where) {
            this.packages = debianPackages;
            this.programsText = programs;
            this.installedIn = where;
            return this;
        }

        public Builder refusal(BiFunction<Path, ServerOptions, Optional<String>> why) {
            this.refusal = why;
            return this;
        }

        public BinarySpec build() {
            return new BinarySpec(engine, product, serverPrograms, companions, envVar, wellKnownDirs, versionArgs,
                    versionParser, Optional.ofNullable(embedded), packages, programsText, installedIn, refusal);
        }
    }
}
