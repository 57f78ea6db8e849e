package io.dbrecover.influx.tsm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.InputFiles;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.FieldType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * One TSM file, opened read-only: header {@code 0x16D116D1} + version 1, blocks (CRC32 + data), the index sorted by
 * key, and the 8-byte footer pointing at the index. Blocks are checked ({@link #checkBlock}) through a bounded
 * window allocated at the first check, and read ({@link #readBlock}) by one positional read each into a reused heap
 * array, so memory does not grow with the file, and an open file that is only read costs no window. One thread at a
 * time; {@link #index()} cursors (with a window of their own, at most 64 KiB but for an entry larger than that) are
 * independent of block reads.
 */
public final class TsmFile implements AutoCloseable {
    /** The magic number at the start of every TSM file. */
    public static final int MAGIC = 0x16D116D1;
    /** The only version InfluxDB writes. */
    public static final int VERSION = 1;
    /** Header bytes: magic and version. */
    public static final int HEADER_SIZE = 5;
    /** Footer bytes: the index offset. */
    public static final int FOOTER_SIZE = 8;
    /**
     * The largest block accepted (CRC included). InfluxDB writes at most 1000 values a block (max-points-per-block)
     * and strings of at most 64 KiB, so a real block stays far below; a larger size is damage, not an allocation.
     */
    public static final int MAX_BLOCK_SIZE = 256 << 20;
    private static final int WINDOW = 1 << 20;
    /** An index is read entry by entry: a small window will do, and a shard's files all have one open at once. */
    private static final int INDEX_WINDOW = 64 << 10;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final long indexOffset;
    private final FileWindow blocks;
    private final CRC32 crc = new CRC32();
    private byte[] scratch = new byte[8192];

    private TsmFile(Path path, FileChannel channel, long size, long indexOffset) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.indexOffset = indexOffset;
        this.blocks = new FileWindow(channel, path, size, window(size));
    }

    /**
     * Opens a TSM file and checks its header and footer.
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when it does not exist, {@code CORRUPT_INPUT} (with the
     *                           offset) when it is too short, has no TSM header or its index offset lies outside the
     *                           file, {@code IO_ERROR} when it cannot be read
     */
    public static TsmFile open(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // checked before opening: opening a FIFO waits until something writes into it
            throw corrupt(file, 0, "not a regular file (a directory, FIFO, socket or device): not opened");
        }
        FileChannel ch;
        try {
            ch = InputFiles.open(file);
        } catch (NoSuchFileException e) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "TSM file not found: " + file).path(file)
                    .cause(e).build();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot open " + file + ": " + e).path(file)
                    .hint("check that the file is readable by this user").cause(e).build();
        }
        try {
            long size = ch.size();
            if (size < HEADER_SIZE + FOOTER_SIZE) {
                throw corrupt(file, 0, "only " + size + " bytes, too short for a TSM file (header and footer take "
                        + (HEADER_SIZE + FOOTER_SIZE) + ")");
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER_SIZE);
            readFully(ch, head, 0, file);
            if (head.getInt(0) != MAGIC) {
                throw corrupt(file, 0, String.format("no TSM header: magic 0x%08X, expected 0x%08X", head.getInt(0),
                        MAGIC));
            }
            if (head.get(4) != VERSION) {
                throw corrupt(file, 4, "TSM version " + (head.get(4) & 0xFF) + ", only version 1 exists");
            }
            ByteBuffer foot = ByteBuffer.allocate(FOOTER_SIZE);
            readFully(ch, foot, size - FOOTER_SIZE, file);
            long indexOffset = foot.getLong(0);
            if (indexOffset < HEADER_SIZE || indexOffset > size - FOOTER_SIZE) {
                throw corrupt(file, size - FOOTER_SIZE, "the footer's index offset " + indexOffset
                        + " lies outside the file's index region [" + HEADER_SIZE + ", " + (size - FOOTER_SIZE) + "]");
            }
            return new TsmFile(file, ch, size, indexOffset);
        } catch (IOException e) {
            closeQuietly(ch);
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e).path(file).cause(e)
                    .build();
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The file's size in bytes when it was opened. */
    public long size() {
        return size;
    }

    /** Where the index starts (the end of the block region). */
    public long indexOffset() {
        return indexOffset;
    }

    /** A new cursor over the index, from its first entry (in key order when the file is sound). */
    public TsmIndex index() {
        return new TsmIndex(this, new FileWindow(channel, path, size, (int) Math.max(64, Math.min(INDEX_WINDOW,
                size - indexOffset))), indexOffset,
                size - FOOTER_SIZE);
    }

    /**
     * Checks a block's place in the file and its CRC32 without decoding it.
     *
     * @param key the TSM key the block belongs to (named in the damage; may be {@code null})
     * @return the damage, or empty when the block lies in the block region and its checksum matches
     */
    public Optional<Damage> checkBlock(String key, BlockRef block) {
        Damage placed = placement(key, block, block.offset() < size ? block.offset() : -1);
        if (placed != null) {
            return Optional.of(placed);
        }
        int len = block.size();
        int at = blocks.at(block.offset(), len);
        ByteBuffer buf = blocks.buffer();
        long stored = Integer.toUnsignedLong(buf.getInt(at));
        crc.reset();
        ByteBuffer data = buf.duplicate();
        data.limit(at + len).position(at + 4);
        crc.update(data);
        long actual = crc.getValue();
        if (actual != stored) {
            return Optional.of(new Damage(path, block.offset(), key, String.format(
                    "block CRC32 mismatch: stored 0x%08X, computed 0x%08X over %d bytes", stored, actual, len - 4)));
        }
        return Optional.empty();
    }

    /**
     * Reads a block: checks its place and CRC32, then decodes it into {@code into} (whose arrays are reused).
     *
     * @param key          the TSM key the block belongs to (named in the damage; may be {@code null})
     * @param expectedType the type the index names for the key, or {@code null} not to check it
     * @return the damage (then {@code into} holds nothing meaningful), or empty when {@code into} holds the block
     */
    public Optional<Damage> readBlock(String key, BlockRef block, FieldType expectedType,
                                      BlockValues into) {
        Damage placed = placement(key, block, block.offset() < size ? block.offset() : -1);
        if (placed != null) {
            return Optional.of(placed);
        }
        // one positional read into the heap, not through the window: a shard's reader has all its files open at
        // once, and a window each would cost a MiB of direct memory per file
        int len = block.size();
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        ByteBuffer into0 = ByteBuffer.wrap(scratch, 0, len);
        try {
            while (into0.hasRemaining()) {
                if (channel.read(into0, block.offset() + into0.position()) < 0) {
                    throw corrupt(path, block.offset(), "file ends at byte " + (block.offset() + into0.position())
                            + " inside a block of " + len + " bytes (it changed while being read?)");
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + path + " at byte " + block.offset() + ": "
                    + e).path(path).offset(block.offset()).cause(e).build();
        }
        long stored = Integer.toUnsignedLong(ByteBuffer.wrap(scratch, 0, 4).getInt());
        crc.reset();
        crc.update(scratch, 4, len - 4);
        if (crc.getValue() != stored) {
            return Optional.of(new Damage(path, block.offset(), key, String.format(
                    "block CRC32 mismatch: stored 0x%08X, computed 0x%08X over %d bytes", stored, crc.getValue(),
                    len - 4)));
        }
        System.arraycopy(scratch, 4, scratch, 0, len - 4);
        len -= 4;
        try {
            into.decode(scratch, 0, len);
        } catch (RecoveryException e) {
            long inner = e.offset().orElse(0);
            return Optional.of(new Damage(path, block.offset(), key, "block does not decode (byte " + (inner + 4)
                    + " of the block): " + e.getMessage()));
        }
        if (expectedType != null && into.type() != expectedType) {
            return Optional.of(new Damage(path, block.offset(), key, "block holds " + into.type()
                    + " values, the index says " + expectedType));
        }
        return Optional.empty();
    }

    /**
     * Null when the block lies inside the block region with a plausible size, else the damage, reported at
     * {@code where} (the block when it lies in the file, the index entry's reference when the caller knows it).
     */
    Damage placement(String key, BlockRef block, long where) {
        long len = Integer.toUnsignedLong(block.size());
        if (block.offset() < HEADER_SIZE || block.offset() >= indexOffset) {
            return new Damage(path, where, key, "block offset " + block.offset()
                    + " lies outside the block region [" + HEADER_SIZE + ", " + indexOffset + ")");
        }
        if (len < 5 || len > MAX_BLOCK_SIZE) {
            return new Damage(path, where, key, "block size " + len + " is impossible (5 to "
                    + MAX_BLOCK_SIZE + " bytes)");
        }
        if (block.offset() + len > indexOffset) {
            return new Damage(path, where, key, "block of " + len + " bytes at " + block.offset()
                    + " runs past the block region's end " + indexOffset);
        }
        return null;
    }

    /** A window no larger than what it reads (small files are many in a shard). */
    private static int window(long bytes) {
        return (int) Math.max(64, Math.min(WINDOW, bytes));
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    static RecoveryException corrupt(Path file, long offset, String what) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, what).path(file)
                .offset(offset).hint("the file is not a readable TSM file; copy it aside and verify the others")
                .build();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                throw corrupt(file, pos, "file ends early");
            }
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // read-only channel: nothing was written, nothing can be lost
        }
    }
}
