package io.dbrecover.influx.tsm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A window of a file in one reusable buffer, refilled by positional reads. Sequential access (the index entry by
 * entry, blocks in file order) reads each byte once; memory is the window whatever the size of the file. Not thread
 * safe: each cursor has its own.
 */
final class FileWindow {
    private final FileChannel channel;
    private final Path path;
    private final long fileSize;
    private final int capacity;
    private ByteBuffer buffer;
    /** File offset of buffer index 0. */
    private long start;
    /** Valid bytes in the buffer. */
    private int valid;

    FileWindow(FileChannel channel, Path path, long fileSize, int capacity) {
        this.channel = channel;
        this.path = path;
        this.fileSize = fileSize;
        this.capacity = capacity;
        // allocated at the first read: a reader holds many files open at once (a shard's), and uses some windows
        // only for some files or not at all
        this.buffer = EMPTY;
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /**
     * Makes {@code [pos, pos + len)} readable and returns the buffer index of {@code pos} in {@link #buffer()}.
     * The caller has checked that the range lies inside the file.
     */
    int at(long pos, int len) {
        if (pos >= start && pos + len <= start + valid) {
            return (int) (pos - start);
        }
        if (len > buffer.capacity() && len > capacity) {
            // a block larger than the window (bounded by the caller): a buffer of its size, then back to normal
            buffer = ByteBuffer.allocateDirect(len);
        } else if (buffer.capacity() < capacity || buffer.capacity() > capacity && len <= capacity) {
            buffer = ByteBuffer.allocateDirect(capacity);
        }
        long want = Math.min(buffer.capacity(), fileSize - pos);
        buffer.clear().limit((int) want);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, pos + buffer.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + path + " at byte " + pos + ": " + e)
                    .path(path).offset(pos).cause(e).build();
        }
        start = pos;
        valid = buffer.position();
        if (valid < len) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "file " + path + " ends at byte " + (pos + valid)
                    + " inside a structure that needs " + len + " bytes from offset " + pos
                    + " (it changed while being read?)").path(path).offset(pos).build();
        }
        return 0;
    }

    /** The buffer {@link #at} indexes into (absolute gets only; its position and limit are not meaningful). */
    ByteBuffer buffer() {
        return buffer;
    }
}
