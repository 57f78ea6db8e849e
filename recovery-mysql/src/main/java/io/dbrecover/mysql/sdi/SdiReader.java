package io.dbrecover.mysql.sdi;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.core.workspace.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the Serialized Dictionary Information (SDI) of a MySQL 8 {@code .ibd} tablespace without a server: the
 * JSON documents that describe its table(s) and the tablespace itself.
 *
 * <p>The SDI is an InnoDB B-tree of its own (page type 17853) whose root page number is kept on page 0 after the
 * extent descriptors and the encryption-information area. Its leaf records hold zlib-compressed JSON. Every read
 * is bounds-checked: damage gives {@code CORRUPT_INPUT} with the byte offset, layouts we do not read (compressed
 * tablespaces, documents stored on external pages, encryption) give {@code UNSUPPORTED_FORMAT}.
 */
public final class SdiReader {
    /** FIL page header fields. */
    private static final int FIL_PAGE_OFFSET = 4;
    private static final int FIL_PAGE_NEXT = 12;
    private static final int FIL_PAGE_TYPE = 24;
    private static final int FIL_NULL = 0xFFFFFFFF;
    private static final int PAGE_TYPE_SDI = 17853;
    /** FSP header starts at 38, flags at 38 + 16. */
    private static final int FSP_HEADER = 38;
    private static final int FSP_FLAGS = 54;
    private static final int FSP_HEADER_SIZE = 112;
    private static final int XDES_ENTRY_SIZE = 40;
    /** The encryption-information area after the extent descriptors (magic, key id, uuid, key, iv, checksum). */
    private static final int ENCRYPTION_INFO_SIZE = 115;
    /** INDEX page header at 38: N_HEAP at +4, N_RECS at +16, LEVEL at +26. */
    private static final int PAGE_HEADER = 38;
    /** The infimum record's origin on a compact page. */
    private static final int INFIMUM = 99;
    private static final int SUPREMUM = 112;
    /** Leaf record layout: type 4, id 8, DB_TRX_ID 6, DB_ROLL_PTR 7, uncompressed length 4, compressed length 4. */
    private static final int LEAF_DATA_OFFSET = 33;
    /** Larger than any real table definition; keeps damaged lengths from allocating gigabytes. */
    private static final int MAX_DOCUMENT_BYTES = 64 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private int pageSize;

