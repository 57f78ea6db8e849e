package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.DataType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Turns stored field bytes into the canonical text a server produces for the same column with
 * {@link #serverExpression}: numbers and dates as {@code CAST(… AS CHAR)}, TIMESTAMP as {@code UNIX_TIMESTAMP},
 * strings and binary data as {@code HEX}. Types without an exact canonical form here give {@code null} from
 * {@link #serverExpression} and are left out of the comparison.
 */
final class ValueDecoder {
    /** Off-page values longer than this are not fetched. */
    static final long MAX_EXTERNAL = 16L << 20;
    private static final int[] DIGIT_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final int FIL_PAGE_NEXT = 12;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final TablespaceFile file;

    ValueDecoder(TablespaceFile file) {
        this.file = file;
    }

    /** The SQL expression whose text result equals {@link #decode}, or {@code null} when not compared. */
    static String serverExpression(Column c) {
        String q = "`" + c.name().replace("`", "``") + "`";
        DataType t = c.type();
        if (t.compressed()) {
            return null;
        }
        switch (t.type()) {
            case TINYINT: case SMALLINT: case MEDIUMINT: case INT: case BIGINT: case DECIMAL: case DATE:
            case DATETIME: case TIME:
                if (t.legacyTemporal()) {
                    return null;
                }
                // +0 drops ZEROFILL padding, which is display only: the file holds the number
                return "CAST(" + q + (t.zerofill() ? "+0" : "") + " AS CHAR)";
            case FLOAT:
                // Widened to DOUBLE the server prints the stored float exactly (as text FLOAT keeps 6 digits).
                return "CAST(CAST(" + q + " AS DOUBLE) AS CHAR)";
            case DOUBLE:
                return "CAST(" + q + " AS CHAR)";
            case BIT: case ENUM: case SET: case YEAR:
                return "CAST(" + q + "+0 AS CHAR)";
            case TIMESTAMP:
                return t.legacyTemporal() ? null : "CAST(UNIX_TIMESTAMP(" + q + ") AS CHAR)";
            case CHAR: case VARCHAR:
                return t.legacyTemporal() ? null : "HEX(" + q + ")";
            case BINARY: case VARBINARY: case TINYTEXT: case TEXT: case MEDIUMTEXT: case LONGTEXT:
            case TINYBLOB: case BLOB: case MEDIUMBLOB: case LONGBLOB: case GEOMETRY:
                return "HEX(" + q + ")";
            default:
                return null;
        }
    }

    /** Whether two canonical values are equal: exactly, or within float precision for FLOAT/DOUBLE. */
    static boolean same(Column c, String file, String server) {
        if (file == null || server == null) {
            return file == null && server == null;
        }
        if (file.equals(server)) {
            return true;
        }
        switch (c.type().type()) {
            case FLOAT: case DOUBLE:
                try {
                    double a = Double.parseDouble(file);
                    double b = Double.parseDouble(server);
                    // Both sides print the same double, only the shortest-text algorithms may differ.
                    return Math.abs(a - b) <= 1e-15 * Math.max(Math.abs(a), Math.abs(b));
                } catch (NumberFormatException e) {
                    return false;
                }
            default:
                return false;
        }
    }

    /**
     * The canonical text of one stored field.
     *
     * @param bytes the field's bytes as stored in the page (for an off-page field including the 20-byte pointer)
     * @param external the field continues off-page
     */
    String decode(StoredField f, byte[] bytes, boolean external) {
        DataType t = f.column().type();
        byte[] b = external ? fetchExternal(f, bytes) : bytes;
        switch (t.type()) {
            case TINYINT: case SMALLINT: case MEDIUMINT: case INT: case BIGINT:
                return integer(b, !t.unsigned()).toString();
            case DECIMAL:
                return decimal(b, t.length(), t.scale());
            case FLOAT:
                return Double.toString(Float.intBitsToFloat((int) littleEndian(b)));
            case DOUBLE:
                return Double.toString(Double.longBitsToDouble(littleEndian(b)));
            case BIT: case ENUM: case SET:
                return new BigInteger(1, b).toString();
            case YEAR: {
                int v = b[0] & 0xFF;
                return v == 0 ? "0" : Integer.toString(1900 + v);
            }
            case DATE: {
                int v = (int) Bytes.uN(b, 0, 3);
                if ((v & 0x800000) != 0) {
                    v ^= 0x800000;
                }
                return String.format("%04d-%02d-%02d", v >>> 9, (v >>> 5) & 15, v & 31);
            }
            case DATETIME:
                return datetime(b, t.fsp());
            case TIMESTAMP: {
                long seconds = Bytes.uN(b, 0, 4);
                return t.fsp() == 0 ? Long.toString(seconds) : seconds + "." + fraction(b, 4, t.fsp());
            }
            case TIME:
                return time(b, t.fsp());
            case CHAR:
                return HEX.formatHex(stripSpaces(b, t.charset() == null ? 1 : t.charset().minBytesPerChar()));
            default:
                return HEX.formatHex(b);
        }
    }

    private static BigInteger integer(byte[] b, boolean signed) {
        byte[] copy = b.clone();
        if (signed) {
            copy[0] ^= (byte) 0x80;
            return new BigInteger(copy);
        }
        return new BigInteger(1, copy);
    }

    private static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    /** MySQL's packed binary DECIMAL: sign in the top bit (flipped), negative values with every byte inverted. */
    static String decimal(byte[] stored, int precision, int scale) {
        byte[] b = stored.clone();
        boolean negative = toMagnitude(b);
        int intDigits = precision - scale;
        StringBuilder digits = new StringBuilder();
        int pos = 0;
        int lead = intDigits % 9;
        if (lead > 0) {
            int n = DIGIT_BYTES[lead];
            digits.append(Bytes.uN(b, pos, n));
            pos += n;
        }
        for (int i = 0; i < intDigits / 9; i++) {
            digits.append(String.format("%09d", Bytes.uN(b, pos, 4)));
            pos += 4;
        }
        StringBuilder frac = new StringBuilder();
        for (int i = 0; i < scale / 9; i++) {
            frac.append(String.format("%09d", Bytes.uN(b, pos, 4)));
            pos += 4;
        }
        int tail = scale % 9;
        if (tail > 0) {
            frac.append(String.format("%0" + tail + "d", Bytes.uN(b, pos, DIGIT_BYTES[tail])));
        }
        String text = (digits.length() == 0 ? "0" : digits) + (scale > 0 ? "." + frac : "");
        BigDecimal value = new BigDecimal(text);
        if (negative) {
            value = value.negate();
        }
        // A damaged group can hold more than 9 digits: never throw for it, the comparison shows the garbage.
        return value.setScale(scale, java.math.RoundingMode.DOWN).toPlainString();
    }

    /**
     * Turns a packed DECIMAL's bytes, in place, into the big-endian digit groups of its absolute value; returns
     * whether it was negative.
     */
    static boolean toMagnitude(byte[] b) {
        boolean negative = (b[0] & 0x80) == 0;
        b[0] ^= (byte) 0x80;
        if (negative) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ~b[i];
            }
        }
        return negative;
    }

    private static String fraction(byte[] b, int off, int fsp) {
        int n = (fsp + 1) / 2;
        long v = Bytes.uN(b, off, n);
        long micros = n == 1 ? v * 10000 : n == 2 ? v * 100 : v;
        return String.format("%06d", micros).substring(0, fsp);
    }

    private static String datetime(byte[] b, int fsp) {
        long packed = Bytes.uN(b, 0, 5) - 0x8000000000L;
        long ymd = packed >>> 17;
        long ym = ymd >>> 5;
        long hms = packed & 0x1FFFF;
        String text = String.format("%04d-%02d-%02d %02d:%02d:%02d", ym / 13, ym % 13, ymd & 31, hms >>> 12,
                (hms >>> 6) & 63, hms & 63);
        return fsp == 0 ? text : text + "." + fraction(b, 5, fsp);
    }

    private static String time(byte[] b, int fsp) {
        int n = (fsp + 1) / 2;
        long intPart = Bytes.uN(b, 0, 3) - 0x800000L;
        long frac = 0;
        if (n > 0) {
            long raw = Bytes.uN(b, 3, n);
            long span = 1L << (8 * n);
            if (intPart < 0 && raw != 0) {
                intPart++;
                raw -= span;
            }
            frac = n == 1 ? raw * 10000 : n == 2 ? raw * 100 : raw;
        }
        long packed = (intPart << 24) + frac;
        boolean negative = packed < 0;
        long abs = Math.abs(packed);
        long hmsPart = abs >>> 24;
        long micros = abs & 0xFFFFFF;
        String text = String.format("%s%02d:%02d:%02d", negative ? "-" : "", (hmsPart >>> 12) & 0x3FF,
                (hmsPart >>> 6) & 63, hmsPart & 63);
        return fsp == 0 ? text : text + "." + String.format("%06d", micros).substring(0, fsp);
    }

    private static byte[] stripSpaces(byte[] b, int width) {
        int end = b.length;
        while (end >= width && isSpace(b, end - width, width)) {
            end -= width;
        }
        return java.util.Arrays.copyOf(b, end);
    }

    private static boolean isSpace(byte[] b, int off, int width) {
        for (int i = 0; i < width - 1; i++) {
            if (b[off + i] != 0) {
                return false;
            }
        }
        return b[off + width - 1] == 0x20;
    }

    /** The local prefix followed by the BLOB page chain the 20-byte pointer at the end names. */
    private byte[] fetchExternal(StoredField f, byte[] local) {
        int prefix = local.length - 20;
        long page = Bytes.u32(local, prefix + 4);
        int offset = (int) Bytes.u32(local, prefix + 8);
        long length = Bytes.u32(local, prefix + 16);
        if (length > MAX_EXTERNAL) {
            throw new ValueTooLarge("column `" + f.name() + "` holds " + length + " bytes off-page");
        }
        if (file.flags().zip()) {
            return fetchCompressed(f, local, prefix, page, offset, (int) length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (prefix + length));
        out.write(local, 0, prefix);
        long remaining = length;
        Set<Long> seen = new HashSet<>();
        while (remaining > 0) {
            // Distinct pages only: a chain can hold no more pages than the file.
            if (page == IndexPage.FIL_NULL || !seen.add(page)) {
                throw TablespaceFile.corrupt(file.path(), "has a broken BLOB chain for column `" + f.name()
                        + "` at page " + page, "the BLOB pages are damaged");
            }
            byte[] p = file.logical(page);
            if (offset < 38 || offset + 8 > p.length - 8) {
                throw TablespaceFile.corrupt(file.path(), "has a BLOB pointer to offset " + offset + " of page "
                        + page, "the BLOB pages are damaged");
            }
            long part = Bytes.u32(p, offset);
            long next = Bytes.u32(p, offset + 4);
            if (part > remaining || part > p.length - offset - 8 - 8) {
                throw TablespaceFile.corrupt(file.path(), "has a BLOB page " + page + " claiming " + part
                        + " bytes", "the BLOB pages are damaged");
            }
            out.write(p, offset + 8, (int) part);
            remaining -= part;
            page = next;
            offset = 38;
            if (part == 0 && remaining > 0) {
                throw TablespaceFile.corrupt(file.path(), "has an empty BLOB page " + page, "the BLOB pages are "
                        + "damaged");
            }
        }
        return out.toByteArray();
    }

    /**
     * A ROW_FORMAT=COMPRESSED off-page value: one zlib stream over a chain of pages (type 11 first, then 12), each
     * holding its next page number at the pointer's offset (the FIL header's next-page field, offset 12, on every
     * page but maybe the first) and compressed data after it (from byte 38 in that case) to the end of the page.
     */
    private byte[] fetchCompressed(StoredField f, byte[] local, int prefix, long firstPage, int firstOffset,
                                   int length) {
        byte[] out = new byte[prefix + length];
        System.arraycopy(local, 0, out, 0, prefix);
        int produced = 0;
        long page = firstPage;
        int offset = firstOffset;
        int type = 11;
        Set<Long> seen = new HashSet<>();
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            while (produced < length) {
                if (page == IndexPage.FIL_NULL || !seen.add(page)) {
                    break;
                }
                byte[] p = file.physical(page);
                if (Bytes.u16(p, 24) != type || offset < FIL_PAGE_NEXT || offset + 4 > p.length) {
                    throw TablespaceFile.corrupt(file.path(), "has a compressed BLOB page " + page + " of type "
                            + Bytes.u16(p, 24) + " (pointer offset " + offset + ") for column `" + f.name() + "`",
                            "the BLOB pages are damaged");
                }
                long next = Bytes.u32(p, offset);
                int data = offset == FIL_PAGE_NEXT ? 38 : offset + 4;
                inflater.setInput(p, data, p.length - data);
                while (produced < length && !inflater.finished() && !inflater.needsInput()) {
                    int n = inflater.inflate(out, prefix + produced, length - produced);
                    if (n == 0 && inflater.needsDictionary()) {
                        break;
                    }
                    produced += n;
                }
                if (inflater.finished() || inflater.needsDictionary()) {
                    break;
                }
                page = next;
                offset = FIL_PAGE_NEXT;
                type = 12;
            }
        } catch (java.util.zip.DataFormatException e) {
            throw TablespaceFile.corrupt(file.path(), "has damaged compressed BLOB data for column `" + f.name()
                    + "` (" + e.getMessage() + ")", "the BLOB pages are damaged");
        } finally {
            inflater.end();
        }
        if (produced != length) {
            throw TablespaceFile.corrupt(file.path(), "has a compressed BLOB for column `" + f.name()
                    + "` that inflates to " + produced + " of its " + length + " bytes", "the BLOB pages are damaged");
        }
        return out;
    }

    /** An off-page value too large to fetch for a sample. */
    static final class ValueTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValueTooLarge(String message) {
            super(message, null, false, false);
        }
    }
}
