package io.dbrecover.mysql.ibd;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads InnoDB {@code .ibd} files for the discard/import transplant: what the file needs from the CREATE TABLE
 * ({@link #inspect}), whether a table definition fits the stored records ({@link #checkLayout}), and whether the
 * server returns what the file holds after an import (the rows, {@link #rows}).
 */
public final class Tablespaces {
    /** Pages searched for an index page when the clustered root is not where it belongs. */
    private static final int INDEX_PAGE_SEARCH = 64;

    private Tablespaces() {
    }

    /**
     * Reads page 0 and the clustered index root of an {@code .ibd} file.
     *
     * @throws RecoveryException {@code CORRUPT_INPUT} when the file is no InnoDB tablespace, is truncated or has
     *         page 0 zeroed; {@code SOURCE_NOT_FOUND}/{@code IO_ERROR} when it cannot be read
     */
    public static TablespaceInfo inspect(Path ibd) {
        try (TablespaceFile file = TablespaceFile.open(ibd)) {
            return inspect(file);
        }
    }

    /**
     * Decodes up to {@code maxRecords} leaf records of the clustered index with the layout the definition implies
     * and says whether they fit; a mismatch names the first column where the layout breaks.
     *
     * @throws RecoveryException {@code CORRUPT_INPUT} when the file or its index pages are damaged
     */
    public static LayoutCheck checkLayout(Path ibd, TableDefinition definition, int maxRecords) {
        Objects.requireNonNull(definition, "definition");
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        try (TablespaceFile file = TablespaceFile.open(ibd)) {
            return LayoutChecker.check(file, definition, maxRecords);
        }
    }

    /**
     * Every live row of the clustered index, decoded with the definition and streamed: see {@link FileRows}.
     *
     * @throws RecoveryException {@code CORRUPT_INPUT} for a damaged file, {@code VERIFICATION_FAILED} when the
     *         definition does not fit its records
     */
    public static FileRows rows(Path ibd, TableDefinition definition) {
        return FileRows.open(ibd, definition);
    }

    /**
     * Where the records a server stores for {@code created} differ from those {@code wanted} implies, or
     * {@code null} when they are alike: the same columns in the same stored order, each with the same width, format
     * (pre-5.6 temporal or not), nullability and character set. Checked on the definition a server wrote for a table
     * it created, before a file is imported into it; hidden system fields (row id, FTS_DOC_ID) are not compared.
     *
     * @param redundant the file's row format is REDUNDANT
     */
    public static String storageDifference(TableDefinition wanted, TableDefinition created, boolean redundant) {
        List<StoredField> a = userFields(RecordLayout.of(wanted, redundant));
        List<StoredField> b = userFields(RecordLayout.of(created, redundant));
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size()) {
                return "the server's table stores " + b.size() + " columns, the file " + a.size();
            }
            StoredField x = a.get(i);
            StoredField y = b.get(i);
            String cx = x.column().type().charset() == null ? "" : x.column().type().charset().charset();
            String cy = y.column().type().charset() == null ? "" : y.column().type().charset().charset();
            if (!x.name().equalsIgnoreCase(y.name()) || x.fixedLength() != y.fixedLength()
                    || x.minLength() != y.minLength() || x.maxLength() != y.maxLength()
                    || x.nullable() != y.nullable() || !x.typeText().equals(y.typeText()) || !cx.equals(cy)) {
                return "column `" + y.name() + "` is stored as " + describe(y, cy) + " by the server, as "
                        + describe(x, cx) + " in the file";
            }
        }
        return null;
    }

    private static List<StoredField> userFields(RecordLayout layout) {
        return layout.fields().stream().filter(f -> !f.system()).toList();
    }

    private static String describe(StoredField f, String charset) {
        return f.typeText() + (charset.isEmpty() ? "" : " " + charset) + (f.fixed() ? " (" + f.fixedLength()
                + " bytes)" : " (" + f.minLength() + "-" + f.maxLength() + " bytes)") + (f.nullable() ? " NULL"
                : " NOT NULL");
    }

    static TablespaceInfo inspect(TablespaceFile file) {
        FspFlags flags = file.flags();
        List<String> notes = new ArrayList<>();
        byte[] page0 = file.page0();
        Checksum checksum = PageChecksums.of(page0, flags.fullCrc32(), flags.zip());
        if (checksum == Checksum.INVALID) {
            notes.add("page 0 fails its checksum: the server will refuse the import unless the page is repaired");
        }
        boolean mysql8 = !flags.fullCrc32() && flags.sdi();
        boolean encrypted = flags.mysqlEncryption();
        long fspSize = Bytes.u32(page0, 46);
        if (fspSize > file.pageCount()) {
            throw TablespaceFile.corrupt(file.path(), "is truncated: page 0 says the tablespace has " + fspSize
                    + " pages, the file holds " + file.pageCount(), "look for a complete copy of the file; the server "
                    + "refuses to import a truncated tablespace");
        }
        if (file.fileSize() % flags.physicalPageSize() != 0) {
            notes.add("the file size " + file.fileSize() + " is no multiple of the page size "
                    + flags.physicalPageSize() + ": the last page is truncated");
        }
        long rootNo = mysql8 ? 4 : 3;
        RowFormat rowFormat = null;
        boolean instant = false;
        if (flags.zip()) {
            rowFormat = RowFormat.COMPRESSED;
        }
        if (file.pageCount() > rootNo) {
            byte[] physical = file.physical(rootNo);
            encrypted |= pageEncrypted(flags, physical);
        }
        if (!flags.zip() && !encrypted && file.pageCount() > rootNo) {
            IndexPageScan scan = findIndexPage(file, rootNo, notes);
            if (scan != null) {
                instant = scan.rootType == TablespaceFile.TYPE_INSTANT;
                boolean compact = (Bytes.u16(scan.page, 38 + 4) & 0x8000) != 0;
                if (!compact) {
                    rowFormat = RowFormat.REDUNDANT;
                    if (flags.atomicBlobs()) {
                        notes.add("the FSP flags say DYNAMIC but the index pages are REDUNDANT");
                    }
                } else if (flags.fullCrc32()) {
                    rowFormat = RowFormat.DYNAMIC;
                    notes.add("full_crc32 flags do not tell COMPACT from DYNAMIC; DYNAMIC assumed (the default since "
                            + "MariaDB 10.2); checkLayout tells them apart when a column is stored off-page");
                } else {
                    rowFormat = flags.atomicBlobs() ? RowFormat.DYNAMIC : RowFormat.COMPACT;
                }
            }
        }
        if (rowFormat == null) {
            rowFormat = flags.atomicBlobs() || flags.fullCrc32() ? RowFormat.DYNAMIC : RowFormat.COMPACT;
            notes.add("no readable index page: the row format " + rowFormat + " is a guess from the FSP flags");
        }
        if (mysql8) {
            notes.add("written by MySQL 8 (SDI flag set): MariaDB cannot import it");
        }
        if (encrypted) {
            notes.add("the tablespace is encrypted: it can only be imported with the original encryption key");
        }
        if (file.untypedPage0()) {
            notes.add("page 0 has page type 0, as MySQL 5.0 and earlier wrote it (they typed index and undo pages "
                    + "only); the rest of it is a consistent tablespace header (space id, size, " + checksum
                    + " checksum). MariaDB refuses to import it as it is (\"Inconsistent tablespace ID\"): import a "
                    + "copy whose page 0 says FSP_HDR (recover does that on its copy)");
        }
        int keyBlockSize = flags.zip() ? flags.physicalPageSize() / 1024 : 0;
        return new TablespaceInfo(file.path(), file.fileSize(), flags.physicalPageSize(), flags.logicalPageSize(),
                flags.raw(), flags.fullCrc32(), file.spaceId(), rowFormat, keyBlockSize, flags.pageCompressed(),
                mysql8, encrypted, checksum, instant, notes, file.untypedPage0());
    }

    /**
     * Gives page 0 of a <em>copy</em> of a MySQL 5.0 tablespace the page type FSP_HDR, with its checksum written
     * again by the algorithm it had, so that MariaDB imports it: a page 0 of type 0 is imported as a free page, the
     * tablespace header keeps the old space id, and the server refuses the file ("Inconsistent tablespace ID",
     * measured with MariaDB 10.11.19). Nothing else changes. Files whose page 0 already has a type are left alone.
     * It writes through {@code files}, which refuses a source file, a link and a file with other hard links.
     *
     * @param files the run's way of writing (the work dir's, or one that knows the sources)
     * @param copy  a copy made for the import
     * @return whether page 0 was changed
     * @throws RecoveryException {@code CORRUPT_INPUT} when page 0 is of type 0 but no consistent header,
     *         {@code IO_ERROR} when the copy cannot be written
     */
    public static boolean typePage0(OutputFiles files, Path copy) {
        byte[] page0;
        try (TablespaceFile file = TablespaceFile.open(copy)) {
            if (!file.untypedPage0()) {
                return false;
            }
            page0 = file.page0();
        }
        Checksum checksum = PageChecksums.of(page0, false, false);
        page0[24] = 0;
        page0[25] = (byte) TablespaceFile.TYPE_FSP_HDR;
        PageChecksums.write(page0, checksum);
        files.writeAt(copy, 0, page0);
        return true;
    }

    /** MariaDB marks encrypted pages with a key version: bytes 0–3 in full_crc32, bytes 26–29 before. */
    private static boolean pageEncrypted(FspFlags flags, byte[] physical) {
        if (Bytes.allZero(physical, 0, physical.length)) {
            return false;
        }
        int type = Bytes.u16(physical, 24);
        if (flags.fullCrc32()) {
            return Bytes.u32(physical, 0) != 0;
        }
        if (type == TablespaceFile.TYPE_PAGE_COMPRESSED_ENCRYPTED) {
            return true;
        }
        return type != TablespaceFile.TYPE_PAGE_COMPRESSED && Bytes.u32(physical, 26) != 0;
    }

    /** An INDEX page found for the row format, and the type of the clustered root. */
    private record IndexPageScan(byte[] page, int rootType) {
    }

    private static IndexPageScan findIndexPage(TablespaceFile file, long rootNo, List<String> notes) {
        int rootType = -1;
        long end = Math.min(file.pageCount(), rootNo + INDEX_PAGE_SEARCH);
        for (long n = rootNo; n < end; n++) {
            byte[] page;
            try {
                page = file.logical(n);
            } catch (RecoveryException e) {
                notes.add("page " + n + " is unreadable: " + e.getMessage());
                continue;
            }
            int type = Bytes.u16(page, 24);
            if (n == rootNo) {
                rootType = type;
                if (type != TablespaceFile.TYPE_INDEX && type != TablespaceFile.TYPE_INSTANT) {
                    notes.add("page " + rootNo + ", where the clustered index root belongs, has type " + type);
                }
            }
            if ((type == TablespaceFile.TYPE_INDEX || type == TablespaceFile.TYPE_INSTANT)
                    && Bytes.u32(page, 4) == n) {
                return new IndexPageScan(page, rootType);
            }
        }
        return null;
    }
}
