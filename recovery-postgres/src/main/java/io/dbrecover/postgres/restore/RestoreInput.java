package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a restore needs, as the face hands it over (see {@code RestoreRequest} for each field).
 */
public record RestoreInput(Path backup, Path walArchive, Path into, Target target, boolean exclusive,
                           Map<String, Path> tablespaceMap, int port, boolean keepRunning, Duration recoveryTimeout,
                           ServerOptions server, ProgressListener progress) {
    public RestoreInput {
        tablespaceMap = Map.copyOf(tablespaceMap);
    }
}
