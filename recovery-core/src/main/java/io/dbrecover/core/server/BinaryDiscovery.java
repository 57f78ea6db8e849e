package io.dbrecover.core.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What binary discovery found for an engine.
 *
 * @param engine     the engine
 * @param origin     the origin that will be used, or empty when nothing usable was found
 * @param binDir     the directory of the programs that will be used, or {@code null}
 * @param version    the server's version as its binary reports it, or {@code null}
 * @param searched   where discovery looked, in order, for messages
 * @param missingHint what to install when nothing was found
 */
public record BinaryDiscovery(String engine, Optional<BinaryOrigin> origin, Path binDir, String version,
                              List<String> searched, String missingHint) {
    public BinaryDiscovery {
        searched = List.copyOf(searched);
    }

    public boolean found() {
        return origin.isPresent();
    }
}
