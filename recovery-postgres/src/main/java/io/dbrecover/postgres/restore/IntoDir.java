package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** An output directory of a restore or check: new or empty, neither inside a source nor holding one. */
final class IntoDir {
    private IntoDir() {
    }

    static void check(Path out, List<Path> sources, String field) {
        Path o = real(out);
        for (Path s : sources) {
            Path src = real(s);
            if (o.startsWith(src)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, field + " " + out + " is inside the source "
                        + src + "; dbrecover never writes into a source").path(out)
                        .hint("choose a directory outside it, e.g. on another disk").build();
            }
            if (src.startsWith(o)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "the source " + src + " is inside " + field
                        + " " + out + "; files written there could overwrite it").path(out)
                        .hint("choose a directory that does not contain the source").build();
            }
        }
        OutputFiles.outside(sources).check(out);
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            throw RecoveryException.of(ErrorCode.USAGE, field + " " + out + " exists and is not a directory")
                    .path(out).hint("name an empty or new directory").build();
        }
        try (Stream<Path> s = Files.list(out)) {
            if (s.findAny().isPresent()) {
                throw RecoveryException.of(ErrorCode.USAGE, field + " " + out + " is not empty").path(out)
                        .hint("name an empty or new directory: a restore never mixes its files with others").build();
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list " + out + ": " + e.getMessage()).path(out)
                    .cause(e).build();
        }
    }

    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
