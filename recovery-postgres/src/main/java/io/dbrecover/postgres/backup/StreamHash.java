package io.dbrecover.postgres.backup;

import io.dbrecover.postgres.manifest.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One pass over a file's bytes into its checksum through a bounded buffer, keeping the first bytes of the small
 * files verification wants to read as well ({@code PG_VERSION}, {@code backup_label}, {@code global/pg_control}).
 */
final class StreamHash {
    /** The buffer each reader thread uses. */
    static final int BUFFER = 1 << 20;

    private StreamHash() {
    }

    /**
     * The result.
     *
     * @param hex   the checksum in the manifest's hex
     * @param bytes the bytes read
     * @param head  the first bytes (up to what was asked), or {@code null} when none were asked for
     */
    record Result(String hex, long bytes, byte[] head) {
    }

    /** Hashes a stream to its end. */
    static Result of(InputStream in, ChecksumAlgorithm algorithm, byte[] buffer, int keepHead) throws IOException {
        ChecksumAlgorithm.Hasher h = algorithm.hasher();
        byte[] head = keepHead > 0 ? new byte[keepHead] : null;
        int headLength = 0;
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            if (n == 0) {
                continue;
            }
            h.update(buffer, 0, n);
            if (head != null && headLength < keepHead) {
                int take = Math.min(n, keepHead - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
            }
            total += n;
        }
        return new Result(h.hex(), total, head == null ? null : java.util.Arrays.copyOf(head, headLength));
    }

    /** Hashes a file from its channel, from its start to its end. */
    static Result of(FileChannel ch, ChecksumAlgorithm algorithm, ByteBuffer buffer) throws IOException {
        ChecksumAlgorithm.Hasher h = algorithm.hasher();
        long pos = 0;
        while (true) {
            buffer.clear();
            int n = ch.read(buffer, pos);
            if (n < 0) {
                break;
            }
            buffer.flip();
            h.update(buffer);
            pos += n;
        }
        return new Result(h.hex(), pos, null);
    }
}
