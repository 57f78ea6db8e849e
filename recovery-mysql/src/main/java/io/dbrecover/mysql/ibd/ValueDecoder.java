package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.ExtendedValues;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns stored field bytes into the exact form of {@link ValueForm}: what a MariaDB server returns for the same
 * value, so that every value decoded here can be compared with the server's, bit for bit.
 */
final class ValueDecoder {
    private static final int[] DIGIT_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final long[] POWERS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};
    private static final int FIL_PAGE_NEXT = 12;

    private final TablespaceFile file;
    private final long largeLimit;

    /**
     * @param largeLimit values longer than this many bytes are returned as a {@link LargeValue} (streamed through
     *        SHA-256) instead of a byte array
     */
    ValueDecoder(TablespaceFile file, long largeLimit) {
        this.file = file;
        this.largeLimit = largeLimit;
    }

    /**
     * The exact form of one stored field.
     *
     * @param bytes the field's bytes as stored in the page (for an off-page field including the 20-byte pointer)
     * @param external the field continues off-page
     * @return a {@link String} for {@link ValueForm#TEXT}, a {@code byte[]} or {@link LargeValue} for
     *         {@link ValueForm#BYTES}, a {@link Double} for {@link ValueForm#REAL}
     */
    Object decode(StoredField f, byte[] bytes, boolean external) {
        DataType t = f.column().type();
        if (external) {
            return externalValue(f, bytes, t);
        }
        switch (t.type()) {
            case TINYINT: case SMALLINT: case MEDIUMINT: case INT: case BIGINT:
                return integer(bytes, !t.unsigned());
            case DECIMAL:
                return decimal(bytes, t.length(), t.scale());
            case FLOAT:
                return (double) Float.intBitsToFloat((int) littleEndian(bytes));
            case DOUBLE:
                return Double.longBitsToDouble(littleEndian(bytes));
            case BIT: case ENUM: case SET:
                return Long.toUnsignedString(Bytes.uN(bytes, 0, bytes.length));
            case YEAR: {
                int v = bytes[0] & 0xFF;
                return v == 0 ? "0" : Integer.toString(1900 + v);
            }
            case DATE: {
                int v = (int) Bytes.uN(bytes, 0, 3);
                if ((v & 0x800000) != 0) {
                    v ^= 0x800000;
                }
                StringBuilder date = new StringBuilder(10);
                Digits.pad(date, v >>> 9, 4).append('-');
                Digits.pad(date, (v >>> 5) & 15, 2).append('-');
                return Digits.pad(date, v & 31, 2).toString();
            }
            case DATETIME:
                return checked(f, TemporalValues.dateTime(bytes, 0, t.fsp(), t.legacyTemporal()));
            case TIMESTAMP:
                return checked(f, TemporalValues.timestamp(bytes, 0, t.fsp(), t.legacyTemporal()));
            case TIME:
                return checked(f, TemporalValues.time(bytes, 0, t.fsp(), t.legacyTemporal()));
            case CHAR:
                return stripSpaces(bytes, t.charset() == null ? 1 : t.charset().minBytesPerChar());
            case EXTENDED:
                return ExtendedValues.text(t.extendedName(), bytes);
            default:
                return bytes;
        }
    }

    /** A temporal value that is none: garbage the comparison must show, not hide. */
    private static String checked(StoredField f, String text) {
        return text != null ? text : "(no valid " + f.typeText() + ")";
    }

    private Object externalValue(StoredField f, byte[] local, DataType t) {
        int prefix = local.length - 20;
        long length = prefix + Bytes.u32(local, prefix + 16);
        if (length <= largeLimit) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
            fetchExternal(f, local, out::write);
            byte[] b = out.toByteArray();
            return t.type() == ColumnType.CHAR
                    ? stripSpaces(b, t.charset() == null ? 1 : t.charset().minBytesPerChar()) : b;
        }
        MessageDigest md = sha256();
        long[] total = new long[1];
        fetchExternal(f, local, (b, off, len) -> {
            md.update(b, off, len);
            total[0] += len;
        });
        return new LargeValue(total[0], md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Where the bytes of an off-page value go. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] b, int off, int len);
    }

    /** A big-endian integer as InnoDB stores it: signed ones with their sign bit flipped. */
    private static String integer(byte[] b, boolean signed) {
        long raw = Bytes.uN(b, 0, b.length);
        if (!signed) {
            return Long.toUnsignedString(raw);
        }
        int shift = 64 - 8 * b.length;
        // flip the sign bit back, then extend it over the high bytes
        return Long.toString(((raw ^ (1L << (8 * b.length - 1))) << shift) >> shift);
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
        StringBuilder digits = new StringBuilder(precision + 2);
        boolean damaged = false;
        int pos = 0;
        int lead = intDigits % 9;
        if (lead > 0) {
            int n = DIGIT_BYTES[lead];
            long v = Bytes.uN(b, pos, n);
            damaged |= v >= POWERS[lead];
            digits.append(v);
            pos += n;
        }
        for (int i = 0; i < intDigits / 9; i++) {
            long v = Bytes.uN(b, pos, 4);
            damaged |= v >= POWERS[9];
            Digits.pad(digits, v, 9);
            pos += 4;
        }
        StringBuilder frac = new StringBuilder(scale);
        for (int i = 0; i < scale / 9; i++) {
            long v = Bytes.uN(b, pos, 4);
            damaged |= v >= POWERS[9];
            Digits.pad(frac, v, 9);
            pos += 4;
        }
        int tail = scale % 9;
        if (tail > 0) {
            long v = Bytes.uN(b, pos, DIGIT_BYTES[tail]);
            damaged |= v >= POWERS[tail];
            Digits.pad(frac, v, tail);
        }
        if (damaged) {
            // a damaged group holds more digits than it may: never throw for it, the comparison shows the garbage
            BigDecimal value = new BigDecimal((digits.length() == 0 ? "0" : digits) + (scale > 0 ? "." + frac : ""));
            return (negative ? value.negate() : value).setScale(scale, RoundingMode.DOWN).toPlainString();
        }
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        String whole = digits.length() == 0 ? "0" : digits.substring(first);
        boolean zero = whole.equals("0") && frac.chars().allMatch(c -> c == '0');
        return (negative && !zero ? "-" : "") + whole + (scale > 0 ? "." + frac : "");
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

    private static byte[] stripSpaces(byte[] b, int width) {
        int end = b.length;
        while (end >= width && isSpace(b, end - width, width)) {
            end -= width;
        }
        return Arrays.copyOf(b, end);
    }

    private static boolean isSpace(byte[] b, int off, int width) {
        for (int i = 0; i < width - 1; i++) {
            if (b[off + i] != 0) {
                return false;
            }
        }
        return b[off + width - 1] == 0x20;
    }

    /** The local prefix followed by the BLOB page chain the 20-byte pointer at the end names, into a sink. */
    private void fetchExternal(StoredField f, byte[] local, Sink sink) {
        int prefix = local.length - 20;
        long page = Bytes.u32(local, prefix + 4);
        int offset = (int) Bytes.u32(local, prefix + 8);
        long length = Bytes.u32(local, prefix + 16);
        sink.write(local, 0, prefix);
        if (file.flags().zip()) {
            fetchCompressed(f, page, offset, length, sink);
            return;
        }
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
            sink.write(p, offset + 8, (int) part);
            remaining -= part;
            if (part == 0 && remaining > 0) {
                throw TablespaceFile.corrupt(file.path(), "has an empty BLOB page " + page, "the BLOB pages are "
                        + "damaged");
            }
            page = next;
            offset = 38;
        }
    }

    /**
     * A ROW_FORMAT=COMPRESSED off-page value: one zlib stream over a chain of pages (type 11 first, then 12), each
     * holding its next page number at the pointer's offset (the FIL header's next-page field, offset 12, on every
     * page but maybe the first) and compressed data after it (from byte 38 in that case) to the end of the page.
     */
    private void fetchCompressed(StoredField f, long firstPage, int firstOffset, long length, Sink sink) {
        long produced = 0;
        long page = firstPage;
        int offset = firstOffset;
        int type = 11;
        Set<Long> seen = new HashSet<>();
        byte[] chunk = new byte[64 * 1024];
        Inflater inflater = new Inflater();
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
                    int n = inflater.inflate(chunk, 0, (int) Math.min(chunk.length, length - produced));
                    if (n == 0 && inflater.needsDictionary()) {
                        break;
                    }
                    sink.write(chunk, 0, n);
                    produced += n;
                }
                if (inflater.finished() || inflater.needsDictionary()) {
                    break;
                }
                page = next;
                offset = FIL_PAGE_NEXT;
                type = 12;
            }
        } catch (DataFormatException e) {
            throw TablespaceFile.corrupt(file.path(), "has damaged compressed BLOB data for column `" + f.name()
                    + "` (" + e.getMessage() + ")", "the BLOB pages are damaged");
        } finally {
            inflater.end();
        }
        if (produced != length) {
            throw TablespaceFile.corrupt(file.path(), "has a compressed BLOB for column `" + f.name()
                    + "` that inflates to " + produced + " of its " + length + " bytes", "the BLOB pages are damaged");
        }
    }
}
