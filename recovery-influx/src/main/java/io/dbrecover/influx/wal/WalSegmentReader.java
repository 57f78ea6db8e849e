package io.dbrecover.influx.wal;

import io.airlift.compress.snappy.SnappyDecompressor;
import io.dbrecover.core.workspace.InputFiles;
import io.dbrecover.influx.model.Damage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a WAL segment ({@code _NNNNN.wal}) entry by entry: each entry is a type byte (1 write, 2 delete, 3 range
 * delete), a big-endian u32 length and that many bytes of Snappy-compressed payload ({@link WalEntryDecoder}).
 *
 * <p>The WAL has no checksum. A segment ends normally at a byte boundary between entries; an entry cut short by the
 * end of the file is a torn last write (the process died while appending), reported as damage with everything
 * before it kept. An entry that does not decode in the middle of a segment is reported too and reading stops there
 * for that segment, since nothing tells where the next entry would start; influxd itself truncates a segment at its
 * first bad entry when it loads it. Every length is checked against the bytes left in the file before anything is
 * allocated, so a damaged length is a finding, never an allocation of 4 GiB.
 *
 * <p>Memory: one entry's compressed and decompressed bytes at a time (buffers reused from entry to entry).
 */
public final class WalSegmentReader {
    /** Snappy cannot expand its input more than this (a 2-byte copy yields at most 64 bytes) plus a small header. */
    private static final int MAX_SNAPPY_RATIO = 32;
    private static final int HEADER = 5;

    private final SnappyDecompressor snappy = new SnappyDecompressor();
    private final WalEntryDecoder decoder = new WalEntryDecoder();
    private byte[] compressed = new byte[64 * 1024];
    private byte[] plain = new byte[256 * 1024];

    /**
     * Reads a whole segment, calling the visitor per entry. Damage ends the segment and is returned, never thrown;
     * a file that cannot be read at all is damage at offset -1.
     */
    public WalSegmentResult read(Path segment, WalVisitor visitor) {
        long size = -1;
        long pos = 0;
        long entries = 0;
        if (!Files.isRegularFile(segment)) {
            // checked before opening: opening a FIFO waits until something writes into it
            return damaged(segment, size, entries, -1, Files.exists(segment) ? "not a regular file (a directory, "
                    + "FIFO, socket or device): not read" : "cannot be read: it does not exist");
        }
        try (FileChannel ch = InputFiles.open(segment)) {
            size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (pos < size) {
                if (size - pos < HEADER) {
                    return damaged(segment, size, entries, pos, "torn last entry: " + (size - pos)
                            + " bytes left, less than an entry header (5 bytes); the entries before it are kept");
                }
                header.clear();
                readFully(ch, header, pos);
                int type = header.get(0) & 0xFF;
                long length = header.getInt(1) & 0xFFFFFFFFL;
                if (type < WalEntryDecoder.WRITE || type > WalEntryDecoder.DELETE_RANGE) {
                    return damaged(segment, size, entries, pos, "unknown entry type " + type + " (1 write, 2 delete,"
                            + " 3 range delete); reading of this segment stops here, " + (size - pos)
                            + " bytes not read");
                }
                long end = pos + HEADER + length;
                if (end > size) {
                    return damaged(segment, size, entries, pos, "torn last entry: its length says " + length
                            + " bytes but only " + (size - pos - HEADER) + " are left in the file; the entries "
                            + "before it are kept");
                }
                if (length > Integer.MAX_VALUE - 64) {
                    return damaged(segment, size, entries, pos, "entry length " + length + " is larger than any "
                            + "entry influxd writes; reading of this segment stops here");
                }
                int n = (int) length;
                if (compressed.length < n) {
                    compressed = new byte[Math.max(n, compressed.length * 2)];
                }
                readFully(ch, ByteBuffer.wrap(compressed, 0, n), pos + HEADER);
                String problem = decode(type, n, visitor);
                if (problem != null) {
                    boolean last = end == size;
                    String tail = last ? "; the entries before it are kept"
                            : "; reading of this segment stops here, " + (size - end) + " bytes after it not read";
                    return damaged(segment, size, entries, pos,
                            (last ? "last entry damaged: " : "damaged entry: ") + problem + tail);
                }
                entries++;
                pos = end;
            }
            return new WalSegmentResult(segment, size, entries, pos, List.of());
        } catch (IOException e) {
            return damaged(segment, size, entries, size < 0 ? -1 : pos, "cannot be read: " + e.getMessage());
        }
    }

    /** Decompresses and decodes one entry; returns what is wrong, or {@code null}. */
    private String decode(int type, int n, WalVisitor visitor) {
        int plainLength;
        try {
            plainLength = SnappyDecompressor.getUncompressedLength(compressed, 0);
        } catch (RuntimeException e) {
            return "its Snappy length header is damaged (" + e.getMessage() + ")";
        }
        if (plainLength < 0 || (long) plainLength > (long) n * MAX_SNAPPY_RATIO + 64) {
            return "its Snappy header claims " + Integer.toUnsignedString(plainLength) + " bytes from " + n
                    + " compressed bytes, more than Snappy can expand";
        }
        if (plain.length < plainLength) {
            plain = new byte[Math.max(plainLength, Math.min(plain.length * 2, Integer.MAX_VALUE - 64))];
        }
        int got;
        try {
            got = snappy.decompress(compressed, 0, n, plain, 0, plainLength);
        } catch (RuntimeException e) {
            return "its Snappy payload does not decompress (" + e.getMessage() + ")";
        }
        if (got != plainLength) {
            return "its Snappy payload decompresses to " + got + " bytes, its header says " + plainLength;
        }
        return decoder.decode(type, plain, plainLength, visitor);
    }

    private static WalSegmentResult damaged(Path file, long size, long entries, long offset, String what) {
        return new WalSegmentResult(file, Math.max(size, 0), entries, Math.max(offset, 0),
                List.of(new Damage(file, offset, null, what)));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) {
                throw new EOFException("file ended at byte " + p + " while reading");
            }
            p += r;
        }
    }
}
