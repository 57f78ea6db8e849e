package io.dbrecover.core.server;

import io.dbrecover.core.process.Watchdog;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Passwords of throwaway servers and the private files that carry them (an init script, a client option file).
 * A secret never goes into a command line (every local user can read argv), a log, or a report.
 */
public final class Secrets {
    /** Length of the passwords made by {@link #newPassword()}. */
    public static final int PASSWORD_LENGTH = 32;

    private Secrets() {
    }

    /**
     * A random password of {@value #PASSWORD_LENGTH} URL-safe characters ({@code A-Z a-z 0-9 - _}): no quoting is
     * needed in SQL literals, option files or URLs.
     */
    public static String newPassword() {
        byte[] bytes = new byte[PASSWORD_LENGTH * 3 / 4];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Creates a directory only its owner may enter (0700), or tightens an existing one to 0700; a link at its name is
     * refused (see {@link OutputFiles#createPrivateDirectory(Path)}).
     */
    public static Path privateDir(Path dir) {
        return OutputFiles.withoutSources().createPrivateDirectory(dir);
    }

    /**
     * Writes a file only its owner may read (0600): created with that mode, so that it is never readable by others,
     * not even for a moment. An existing plain file is replaced; a link or a hard link at the name is refused (see
     * {@link OutputFiles#writePrivate(Path, String)}). Delete it with {@link #deleteQuietly} as soon as it has
     * served; if this JVM ends first, it is removed anyway: by a shutdown hook, or by the {@link Watchdog} after a
     * SIGKILL (it is registered with it before it is written).
     */
    public static Path writePrivateFile(Path file, String content) {
        Watchdog.protectFile(file);
        return OutputFiles.withoutSources().writePrivate(file, content);
    }

    /** Deletes a file that held a secret; logs nothing about its content. */
    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
            Watchdog.releaseFile(file);
        } catch (IOException e) {
            // still registered: the shutdown hook or the watchdog tries again
            org.slf4j.LoggerFactory.getLogger(Secrets.class).warn("could not remove {}: {}", file, e.getMessage());
        }
    }
}
