package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a work dir, so that two runs never work in one dir at once. The OS releases it when the
 * process dies, so a killed run never leaves a stale lock behind.
 */
public final class WorkDirLock implements AutoCloseable {
    static final String FILE_NAME = ".dbrecover.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WorkDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with {@link ErrorCode#WORKDIR_LOCKED}. */
    public static WorkDirLock acquire(Path workDir) {
        Path file = workDir.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            // never through a link: truncating a linked file could destroy a source file
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw RecoveryException.of(ErrorCode.WORKDIR_LOCKED, "another dbrecover run is using the work dir " + workDir)
                        .path(workDir).hint("wait for it to finish, or choose another --workdir").build();
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new WorkDirLock(ch, l);
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot lock the work dir " + workDir + ": " + e.getMessage())
                    .path(workDir).hint("check that the work dir is writable").cause(e).build();
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
