package io.dbrecover.core.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file being replaced: the stream writes {@code <name>.partial}; {@link #commit()} makes it the file.
 * Not thread-safe.
 */
public final class FileReplacement implements AutoCloseable {
    private final OutputFiles files;
    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean done;

    FileReplacement(OutputFiles files, Path target, Path partial, FileChannel channel) {
        this.files = files;
        this.target = target;
        this.partial = partial;
        this.channel = channel;
        this.stream = Channels.newOutputStream(channel);
    }

    /** Where the content goes (unbuffered: wrap it in a buffer for many small writes). */
    public OutputStream stream() {
        return stream;
    }

    /** The file being replaced. */
    public Path target() {
        return target;
    }

    /** The name the content is written under until {@link #commit()}. */
    public Path partial() {
        return partial;
    }

    /**
     * Syncs the partial file and renames it over the target.
     *
     * @return the target
     */
    public Path commit() {
        if (done) {
            throw new IllegalStateException("already committed or closed: " + target);
        }
        done = true;
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            deleteQuietly(partial);
            throw IoErrors.of("write " + target, target, e);
        }
        try {
            return files.moveIntoPlace(partial, target);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Without a commit: removes the partial file, and the target keeps what it held. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to keep
            }
            deleteQuietly(partial);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the error being reported is the one that matters
        }
    }
}
