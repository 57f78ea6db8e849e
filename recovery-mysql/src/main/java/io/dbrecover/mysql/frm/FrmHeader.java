package io.dbrecover.mysql.frm;

/**
 * The fixed 64-byte header of a {@code .frm} file and the section positions derived from it
 * (docs/formats/frm.md §1–2).
 */
record FrmHeader(int frmVersion, int legacyEngine, boolean mariaExtra2, int extra2Length, int keyOffset,
                 long keyReserved, int recordOffset, int recordLength, long maxRows, long minRows, int tableOptions,
                 int collationId, int mariaFlags, int rowFormat, int statsSamplePages, int statsAutoRecalc,
                 int checkCount, long serverVersion, int extraOffset, long extraLength, int partitionEngine,
                 int keyBlockSize, long formInfoOffset, boolean nullFieldsFirst, boolean keyPartsByOffset,
                 long avgRowLength, boolean fiveZeroWriter) {

    /** Versions 6 and 7 (MySQL 3.23/4.0) use 11-byte column records and 4-byte key headers (frm.md §5.6). */
    static final int FIRST_17_BYTE_VERSION = 9;
    /** Files of this version or later (or a version-9 file written by 5.0) have true VARCHAR columns. */
    static final int TRUE_VARCHAR_VERSION = 10;

    static final int HA_OPTION_PACK_RECORD = 1;

    static FrmHeader parse(FrmBytes b) {
        b.require(0, 64, "header");
        if (b.u8(0, "magic") != 0xFE || b.u8(1, "magic") != 0x01) {
            throw b.corrupt(0, "not a binary .frm table file (magic bytes are not FE 01)");
        }
        int version = b.u8(2, "frm version");
        if (version < 6 || version > 11) {
            throw b.unsupported(2, "frm version " + version + " (known: 6 to 11)");
        }
        if (version == 8) {
            throw b.unsupported(2, "frm version 8 was never written by a MySQL or MariaDB release");
        }
        // Byte 32 = 0 marks the header of 3.23 and later: bytes 34–46 (AVG_ROW_LENGTH, collation, row format…)
        // are valid and the null bitmap leads the record. Older files (seen in a 3.23 file that still carries
        // them) keep other bytes there and their null bits at the end of the record (frm.md §2, §8).
        boolean header323 = b.u8(32, "pre-3.23 marker") == 0;
        int namesLength = b.u16(4, "extra2/form-names length");
        boolean maria = b.u8(64, "extra2 marker") != '/';
        long formInfo = b.u32(64L + namesLength, "forminfo position");
        int keyOffset = b.u16(6, "key section offset");
        long keyReserved = b.u16(14, "key section length");
        if (keyReserved == 0xFFFF) {
            keyReserved = b.u32(47, "key section length (32 bits)");
        }
        long recordOffset = keyOffset + keyReserved;
        int recordLength = b.u16(16, "record length");
        b.require(recordOffset, recordLength, "default-values record");
        long extraOffset = recordOffset + recordLength;
        long extraLength = b.u32(55, "extra segment length");
        b.require(extraOffset, extraLength, "extra segment");
        b.require(formInfo, 288, "forminfo");
        if (keyOffset < 64) {
            throw b.corrupt(6, "key section offset " + keyOffset + " lies inside the header");
        }
        int collation = header323 ? b.u8(38, "table collation") | b.u8(41, "table collation high byte") << 8 : 0;
        return new FrmHeader(version, b.u8(3, "engine code"), maria, maria ? namesLength : 0, keyOffset,
                keyReserved, (int) recordOffset, recordLength, b.u32(18, "MAX_ROWS"), b.u32(22, "MIN_ROWS"),
                b.u16(30, "table options"), collation, header323 ? b.u8(39, "MariaDB flags") : 0,
                header323 ? b.u8(40, "row format") : 0, header323 ? b.u16(42, "STATS_SAMPLE_PAGES") : 0,
                header323 ? b.u8(44, "STATS_AUTO_RECALC") : 0, maria ? b.u16(45, "checks") : 0,
                b.u32(51, "server version"), (int) extraOffset, extraLength, b.u8(61, "partition engine"),
                b.u16(62, "KEY_BLOCK_SIZE"), formInfo, header323, b.u8(27, "pack-field format") <= 1,
                header323 ? b.u32(34, "AVG_ROW_LENGTH") : 0, b.u8(33, "5.0 writer marker") == 5);
    }

    /** MySQL 3.23/4.0 layout: 11-byte column records, 4-byte key headers (frm.md §5.6). */
    boolean oldLayout() {
        return frmVersion < FIRST_17_BYTE_VERSION;
    }

    /**
     * Whether CHAR columns are really CHAR. In files from before true VARCHAR (version &lt; 10, unless a 5.0
     * writer marked a version-9 file), a CHAR of 4 bytes or more in a table with packed records was a VARCHAR
     * with trailing-space stripping, and MariaDB shows it as {@code varchar(n)/*old*}{@code /} (frm.md §6.3).
     */
    boolean hasTrueVarchar() {
        return frmVersion >= TRUE_VARCHAR_VERSION || frmVersion == 9 && fiveZeroWriter;
    }

    /** Without PACK_RECORD the first bit of the null bitmap is a "deleted" marker (frm.md §8). */
    int firstNullBit() {
        return nullFieldsFirst && (tableOptions & HA_OPTION_PACK_RECORD) == 0 ? 1 : 0;
    }

    /**
     * The collation id as MariaDB 10.11 numbers it. MariaDB 5.3, 5.5 and 10.0.0–10.0.5 gave their croatian
     * collations ids that MySQL 5.6 later took for other collations; MariaDB moved them and renumbers the old ids
     * of such files when it opens them (frm.md §12). MySQL files of the same version numbers never used these ids
     * (MySQL added them in 5.6), so the renumbering is safe for them too.
     */
    int currentCollationId(int id) {
        boolean oldMaria = serverVersion >= 50300 && serverVersion < 50600
                || serverVersion >= 100000 && serverVersion <= 100005;
        if (!oldMaria) {
            return id;
        }
        switch (id) {
            case 149: return 640; // ucs2_croatian_ci
            case 213: return 576; // utf8mb3_croatian_ci
            case 214: return 736; // utf32_croatian_ci
            case 215: return 672; // utf16_croatian_ci
            case 245: return 608; // utf8mb4_croatian_ci
            default: return id;
        }
    }

    boolean isMySql57() {
        return serverVersion >= 50700 && serverVersion < 80000;
    }

    boolean isMariaDb102OrLater() {
        return serverVersion >= 100200 && serverVersion < 500000;
    }
}
