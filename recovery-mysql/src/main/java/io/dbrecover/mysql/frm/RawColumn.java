package io.dbrecover.mysql.frm;

/**
 * One 17-byte column record with its name and comment, undecoded (docs/formats/frm.md §5.1).
 *
 * @param recordPosition 1-based byte offset of the column in the default-values record
 * @param interval 1-based ENUM/SET value-list number, 0 for none
 */
record RawColumn(int index, String name, int length, int recordPosition, int packFlag, int unireg,
                 int collationId, int interval, int typeCode, String comment) {
    static final int PACK_SIGNED_OR_BINARY = 0x0001;
    static final int PACK_NUMBER = 0x0002;
    static final int PACK_ZEROFILL = 0x0004;
    static final int PACK_INTERVAL = 0x0100;
    static final int PACK_BITFIELD = 0x0200;
    static final int PACK_BLOB = 0x0400;
    static final int PACK_GEOM = 0x0800;
    static final int PACK_BIT_AS_CHAR = 0x1000;
    static final int PACK_NO_DEFAULT = 0x4000;
    static final int PACK_MAYBE_NULL = 0x8000;

    boolean nullable() {
        return (packFlag & PACK_MAYBE_NULL) != 0;
    }

    boolean noDefault() {
        return (packFlag & PACK_NO_DEFAULT) != 0;
    }

    /** Storage length code of BLOB/ENUM/SET columns: pack-flag bits 3–6. */
    int packLengthCode() {
        return (packFlag >> 3) & 15;
    }

    /**
     * The bytes of an ENUM/SET value: the server writes its byte count (1, 2, 3, 4 or 8) as the code of the
     * integer type of that size (1 TINY, 2 SHORT, 9 INT24, 3 LONG, 8 LONGLONG; frm.md §5.3); -1 for any other code.
     */
    int listPackLength() {
        switch (packLengthCode()) {
            case 1: return 1;
            case 2: return 2;
            case 9: return 3;
            case 3: return 4;
            case 8: return 8;
            default: return -1;
        }
    }

    int decimals(boolean sixBits) {
        return (packFlag >> 8) & (sixBits ? 63 : 31);
    }

    /** unireg_check without the MySQL 5.7 generated-column bit. */
    int uniregCheck() {
        return unireg & 0x7F;
    }
}
