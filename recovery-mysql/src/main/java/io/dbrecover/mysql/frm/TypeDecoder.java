package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Collations;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.GeometryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Turns a stored column record into a {@link DataType} (docs/formats/frm.md §6). */
final class TypeDecoder {
    static final int UNIREG_COMPRESSED = 24;
    /** FLOAT/DOUBLE decimals at or above this mean "no (M,D) given". */
    private static final int NOT_FIXED_DECIMALS = 31;

    private final FrmBytes b;
    private final FrmHeader h;
    private final ColumnSection cs;
    private final Extra2 extra2;
    private final ExpressionSection expressions;
    /** What the script cannot give back exactly (labels a multi-byte set refuses), for the table's notes. */
    private final List<String> notes;

    TypeDecoder(FrmBytes b, FrmHeader h, ColumnSection cs, Extra2 extra2, ExpressionSection expressions,
                List<String> notes) {
        this.notes = notes;
        this.b = b;
        this.h = h;
        this.cs = cs;
        this.extra2 = extra2;
        this.expressions = expressions;
    }

    /** The type code after resolving MariaDB ≤ 10.1 virtual columns (245 = "virtual", real type elsewhere). */
    int effectiveTypeCode(RawColumn c) {
        if (c.typeCode() == 245 && !h.isMySql57()) {
            Integer real = expressions.realTypes().get(c.index());
            if (real == null) {
                throw b.corrupt(h.formInfoOffset(), "virtual column " + c.name() + " has no expression entry");
            }
            return real;
        }
        return c.typeCode();
    }

    DataType decode(RawColumn c) {
        int code = effectiveTypeCode(c);
        boolean signed = (c.packFlag() & RawColumn.PACK_SIGNED_OR_BINARY) != 0;
        boolean zerofill = (c.packFlag() & RawColumn.PACK_ZEROFILL) != 0;
        int decimals = c.decimals(h.isMariaDb102OrLater());
        int len = c.length();
        String extended = extra2.typeNames().get(c.index());
        if (extended != null) {
            return new DataType(ColumnType.EXTENDED, 0, -1, 0, false, false, null, List.of(), null, extended, false,
                    false);
        }
        switch (code) {
            case 1: return integer(ColumnType.TINYINT, len, signed, zerofill);
            case 2: return integer(ColumnType.SMALLINT, len, signed, zerofill);
            case 9: return integer(ColumnType.MEDIUMINT, len, signed, zerofill);
            case 3: return integer(ColumnType.INT, len, signed, zerofill);
            case 8: return integer(ColumnType.BIGINT, len, signed, zerofill);
            case 4:
            case 5: {
                ColumnType t = code == 4 ? ColumnType.FLOAT : ColumnType.DOUBLE;
                boolean fixed = decimals < NOT_FIXED_DECIMALS;
                return DataType.simple(t, fixed ? len : 0, fixed ? decimals : -1, 0, !signed, zerofill);
            }
            case 0:
            case 246: {
                int precision = len - (decimals > 0 ? 1 : 0) - (signed ? 1 : 0);
                if (precision < 1 || precision > 65 || decimals > 38 || decimals > precision) {
                    throw b.corrupt(h.formInfoOffset(), "column " + c.name() + ": DECIMAL length " + len
                            + " and scale " + decimals + " do not fit");
                }
                DataType dec = DataType.simple(ColumnType.DECIMAL, precision, decimals, 0, !signed, zerofill);
                return code == 0 ? dec.withLegacy() : dec;
            }
            case 16:
                if (len < 1 || len > 64) {
                    throw b.corrupt(h.formInfoOffset(), "column " + c.name() + ": BIT(" + len + ")");
                }
                return DataType.simple(ColumnType.BIT, len, -1, 0, false, false);
            case 7: return DataType.simple(ColumnType.TIMESTAMP, 0, -1, fsp(len, 19), false, false).withLegacy();
            case 12: return legacy(ColumnType.DATETIME, fsp(len, 19));
            case 11: return legacy(ColumnType.TIME, fsp(len, 10));
            case 17: return DataType.simple(ColumnType.TIMESTAMP, 0, -1, fsp(len, 19), false, false);
            case 18: return DataType.simple(ColumnType.DATETIME, 0, -1, fsp(len, 19), false, false);
            case 19: return DataType.simple(ColumnType.TIME, 0, -1, fsp(len, 10), false, false);
            case 10:
            case 14: return DataType.simple(ColumnType.DATE, 0, -1, 0, false, false);
            case 13: return DataType.simple(ColumnType.YEAR, len, -1, 0, false, false);
            case 245:
                return DataType.simple(ColumnType.JSON, 0, -1, 0, false, false);
            case 255: {
                int sub = c.collationId() & 0xFF;
                if (sub >= GeometryType.values().length) {
                    throw b.corrupt(h.formInfoOffset(), "column " + c.name() + ": unknown geometry subtype " + sub);
                }
                return new DataType(ColumnType.GEOMETRY, 0, -1, 0, false, false, null, List.of(),
                        GeometryType.values()[sub], null, false, false);
            }
            case 15:
            case 253:
            case 254: {
                CharsetCollation cc = collation(c);
                if (code == 254 && (c.packFlag() & RawColumn.PACK_NUMBER) == 0
                        && (c.packFlag() & (RawColumn.PACK_INTERVAL | RawColumn.PACK_BITFIELD)) != 0) {
                    return list((c.packFlag() & RawColumn.PACK_INTERVAL) != 0 ? ColumnType.ENUM : ColumnType.SET,
                            c, cc);
                }
                boolean compressed = c.uniregCheck() == UNIREG_COMPRESSED;
                int bytes = compressed ? len - 1 : len;
                if (bytes < 0 || bytes % cc.maxBytesPerChar() != 0) {
                    throw b.corrupt(h.formInfoOffset(), "column " + c.name() + ": length " + len
                            + " is not a whole number of " + cc.charset() + " characters");
                }
                boolean fixed = code == 254;
                boolean old = code == 253; // pre-5.0.3 VARCHAR with trailing-space stripping
                boolean packedRecords = (h.tableOptions() & FrmHeader.HA_OPTION_PACK_RECORD) != 0;
                if (fixed && !h.hasTrueVarchar() && packedRecords && len >= 4) {
                    fixed = false; // a VARCHAR of MySQL < 5.0, stored like CHAR (frm.md §6.3)
                    old = true;
                }
                if (cc.isBinary()) {
                    return new DataType(fixed ? ColumnType.BINARY : ColumnType.VARBINARY, bytes, -1, 0, false,
                            false, null, List.of(), null, null, old, compressed);
                }
                return new DataType(fixed ? ColumnType.CHAR : ColumnType.VARCHAR, bytes / cc.maxBytesPerChar(), -1,
                        0, false, false, cc, List.of(), null, null, old, compressed);
            }
            case 247: return list(ColumnType.ENUM, c, collation(c));
            case 248: return list(ColumnType.SET, c, collation(c));
            case 249:
            case 250:
            case 251:
            case 252: {
                CharsetCollation cc = collation(c);
                int size = lobSize(code, c);
                ColumnType t = cc.isBinary()
                        ? new ColumnType[] {ColumnType.TINYBLOB, ColumnType.BLOB, ColumnType.MEDIUMBLOB,
                            ColumnType.LONGBLOB}[size]
                        : new ColumnType[] {ColumnType.TINYTEXT, ColumnType.TEXT, ColumnType.MEDIUMTEXT,
                            ColumnType.LONGTEXT}[size];
                return new DataType(t, 0, -1, 0, false, false, cc.isBinary() ? null : cc, List.of(), null, null,
                        false, c.uniregCheck() == UNIREG_COMPRESSED);
            }
            default:
                throw b.unsupported(h.formInfoOffset(), "column " + c.name() + " has unknown type code " + code);
        }
    }

