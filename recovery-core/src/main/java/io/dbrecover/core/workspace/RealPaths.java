package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Where a path really leads: what the checks of {@link OutputFiles} compare with the sources. */
final class RealPaths {
    private static final int MAX_LINKS = 40;

    private RealPaths() {
    }

    /**
     * The absolute path with every link of its existing part resolved, so that a link cannot smuggle a write
     * into a source. A dangling link is followed by hand: where it points is where a write would land.
     */
    static Path canonical(Path path) {
        return canonical(path, 0);
    }

    private static Path canonical(Path path, int depth) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest).normalize();
        } catch (IOException e) {
            // fail closed: follow a dangling link by hand
            if (depth < MAX_LINKS && Files.isSymbolicLink(existing)) {
                try {
                    Path target = existing.getParent().resolve(Files.readSymbolicLink(existing));
                    return canonical(rest == null ? target : target.resolve(rest), depth + 1);
                } catch (IOException inner) {
                    throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot resolve the link " + existing)
                            .path(existing).cause(inner).build();
                }
            }
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot resolve " + existing + ": " + e.getMessage())
                    .path(existing).hint("check the path and its links").cause(e).build();
        }
    }
}
