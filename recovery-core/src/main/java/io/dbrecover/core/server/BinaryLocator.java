package io.dbrecover.core.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds programs on this machine, in the order the house rules fix: an explicit directory, an environment
 * variable, PATH, then well-known directories (globs such as {@code /usr/lib/postgresql/*}{@code /bin}, newest
 * version first). Embedded binaries are the engine's business and come after all of these.
 */
public final class BinaryLocator {
    private final Map<String, String> env;
    private final List<String> searched = new ArrayList<>();

    public BinaryLocator() {
        this(System.getenv());
    }

    /** For tests: a locator that sees the given environment instead of the process's. */
    public BinaryLocator(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * Finds the directory holding {@code program}.
     *
     * @param program       the program's file name, e.g. {@code mariadbd}
     * @param explicitDir   a directory the user named, or {@code null}
     * @param envVar        an environment variable naming a directory (or a file in it), or {@code null}
     * @param wellKnownDirs more directories; an entry may contain one {@code *} matched against sub-directories
     */
    public Optional<Path> findDir(String program, Path explicitDir, String envVar, List<String> wellKnownDirs) {
        return findDir(program, explicitDir, envVar, wellKnownDirs, dir -> true);
    }

    /**
     * Finds the directory holding {@code program} that is also {@code usable} (e.g. holds the program's companions):
     * on PATH and in the well-known directories, a directory that is not usable is passed over and the search goes
     * on; a directory the user named (option or environment variable) is binding.
     */
    public Optional<Path> findDir(String program, Path explicitDir, String envVar, List<String> wellKnownDirs,
                                  Predicate<Path> usable) {
        if (explicitDir != null) {
            searched.add("option: " + explicitDir);
            return check(explicitDir, program);
        }
        if (envVar != null) {
            String v = env.get(envVar);
            if (v != null && !v.isBlank()) {
                searched.add("$" + envVar + ": " + v);
                Path given = Path.of(v);
                Path p = Files.isRegularFile(given) ? given.getParent() : given;
                // an environment variable set by the user is as binding as an option
                return check(p, program).or(() -> check(p.resolve("bin"), program));
            }
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Optional<Path> hit = check(Path.of(dir), program).filter(usable);
                if (hit.isPresent()) {
                    searched.add("PATH: " + dir);
                    return hit;
                }
            }
        }
        searched.add("PATH");
        for (String pattern : wellKnownDirs) {
            for (Path dir : expand(pattern)) {
                searched.add(dir.toString());
                Optional<Path> hit = check(dir, program).filter(usable);
                if (hit.isPresent()) {
                    return hit;
                }
            }
        }
        return Optional.empty();
    }

    /** Where this locator has looked so far, for messages. */
    public List<String> searched() {
        return List.copyOf(searched);
    }

    private static Optional<Path> check(Path dir, String program) {
        Path p = dir.resolve(program);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
            try {
                // resolve links (e.g. /usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin/pg_ctl) so that sibling
                // programs are found next to the real file
                return Optional.of(p.toRealPath().getParent());
            } catch (IOException e) {
                return Optional.of(dir.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    static List<Path> expand(String pattern) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return List.of(Path.of(pattern));
        }
        Path parent = Path.of(pattern.substring(0, star));
        String suffix = pattern.substring(star + 1);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path d : ds) {
                out.add(Path.of(d + suffix));
            }
        } catch (IOException e) {
            return out;
        }
        // newest version first: compare numerically where the names are numbers (/usr/lib/postgresql/15)
        out.sort(Comparator.comparing((Path p) -> versionKey(p.toString().substring(parent.toString().length())))
                .reversed());
        return out;
    }

    private static String versionKey(String s) {
        StringBuilder sb = new StringBuilder();
        for (String part : s.split("[^0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(String.format("%08d", Long.parseLong(part.length() > 8 ? part.substring(0, 8) : part)));
            }
        }
        return sb + s;
    }
}
