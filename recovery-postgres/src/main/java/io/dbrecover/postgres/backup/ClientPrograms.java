package io.dbrecover.postgres.backup;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.postgres.server.PostgresBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL's client programs ({@code pg_basebackup}): in the directory named by the caller, by
 * {@value PostgresBinaries#ENV_VAR}, then in the well-known directories (newest major version first: a newer
 * pg_basebackup backs up older servers, not the other way round), then on PATH. The embedded binaries have none.
 */
final class ClientPrograms {
    private ClientPrograms() {
    }

    /** The program, or {@code BINARY_NOT_FOUND} naming where it was looked for. */
    static Path find(String program, Path binaryDir) {
        List<Path> dirs = new ArrayList<>();
        if (binaryDir != null) {
            dirs.add(binaryDir);
        }
        String env = System.getenv(PostgresBinaries.ENV_VAR);
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        dirs.addAll(wellKnown());
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(":")) {
                if (!p.isEmpty()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        for (Path d : dirs) {
            Path f = d.resolve(program);
            if (Files.isRegularFile(f) && Files.isExecutable(f)) {
                return f.toAbsolutePath();
            }
        }
        throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, program + " not found (looked in "
                        + dirs.stream().limit(6).map(Path::toString).toList() + (dirs.size() > 6 ? " and PATH" : "")
                        + ")")
                .hint("install PostgreSQL's client programs (Debian: apt-get install postgresql-client) or set "
                        + PostgresBinaries.ENV_VAR + " to their bin directory").build();
    }

    private static List<Path> wellKnown() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return List.of(Path.of("/usr/local/pgsql/bin"));
        }
        try (Stream<Path> s = Files.list(debian)) {
            List<Path> out = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("[0-9]+(\\.[0-9]+)?"))
                    .sorted(Comparator.comparingDouble((Path p) -> Double.parseDouble(p.getFileName().toString()))
                            .reversed()).map(p -> p.resolve("bin")).toList());
            out.add(Path.of("/usr/local/pgsql/bin"));
            return out;
        } catch (IOException | UncheckedIOException e) {
            return List.of(Path.of("/usr/local/pgsql/bin"));
        }
    }
}
