package io.dbrecover.core.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a throwaway server.
 *
 * @param binaryDir     a directory holding the engine's programs, overriding discovery; or {@code null}
 * @param origin        which origins may be used: {@code null} means system first, then embedded
 * @param baseDir       where the server's temporary directory is created; {@code null} for the system temp dir
 * @param dataDir       an existing data directory to start on instead of initialising a new one, or {@code null};
 *                      it is never deleted by {@code close()}
 * @param port          the TCP port on 127.0.0.1, or 0 for a free one
 * @param runAsUser     the OS user the server runs as when dbrecover runs as root, or {@code null} for the engine's
 *                      default (PostgreSQL and InfluxDB refuse or misbehave as root)
 * @param startTimeout  how long to wait for the server to be ready
 * @param keepFiles     keep the temporary directory after {@code close()} (for debugging)
 * @param settings      extra server settings (engine-specific names, e.g. {@code innodb_checksum_algorithm})
 */
public record ServerOptions(Path binaryDir, BinaryOrigin origin, Path baseDir, Path dataDir, int port,
                            String runAsUser, Duration startTimeout, boolean keepFiles, Map<String, String> settings) {
    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Defaults: discovered binaries, a temp dir, a free port, 60 s to start, files removed on close. */
    public static ServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive changed ones. */
    public Builder toBuilder() {
        Builder b = new Builder().binaryDir(binaryDir).origin(origin).baseDir(baseDir).dataDir(dataDir).port(port)
                .runAsUser(runAsUser).startTimeout(startTimeout).keepFiles(keepFiles);
        settings.forEach(b::setting);
        return b;
    }

    /** Builder for {@link ServerOptions}. */
    public static final class Builder {
        private Path binaryDir;
        private BinaryOrigin origin;
        private Path baseDir;
        private Path dataDir;
        private int port;
        private String runAsUser;
        private Duration startTimeout = Duration.ofSeconds(60);
        private boolean keepFiles;
        private final Map<String, String> settings = new LinkedHashMap<>();

        public Builder binaryDir(Path value) {
            this.binaryDir = value;
            return this;
        }

        public Builder origin(BinaryOrigin value) {
            this.origin = value;
            return this;
        }

        public Builder baseDir(Path value) {
            this.baseDir = value;
            return this;
        }

        public Builder dataDir(Path value) {
            this.dataDir = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder runAsUser(String value) {
            this.runAsUser = value;
            return this;
        }

        public Builder startTimeout(Duration value) {
            this.startTimeout = value;
            return this;
        }

        public Builder keepFiles(boolean value) {
            this.keepFiles = value;
            return this;
        }

        public Builder setting(String name, String value) {
            this.settings.put(name, value);
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(binaryDir, origin, baseDir, dataDir, port, runAsUser, startTimeout, keepFiles,
                    settings);
        }
    }
}
