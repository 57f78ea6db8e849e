package io.dbrecover.mysql.ibd;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.core.workspace.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An open {@code .ibd} file read page by page through a {@link FileChannel}: every read is one page, bounded by the
 * file size, and page-compressed pages come back inflated to the logical page size.
 */
final class TablespaceFile implements AutoCloseable {
    /** FIL_PAGE_TYPE_ALLOCATED: what MySQL 5.0 and earlier left in the type field of page 0. */
    static final int TYPE_ALLOCATED = 0;
    static final int TYPE_FSP_HDR = 8;
    static final int TYPE_INDEX = 17855;
    static final int TYPE_INSTANT = 18;
    static final int TYPE_SDI = 17853;
    static final int TYPE_PAGE_COMPRESSED = 34354;
    static final int TYPE_PAGE_COMPRESSED_ENCRYPTED = 37401;
    private static final int MIN_PAGE = 1024;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final FspFlags flags;
    private final byte[] page0;

    private TablespaceFile(Path path, FileChannel channel, long fileSize, FspFlags flags, byte[] page0) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
        this.flags = flags;
        this.page0 = page0;
    }

    /** Opens the file and reads page 0; refuses files that are no InnoDB tablespace. */
    static TablespaceFile open(Path path) {
        // a FIFO or a device named .ibd is never opened: reading a FIFO blocks until something writes into it
        SourceFiles.requireRegular(path, ".ibd file");
        FileChannel channel;
        try {
            channel = InputFiles.open(path);
        } catch (NoSuchFileException e) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "no such file: " + path).path(path).build();
        } catch (IOException e) {
            throw SourceFiles.cannotRead(path, e);
        }
        try {
            long size = size(channel, path);
            if (size < MIN_PAGE) {
                throw corrupt(path, "is " + size + " bytes, shorter than the smallest InnoDB page (1 KiB)",
                        "the file is truncated or no .ibd; restore it from another copy");
            }
            byte[] head = new byte[MIN_PAGE];
            readFully(channel, path, head, 0);
            if (Bytes.allZero(head, 0, head.length)) {
                throw corrupt(path, "has page 0 zeroed (the server never flushed it, or it was wiped)",
                        "page 0 cannot be rebuilt here; look for an older copy of this file");
            }
            long raw = Bytes.u32(head, 54);
            FspFlags flags = FspFlags.parse(raw);
            if (flags == null) {
                throw corrupt(path, String.format("has FSP flags 0x%x at page 0 offset 54, which name no page size"
                        + " InnoDB writes", raw), "the file is no InnoDB tablespace or page 0 is damaged");
            }
            int type = Bytes.u16(head, 24);
            if (type != TYPE_FSP_HDR && type != TYPE_ALLOCATED) {
                throw corrupt(path, "has page type " + type + " on page 0 where InnoDB writes FSP_HDR (8)",
                        "the file is no InnoDB tablespace or page 0 is damaged");
            }
            if (size < flags.physicalPageSize()) {
                throw corrupt(path, "is " + size + " bytes, shorter than one " + flags.physicalPageSize()
                        + "-byte page", "the file is truncated; restore it from another copy");
            }
            byte[] page0 = new byte[flags.physicalPageSize()];
            readFully(channel, path, page0, 0);
            if (Bytes.u32(page0, 4) != 0) {
                throw corrupt(path, "says it is page " + Bytes.u32(page0, 4) + " where page 0 must be",
                        "the file is no InnoDB tablespace or page 0 is damaged");
            }
            if (type == TYPE_ALLOCATED) {
                String problem = untypedHeaderProblem(page0);
                if (problem != null) {
                    throw corrupt(path, "has page type 0 on page 0 where InnoDB writes FSP_HDR (8), and it is no "
                            + "MySQL 5.0 tablespace header either (" + problem + ")",
                            "the file is no InnoDB tablespace or page 0 is damaged");
                }
            }
            return new TablespaceFile(path, channel, size, flags, page0);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /**
     * Why a page 0 of type 0 is not the header MySQL 5.0 and earlier wrote, or {@code null} when it is. Those
     * versions typed only index and undo pages and left FIL_PAGE_TYPE of page 0 at 0 (InnoDB's own comment on
     * {@code fil_page_reset_type}: files created before MySQL 5.1 may hold anything there); the rest of the page is
     * an ordinary tablespace header. Checked: FSP flags 0 (nothing else existed then), the space id in the FIL
     * header equal to the one in the FSP header and not 0, a size in the FSP header, the LSN copy in the trailer,
     * and a valid checksum (the legacy "innodb" one for 5.0; crc32 or none are accepted too).
     */
    static String untypedHeaderProblem(byte[] page0) {
        long flags = Bytes.u32(page0, 54);
        if (flags != 0) {
            return String.format("its FSP flags are 0x%x, and those versions wrote 0", flags);
        }
        long spaceId = Bytes.u32(page0, 34);
        if (spaceId == 0 || spaceId != Bytes.u32(page0, 38)) {
            return "the space id " + spaceId + " of its page header differs from the " + Bytes.u32(page0, 38)
                    + " of its tablespace header";
        }
        if (Bytes.u32(page0, 46) == 0) {
            return "its tablespace header gives the size 0";
        }
        if (Bytes.u32(page0, 20) != Bytes.u32(page0, page0.length - 4)) {
            return "the LSN in its trailer differs from the one in its header";
        }
        Checksum checksum = PageChecksums.of(page0, false, false);
        if (checksum == Checksum.INVALID || checksum == Checksum.ZEROED) {
            return "it fails its checksum";
        }
        return null;
    }

    /** Page 0 carries type 0, as MySQL 5.0 and earlier wrote it ({@link #untypedHeaderProblem} found nothing). */
    boolean untypedPage0() {
        return Bytes.u16(page0, 24) == TYPE_ALLOCATED;
    }

    long fileSize() {
        return fileSize;
    }

    FspFlags flags() {
        return flags;
    }

    byte[] page0() {
        return page0.clone();
    }

    long pageCount() {
        return fileSize / flags.physicalPageSize();
    }

    long spaceId() {
        return Bytes.u32(page0, 38);
    }

    /** The page as stored, or a CORRUPT_INPUT error when the number lies beyond the end of the file. */
    byte[] physical(long pageNo) {
        if (pageNo < 0 || pageNo >= pageCount()) {
            throw corrupt(path, "refers to page " + pageNo + " but holds " + pageCount() + " pages",
                    "the file is truncated or a page pointer is damaged");
        }
        byte[] page = new byte[flags.physicalPageSize()];
        readFully(channel, path, page, pageNo * flags.physicalPageSize());
        return page;
    }

    /**
     * The page as the server sees it in its buffer pool: page-compressed pages inflated, ROW_FORMAT=COMPRESSED index
     * pages decompressed to the logical page size (other pages of such a file, BLOB pages among them, come back as
     * stored, in the physical page size).
     */
    byte[] logical(long pageNo) {
        byte[] page = physical(pageNo);
        if (flags.zip()) {
            int type = Bytes.u16(page, 24);
            return type == TYPE_INDEX ? ZipPage.decompress(path, pageNo, page, flags.logicalPageSize()) : page;
        }
        if (!flags.pageCompressed()) {
            return page;
        }
        int type = Bytes.u16(page, 24);
        if (flags.fullCrc32()) {
            if ((type & 0x8000) == 0) {
                return page;
            }
            return inflate(pageNo, page, 26, page.length - 26, flags.compressionAlgorithm());
        }
        if (type == TYPE_PAGE_COMPRESSED_ENCRYPTED) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, path + ": page " + pageNo
                    + " is page-compressed and encrypted; encrypted pages cannot be read without the key")
                    .path(path).build();
        }
        if (type != TYPE_PAGE_COMPRESSED) {
            return page;
        }
        int length = Bytes.u16(page, 38);
        int algorithm = Bytes.u16(page, 32);
        if (length > page.length - 40) {
            throw corrupt(path, "page " + pageNo + " claims " + length + " compressed bytes in a "
                    + page.length + "-byte page", "the page is damaged");
        }
        return inflate(pageNo, page, 40, length, algorithm);
    }

    private byte[] inflate(long pageNo, byte[] page, int off, int len, int algorithm) {
        if (algorithm != 1) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, path + ": page " + pageNo
                    + " is page-compressed with algorithm " + algorithm + " (only zlib, 1, is decoded here)")
                    .path(path).hint("decode it with a server built with that compression library").build();
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(page, off, len);
            byte[] out = new byte[flags.logicalPageSize()];
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != out.length) {
                throw corrupt(path, "page " + pageNo + " inflates to " + n + " bytes, not one "
                        + out.length + "-byte page", "the page is damaged");
            }
            return out;
        } catch (DataFormatException e) {
            throw corrupt(path, "page " + pageNo + " holds damaged zlib data (" + e.getMessage() + ")",
                    "the page is damaged");
        } finally {
            inflater.end();
        }
    }

    private static long size(FileChannel channel, Path path) {
        try {
            return channel.size();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read the size of " + path + ": "
                    + e.getMessage()).path(path).cause(e).build();
        }
    }

    private static void readFully(FileChannel channel, Path path, byte[] into, long position) {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw corrupt(path, "ended while reading " + into.length + " bytes at offset " + position,
                            "the file is truncated or changed while being read");
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + path + " at offset " + position + ": "
                    + e.getMessage()).path(path).cause(e).build();
        }
    }

    static RecoveryException corrupt(Path path, String what, String hint) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, path + " " + what).path(path).hint(hint).build();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to report than the error already being thrown
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot close " + path + ": " + e.getMessage())
                    .path(path).cause(e).build();
        }
    }
}
