package io.dbrecover.core.spi;

import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.server.ServerOptions;
import java.nio.file.Path;

/**
 * What a demo scenario gets.
 *
 * @param baseDir       a fresh temporary directory for the scenario's disaster and work dir
 * @param serverOptions options for the throwaway servers the scenario starts
 * @param progress      progress reporting
 */
public record DemoContext(Path baseDir, ServerOptions serverOptions, ProgressListener progress) {
}
