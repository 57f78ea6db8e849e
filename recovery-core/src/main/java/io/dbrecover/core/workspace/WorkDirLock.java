package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RequestFields;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * An exclusive lock on a work dir, so that two runs never work in one dir at once. The OS releases it when the
 * process dies, so a killed run never leaves a stale lock behind.
 *
 * <p>The lock file is opened through {@link OutputFiles}: a link or a hard link planted at its name is refused,
 * and it is truncated (to hold this process's id) only once it is ours and locked.
 */
public final class WorkDirLock implements AutoCloseable {
    static final String FILE_NAME = ".dbrecover.lock";
    /**
     * Work dirs this JVM holds. POSIX record locks belong to the process, and closing <em>any</em> channel on the
     * file drops them all: a second attempt in this JVM must be refused before it opens the file, or its close
     * would release the first run's lock. Guarded by the class.
     */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private WorkDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Fails at once with {@link ErrorCode#WORKDIR_LOCKED} when another run holds the work dir, without opening
     * anything for writing: a busy work dir is refused before the sources are inventoried.
     */
    static void requireFree(Path workDir) {
        Path file = workDir.resolve(FILE_NAME);
        synchronized (WorkDirLock.class) {
            if (HELD.contains(file)) {
                throw locked(workDir);
            }
            if (!NameEntry.of(file).plainFile()) {
                return; // none yet, or something acquire() refuses with its own message
            }
            try (FileChannel ch = InputFiles.open(file)) {
                FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
                if (probe == null) {
                    throw locked(workDir);
                }
                probe.release();
            } catch (OverlappingFileLockException e) {
                throw locked(workDir);
            } catch (IOException e) {
                // cannot tell: acquire() says what is wrong
            }
        }
    }

    /** Takes the lock or fails at once with {@link ErrorCode#WORKDIR_LOCKED}. */
    public static WorkDirLock acquire(OutputFiles files, Path workDir) {
        Path file = workDir.resolve(FILE_NAME);
        synchronized (WorkDirLock.class) {
            if (HELD.contains(file)) {
                throw locked(workDir);
            }
            FileChannel ch = files.openForUpdate(file);
            try {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    ch.close();
                    throw locked(workDir);
                }
                ch.truncate(0);
                ByteBuffer pid = ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                while (pid.hasRemaining()) {
                    ch.write(pid);
                }
                HELD.add(file);
                return new WorkDirLock(file, ch, l);
            } catch (IOException e) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
                throw IoErrors.of("lock the work dir " + workDir, workDir, e);
            }
        }
    }

    private static RecoveryException locked(Path workDir) {
        return RecoveryException.of(ErrorCode.WORKDIR_LOCKED, "another dbrecover run is using the work dir " + workDir)
                .path(workDir).hint("wait for it to finish, or choose another " + RequestFields.WORK_DIR).build();
    }

    @Override
    public void close() {
        synchronized (WorkDirLock.class) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock in any case
            } finally {
                HELD.remove(file);
            }
        }
    }
}
