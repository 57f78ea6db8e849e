package io.dbrecover.core.spi.server;

import io.dbrecover.core.server.BinaryOrigin;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link BinaryProvider} found an engine's server program, by file-system look-ups (and, where an engine
 * must tell its program from another product's, a {@code --version} run); nothing is unpacked.
 *
 * @param origin     the origin chosen, or empty when nothing usable was found
 * @param program    the server program (its real path; for embedded binaries, where it is or will be unpacked),
 *                   or {@code null}
 * @param embedded   the embedded binaries, when those are the origin
 * @param searched   where discovery looked, in order, and why a candidate was passed over
 * @param passedOver programs that were found but cannot be used, and why (also in {@code searched})
 */
public record BinaryLocation(Optional<BinaryOrigin> origin, Path program, Optional<EmbeddedSource.Embedded> embedded,
                             List<String> searched, List<PassedOver> passedOver) {
    /**
     * A server program found on this machine that the engine refused for the options.
     *
     * @param program the program
     * @param why     why, for people
     */
    public record PassedOver(Path program, String why) {
    }

    public BinaryLocation {
        searched = List.copyOf(searched);
        passedOver = List.copyOf(passedOver);
    }

    public boolean found() {
        return origin.isPresent();
    }

    /** The last program passed over, when one was. */
    public Optional<PassedOver> lastPassedOver() {
        return passedOver.isEmpty() ? Optional.empty() : Optional.of(passedOver.get(passedOver.size() - 1));
    }

    /** The directory of the server program, or {@code null}. */
    public Path binDir() {
        return program == null ? null : program.getParent();
    }
}
