package io.dbrecover.core.workspace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens files for reading. {@code FileChannel.open} is reserved to {@link OutputFiles} (an ArchUnit rule: its
 * options can create and truncate), so readers that want a channel (positioned reads, bounded buffers) get one
 * here, opened {@code READ} only: a write through it throws {@link java.nio.channels.NonWritableChannelException}.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** A read-only channel on the file (following links: reading never changes a source). */
    public static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }
}