    private static DataType legacy(ColumnType t, int fsp) {
        return DataType.simple(t, 0, -1, fsp, false, false).withLegacy();
    }

    /** 0 tiny, 1 plain, 2 medium, 3 long: from the pack-flag length code for 252, from the type code otherwise. */
    private int lobSize(int code, RawColumn c) {
        switch (code) {
            case 249: return 0;
            case 250: return 2;
            case 251: return 3;
            default:
                switch (c.packLengthCode()) {
                    case 1: return 0;
                    case 2: return 1;
                    case 9: return 2;
                    case 3: case 4: return 3;
                    default: return 1;
                }
        }
    }

    private int fsp(int length, int base) {
        int fsp = length > base ? length - base - 1 : 0;
        if (fsp > 6) {
            throw b.corrupt(h.formInfoOffset(), "temporal column length " + length + " implies precision " + fsp);
        }
        return fsp;
    }

    private DataType integer(ColumnType t, int width, boolean signed, boolean zerofill) {
        if (width > 255) {
            throw b.corrupt(h.formInfoOffset(), t + " display width " + width + " exceeds 255");
        }
        return DataType.simple(t, width, -1, 0, !signed, zerofill);
    }

    CharsetCollation collation(RawColumn c) {
        int id = h.currentCollationId(c.collationId());
        if (id == 0) {
            return Collations.binary(); // MySQL 5.7's reading of a missing string collation
        }
        return Collations.byId(id).orElseThrow(() -> b.unsupported(h.formInfoOffset(),
                "column " + c.name() + " uses collation id " + id + ", unknown to MariaDB 10.11"));
    }

    private DataType list(ColumnType t, RawColumn c, CharsetCollation cc) {
        int n = c.interval();
        if (n < 1 || n > cs.intervals().size()) {
            throw b.corrupt(h.formInfoOffset(), "column " + c.name() + " names value list " + n + " of "
                    + cs.intervals().size());
        }
        List<String> labels = new ArrayList<>();
        List<String> hex = new ArrayList<>();
        boolean anyHex = false;
        for (byte[] raw : cs.intervals().get(n - 1)) {
            byte[] bytes = raw;
            if (cc.minBytesPerChar() > 1) {
                try {
                    bytes = HexFormat.of().parseHex(new String(raw, StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    throw b.corrupt(h.formInfoOffset(), "column " + c.name() + ": value list is not hex-encoded");
                }
            }
            byte[] stored = bytes;
            Optional<String> text = StoredText.exact(cc, stored);
            labels.add(text.orElseGet(() -> StoredText.lossy(cc, stored)));
            boolean asHex = text.isEmpty() && StoredText.hexTaken(cc, stored);
            hex.add(asHex ? StoredText.hex(bytes) : "");
            anyHex |= asHex;
            if (text.isEmpty() && !asHex) {
                notes.add("column " + c.name() + ": value 0x" + StoredText.hex(bytes) + " is not valid "
                        + cc.charset() + ", which the server refuses in any literal: written as '"
                        + labels.get(labels.size() - 1) + "' (? for the invalid bytes)");
            }
        }
        if (labels.isEmpty()) {
            throw b.corrupt(h.formInfoOffset(), "column " + c.name() + " has an empty value list");
        }
        // a binary ENUM/SET keeps its character set: without CHARACTER SET binary it would load as a text one
        return new DataType(t, 0, -1, 0, false, false, cc, labels, null, null, false, false, anyHex ? hex : List.of());
    }
}
