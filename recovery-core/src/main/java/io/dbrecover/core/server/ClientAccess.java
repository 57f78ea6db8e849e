package io.dbrecover.core.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a person reaches a throwaway server from a shell: a file for the engine's own client that only they can read
 * (0600, in a 0700 directory of its own), holding the password, and the command that uses it. The password is never
 * printed and never goes into a command line. Made by {@link ServerProvider#writeClientAccess}.
 *
 * @param file     the file the client reads
 * @param command  the command to run, naming the file
 */
public record ClientAccess(Path file, String command) {
    public ClientAccess {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(command, "command");
    }

    /**
     * Writes a client file into a new private directory {@code dbrecover-client-*} under {@code baseDir} (or the
     * temp dir).
     *
     * @param fileName the file's name in that directory, e.g. {@code pgpass}
     * @param content  the file's content, password included
     * @param command  the command that uses the file, given its path
     */
    public static ClientAccess write(Path baseDir, String fileName, String content,
                                     Function<Path, String> command) {
        Path dir = Secrets.privateDir(TempDirs.create(baseDir, "client"));
        Path file = Secrets.writePrivateFile(dir.resolve(fileName), content);
        return new ClientAccess(file, command.apply(file));
    }

    /**
     * Removes the file and its directory (the password is useless once the server is gone, but a file holding it
     * never stays). A JVM killed before this leaves it to the watchdog, which removes the file.
     */
    public void delete() {
        Secrets.deleteQuietly(file);
        TempDirs.deleteQuietly(file.getParent());
    }
}
