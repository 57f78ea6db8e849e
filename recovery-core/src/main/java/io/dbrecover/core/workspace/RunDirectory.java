package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The check of a directory a run is to fill with a whole tree of its own (a rebuild's {@code out}, a restore's
 * {@code into}): besides {@link OutputFiles}' rule that nothing is written inside a source, such a directory must
 * not hold a source either (files written there could overwrite it), and must be new or empty, so that the result
 * is never mixed with other files.
 */
public final class RunDirectory {
    private RunDirectory() {
    }

    /**
     * Checks {@code dir} against the sources of {@code files}.
     *
     * @param field        the request field, for messages ({@code RestoreRequest.into})
     * @param mayHoldFiles whether a directory with files is accepted (an earlier run of the same request, resumed)
     * @return the directory, absolute and normalized
     * @throws RecoveryException {@code SOURCE_WRITE_REFUSED} for a source inside it or it inside one, {@code USAGE}
     *                           when it is a file or not empty
     */
    public static Path check(OutputFiles files, Path dir, String field, boolean mayHoldFiles) {
        Path o = dir.toAbsolutePath().normalize();
        Path real = RealPaths.canonical(o);
        for (Path src : files.sources()) {
            if (real.startsWith(src)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, field + " " + o + " is inside the source "
                        + src + "; dbrecover never writes into a source").path(o)
                        .hint("choose a directory outside it, e.g. on another disk").build();
            }
            if (src.startsWith(real)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "the source " + src + " is inside " + field
                        + " " + o + "; files written there could overwrite it").path(o)
                        .hint("choose a directory that does not contain the source").build();
            }
        }
        files.check(o);
        if (!Files.isDirectory(o, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(o, LinkOption.NOFOLLOW_LINKS)) {
                throw RecoveryException.of(ErrorCode.USAGE, field + " " + o + " exists and is not a directory")
                        .path(o).hint("name an empty or new directory").build();
            }
            return o;
        }
        if (!mayHoldFiles) {
            try (Stream<Path> s = Files.list(o)) {
                if (s.findAny().isPresent()) {
                    throw RecoveryException.of(ErrorCode.USAGE, field + " " + o + " is not empty").path(o)
                            .hint("name an empty or new directory: a run never mixes its files with others").build();
                }
            } catch (IOException e) {
                throw IoErrors.of("list " + o, o, e);
            }
        }
        return o;
    }
}