    private SdiReader(Path file, FileChannel channel, long fileSize) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
    }

    /**
     * One SDI document.
     *
     * @param type the SDI type (1 table, 2 tablespace)
     * @param id the dictionary object id
     * @param json the JSON text
     * @param offset the byte offset of its record in the file, -1 when not from a file
     */
    public record Document(long type, long id, String json, long offset) {
        public Document {
            Objects.requireNonNull(json, "json");
        }

        /** A document not read from a file. */
        public Document(long type, long id, String json) {
            this(type, id, json, -1);
        }
    }

    /**
     * The SDI documents of a tablespace, in key order (tables before the tablespace).
     *
     * @throws RecoveryException {@code IO_ERROR}, {@code CORRUPT_INPUT} (with the byte offset) or
     *         {@code UNSUPPORTED_FORMAT} (no SDI, compressed or encrypted tablespace, off-page documents)
     */
    public static List<Document> read(Path ibd) {
        SourceFiles.requireRegular(ibd, ".ibd file");
        try (FileChannel ch = InputFiles.open(ibd)) {
            SdiReader r = new SdiReader(ibd, ch, ch.size());
            return r.documents();
        } catch (IOException e) {
            throw SourceFiles.cannotRead(ibd, e);
        }
    }

    private List<Document> documents() throws IOException {
        if (fileSize < FSP_FLAGS + 4) {
            throw corrupt(fileSize, "shorter than a page header");
        }
        byte[] head = new byte[FSP_FLAGS + 4];
        readFully(0, head);
        int flags = be32(head, FSP_FLAGS);
        if ((flags & (1 << 14)) == 0) {
            throw unsupported(FSP_FLAGS, "the FSP flags (0x" + Integer.toHexString(flags)
                    + ") say this tablespace has no SDI: it is not a MySQL 8 file-per-table tablespace");
        }
        if ((flags & (1 << 13)) != 0) {
            throw unsupported(FSP_FLAGS, "the tablespace is encrypted");
        }
        int zipSsize = (flags >>> 1) & 0xF;
        if (zipSsize != 0) {
            throw unsupported(FSP_FLAGS, "ROW_FORMAT=COMPRESSED tablespaces (compressed pages) are not read yet");
        }
        int ssize = (flags >>> 6) & 0xF;
        if (ssize == 0) {
            pageSize = 16384;
        } else if (ssize >= 3 && ssize <= 7) {
            pageSize = 512 << ssize;
        } else {
            throw corrupt(FSP_FLAGS, "page size code " + ssize + " in the FSP flags is not valid");
        }
        byte[] page0 = page(0);
        // one extent is 1 MiB for pages up to 16 KiB, 64 pages above; page 0 describes pageSize/extent extents
        int extentPages = pageSize <= 16384 ? (1 << 20) / pageSize : 64;
        int sdiOffset = FSP_HEADER + FSP_HEADER_SIZE + (pageSize / extentPages) * XDES_ENTRY_SIZE
                + ENCRYPTION_INFO_SIZE;
        long sdiVersion = be32(page0, sdiOffset) & 0xFFFFFFFFL;
        long root = be32(page0, sdiOffset + 4) & 0xFFFFFFFFL;
        if (sdiVersion != 1) {
            throw corrupt(sdiOffset, "SDI version " + sdiVersion + " (expected 1)");
        }
        if (root == 0 || root * pageSize >= fileSize) {
            throw corrupt(sdiOffset + 4L, "SDI root page " + root + " lies outside the file ("
                    + fileSize / pageSize + " pages)");
        }
        return walk((int) root);
    }

    private List<Document> walk(int root) throws IOException {
        Set<Integer> seen = new HashSet<>();
        int pageNo = root;
        byte[] p = sdiPage(pageNo, seen);
        // go down the leftmost path to the leaf level
        int level = u16(p, PAGE_HEADER + 26);
        while (level > 0) {
            int rec = nextRecord(p, pageNo, INFIMUM);
            if (rec == SUPREMUM) {
                throw corrupt(pos(pageNo, INFIMUM), "empty non-leaf SDI page");
            }
            if (status(p, rec) != 1) {
                throw corrupt(pos(pageNo, rec), "expected a node pointer record on a non-leaf SDI page");
            }
            check(pageNo, rec, 16, p);
            pageNo = be32(p, rec + 12);
            p = sdiPage(pageNo, seen);
            int childLevel = u16(p, PAGE_HEADER + 26);
            if (childLevel != level - 1) {
                throw corrupt(pos(pageNo, PAGE_HEADER + 26), "SDI page level " + childLevel + " under level "
                        + level);
            }
            level = childLevel;
        }
        List<Document> docs = new ArrayList<>();
        while (true) {
            int rec = INFIMUM;
            int steps = 0;
            while (true) {
                rec = nextRecord(p, pageNo, rec);
                if (rec == SUPREMUM) {
                    break;
                }
                if (++steps > pageSize / 5) {
                    throw corrupt(pos(pageNo, rec), "the record list of an SDI page loops");
                }
                if (status(p, rec) != 0) {
                    throw corrupt(pos(pageNo, rec), "unexpected record status on an SDI leaf page");
                }
                if ((p[rec - 5] & 0x20) != 0) {
                    continue; // delete-marked
                }
                docs.add(document(p, pageNo, rec));
            }
            int next = be32(p, FIL_PAGE_NEXT);
            if (next == FIL_NULL) {
                return docs;
            }
            pageNo = next;
            p = sdiPage(pageNo, seen);
            if (u16(p, PAGE_HEADER + 26) != 0) {
                throw corrupt(pos(pageNo, PAGE_HEADER + 26), "the SDI leaf chain leads to a non-leaf page");
            }
        }
    }

    private Document document(byte[] p, int pageNo, int rec) {
        check(pageNo, rec, LEAF_DATA_OFFSET, p);
        long type = be32(p, rec) & 0xFFFFFFFFL;
        long id = be64(p, rec + 4);
        long uncompressed = be32(p, rec + 25) & 0xFFFFFFFFL;
        long compressed = be32(p, rec + 29) & 0xFFFFFFFFL;
        // the data field's length is in the variable-length header just before the 5-byte record header
        int b = p[rec - 6] & 0xFF;
        long stored;
        if ((b & 0x80) != 0) {
            if ((b & 0x40) != 0) {
                throw unsupported(pos(pageNo, rec), "SDI document " + type + ":" + id + " (" + compressed
                        + " compressed bytes) is stored on external SDI BLOB pages, which are not read yet");
            }
            stored = (b & 0x3F) << 8 | (p[rec - 7] & 0xFF);
        } else {
            stored = b;
        }
        if (stored != compressed) {
            throw corrupt(pos(pageNo, rec + 29), "compressed length " + compressed + " but the record holds "
                    + stored + " bytes");
        }
        // zlib expands at most 1032-fold: a stated length beyond that is damage, before anything is allocated
        if (uncompressed == 0 || uncompressed > MAX_DOCUMENT_BYTES || uncompressed > compressed * 1032 + 64) {
            throw corrupt(pos(pageNo, rec + 25), "implausible uncompressed SDI length " + uncompressed);
        }
        check(pageNo, rec + LEAF_DATA_OFFSET, (int) compressed, p);
        byte[] out = new byte[(int) uncompressed];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(p, rec + LEAF_DATA_OFFSET, (int) compressed);
            int n = inflater.inflate(out);
            if (n != uncompressed || !inflater.finished()) {
                throw corrupt(pos(pageNo, rec + LEAF_DATA_OFFSET), "SDI document inflates to "
                        + (inflater.finished() ? n : "more than " + n) + " bytes, not the stated " + uncompressed);
            }
        } catch (DataFormatException e) {
            throw corrupt(pos(pageNo, rec + LEAF_DATA_OFFSET), "SDI document is not valid zlib data: "
                    + e.getMessage());
        } finally {
            inflater.end();
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(out)).toString();
        } catch (CharacterCodingException e) {
            throw corrupt(pos(pageNo, rec + LEAF_DATA_OFFSET), "SDI document " + type + ":" + id
                    + " is not valid UTF-8");
        }
        return new Document(type, id, json, pos(pageNo, rec));
    }

    /** The record after {@code rec} on a compact page (next pointers are relative, stored before the origin). */
    private int nextRecord(byte[] p, int pageNo, int rec) {
        int next = (rec + (short) u16(p, rec - 2)) & 0xFFFF;
        if (next < SUPREMUM || next >= pageSize - 8) {
            throw corrupt(pos(pageNo, rec - 2), "record pointer " + next + " leaves the page");
        }
        if (next == SUPREMUM) {
            return next;
        }
        if (next < SUPREMUM + 8 + 7) {
            throw corrupt(pos(pageNo, rec - 2), "record pointer " + next + " points into the page header");
        }
        return next;
    }

    private static int status(byte[] p, int rec) {
        return p[rec - 3] & 0x07;
    }

    private byte[] sdiPage(int pageNo, Set<Integer> seen) throws IOException {
        if (!seen.add(pageNo)) {
            throw corrupt(pos(pageNo, 0), "the SDI tree visits page " + pageNo + " twice");
        }
        byte[] p = page(pageNo);
        int type = u16(p, FIL_PAGE_TYPE);
        if (type != PAGE_TYPE_SDI) {
            throw corrupt(pos(pageNo, FIL_PAGE_TYPE), "page " + pageNo + " has type " + type + ", not SDI ("
                    + PAGE_TYPE_SDI + ")");
        }
        int stored = be32(p, FIL_PAGE_OFFSET);
        if (stored != pageNo) {
            throw corrupt(pos(pageNo, FIL_PAGE_OFFSET), "page " + pageNo + " says it is page "
                    + Integer.toUnsignedString(stored));
        }
        if ((u16(p, PAGE_HEADER + 4) & 0x8000) == 0) {
            throw corrupt(pos(pageNo, PAGE_HEADER + 4), "SDI page " + pageNo + " is not in the compact format");
        }
        return p;
    }

    private byte[] page(long pageNo) throws IOException {
        if (pageNo < 0 || (pageNo + 1) * pageSize > fileSize) {
            throw corrupt(pageNo * (long) pageSize, "page " + Long.toUnsignedString(pageNo)
                    + " lies past the end of the file (" + fileSize + " bytes)");
        }
        byte[] p = new byte[pageSize];
        readFully(pageNo * pageSize, p);
        return p;
    }

    private void readFully(long at, byte[] into) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(into);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at + buf.position());
            if (n < 0) {
                throw corrupt(at + buf.position(), "unexpected end of file");
            }
        }
    }

    private void check(int pageNo, int offset, int length, byte[] p) {
        if (offset < 0 || length < 0 || (long) offset + length > p.length - 8) {
            throw corrupt(pos(pageNo, offset), length + " bytes at page offset " + offset + " run past the page");
        }
    }

    private long pos(int pageNo, int offset) {
        return (pageNo & 0xFFFFFFFFL) * pageSize + offset;
    }

    private static int u16(byte[] p, int o) {
        return (p[o] & 0xFF) << 8 | (p[o + 1] & 0xFF);
    }

    private static int be32(byte[] p, int o) {
        return (p[o] & 0xFF) << 24 | (p[o + 1] & 0xFF) << 16 | (p[o + 2] & 0xFF) << 8 | (p[o + 3] & 0xFF);
    }

    private static long be64(byte[] p, int o) {
        return (be32(p, o) & 0xFFFFFFFFL) << 32 | (be32(p, o + 4) & 0xFFFFFFFFL);
    }

    RecoveryException corrupt(long offset, String message) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged .ibd at byte offset " + offset + ": "
                + message).path(file).offset(offset).hint("the file is truncated or damaged; try another copy of it")
                .build();
    }

    RecoveryException unsupported(long offset, String message) {
        return RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, file + ": unsupported .ibd at byte offset "
                + offset + ": " + message).path(file).offset(offset).build();
    }
}
