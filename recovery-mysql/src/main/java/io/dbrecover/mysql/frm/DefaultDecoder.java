package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.MariaDb53Temporals;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads literal defaults out of the default-values record (docs/formats/frm.md §8): the null bitmap first, then
 * each value at its record position in its storage format.
 */
final class DefaultDecoder {
    private static final int[] DIGIT_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    private final FrmBytes b;
    private final FrmHeader h;
    private final int[] nullBit;
    private final int[] bitSpare;
    /** Where the null bitmap starts: the record's first byte, or its last bytes in pre-3.23 headers. */
    private final long bitmapAt;

    DefaultDecoder(FrmBytes b, FrmHeader h, List<RawColumn> columns, List<DataType> types, boolean[] mysqlVirtual) {
        this.b = b;
        this.h = h;
        int n = columns.size();
        nullBit = new int[n];
        bitSpare = new int[n];
        int bit = h.firstNullBit();
        // MySQL 5.7 gives virtual generated columns their null bits after all others.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                if (mysqlVirtual[i] != (pass == 1)) {
                    continue;
                }
                RawColumn c = columns.get(i);
                nullBit[i] = -1;
                bitSpare[i] = -1;
                if (c.nullable()) {
                    nullBit[i] = bit++;
                }
                if (types.get(i).type() == ColumnType.BIT && (c.packFlag() & RawColumn.PACK_BIT_AS_CHAR) == 0) {
                    bitSpare[i] = bit;
                    bit += types.get(i).length() % 8;
                }
            }
        }
        long bitmapBytes = (bit + 7) / 8;
        if (bitmapBytes > h.recordLength()) {
            throw b.corrupt(h.recordOffset(), "null bitmap of " + bitmapBytes + " bytes exceeds the record length "
                    + h.recordLength());
        }
        bitmapAt = h.nullFieldsFirst() ? h.recordOffset() : h.recordOffset() + h.recordLength() - bitmapBytes;
    }

    private boolean bit(int n) {
        return (b.u8(bitmapAt + n / 8, "null bitmap") >> (n % 8) & 1) != 0;
    }

    boolean isNull(int column) {
        return nullBit[column] >= 0 && bit(nullBit[column]);
    }

    /**
     * The literal default of a column whose null bit is clear; what the script cannot give back exactly is added
     * to {@code notes}.
     */
    ColumnDefault literal(RawColumn c, DataType t, List<String> notes) {
        long at = h.recordOffset() + (long) c.recordPosition() - 1;
        // A BIT(n < 8) of MyISAM/Aria lives wholly in the null bitmap, and a CHAR(0)/BINARY(0) has no bytes: such a
        // column takes no record bytes and may sit just past the last one.
        boolean noBytes = t.type() == ColumnType.BIT && t.length() < 8
                && (c.packFlag() & RawColumn.PACK_BIT_AS_CHAR) == 0
                || (t.type() == ColumnType.CHAR || t.type() == ColumnType.BINARY) && c.length() == 0;
        if (c.recordPosition() < 1 || c.recordPosition() > h.recordLength() + (noBytes ? 1 : 0)) {
            throw b.corrupt(h.formInfoOffset(), "column " + c.name() + " record position " + c.recordPosition()
                    + " is outside the record of " + h.recordLength() + " bytes");
        }
        long recordEnd = (long) h.recordOffset() + h.recordLength();
        Value v = new Value(at, recordEnd, c.name());
        switch (t.type()) {
            case TINYINT: return number(zerofill(integer(v, 1, t.unsigned()), t));
            case SMALLINT: return number(zerofill(integer(v, 2, t.unsigned()), t));
            case MEDIUMINT: return number(zerofill(integer(v, 3, t.unsigned()), t));
            case INT: return number(zerofill(integer(v, 4, t.unsigned()), t));
            case BIGINT: return number(zerofill(integer(v, 8, t.unsigned()), t));
            case FLOAT: {
                float f = Float.intBitsToFloat((int) v.le(4));
                return number(zerofill(FloatFormat.format(f, t.scale() >= 0 ? Float.toString(f)
                        : FloatFormat.floatDigits(f), t.scale()), t.zerofill(),
                        c.length()));
            }
            case DOUBLE: {
                double d = Double.longBitsToDouble(v.le(8));
                return number(zerofill(FloatFormat.format(d, Double.toString(d), t.scale()), t.zerofill(),
                        c.length()));
            }
            case DECIMAL:
                if (c.typeCode() == 0) {
                    return number(new String(v.bytes(c.length()), StandardCharsets.US_ASCII).trim());
                }
                return number(zerofill(decimal(v, t.length(), t.scale()), t.zerofill(), c.length()));
            case YEAR: {
                int y = (int) v.le(1);
                return number(y == 0 ? "0000" : Integer.toString(1900 + y));
            }
            case BIT: return bitValue(v, c, t);
            case DATE: {
                if (c.typeCode() == 10) {
                    // The 4-byte DATE of MySQL 3.23: the integer YYYYMMDD.
                    long n = v.le(4);
                    return string(String.format("%04d-%02d-%02d", n / 10000, n / 100 % 100, n % 100));
                }
                long d = v.le(3);
                return string(String.format("%04d-%02d-%02d", d >> 9, (d >> 5) & 15, d & 31));
            }
            case TIME: return string(t.legacyTemporal() ? legacyTime(v, t) : time2(v, t.fsp()));
            case DATETIME: return string(t.legacyTemporal() ? legacyDateTime(v, t) : datetime2(v, t.fsp()));
            case TIMESTAMP: return string(t.legacyTemporal() ? legacyTimestamp(v, t) : timestamp2(v, t.fsp()));
            case CHAR: case BINARY: {
                byte[] raw = v.bytes(c.length());
                // BINARY keeps its 00 padding (SHOW CREATE shows it); CHAR drops its trailing pad spaces
                return stored(t.type() == ColumnType.BINARY ? raw : stripPad(raw, t.charset()), t.charset(), c, notes);
            }
            case VARCHAR: case VARBINARY: {
                if (t.legacyTemporal()) {
                    // A VARCHAR of before MySQL 5.0.3 is stored like CHAR: padded, without a length prefix.
                    byte[] raw = v.bytes(c.length());
                    return stored(t.charset() == null ? raw : stripPad(raw, t.charset()), t.charset(), c, notes);
                }
                int maxBytes = t.compressed() ? c.length() - 1 : c.length();
                int prefix = c.length() < 256 ? 1 : 2;
                int n = (int) v.le(prefix);
                if (n > maxBytes) {
                    throw b.corrupt(at, "VARCHAR default of " + n + " bytes exceeds the column's " + maxBytes);
                }
                return stored(v.bytes(n), t.charset(), c, notes);
            }
            case ENUM: {
                int size = c.listPackLength();
                if (size != 1 && size != 2) {
                    throw b.corrupt(h.formInfoOffset(), "ENUM column " + c.name() + " has storage code "
                            + c.packLengthCode());
                }
                int idx = (int) v.le(size);
                if (idx > t.labels().size()) {
                    throw b.corrupt(at, "ENUM default index " + idx + " exceeds the " + t.labels().size() + " values");
                }
                if (idx > 0 && !t.labelHex(idx - 1).isEmpty()) {
                    return new ColumnDefault.Literal(t.labelHex(idx - 1), ColumnDefault.Literal.Kind.HEX);
                }
                return string(idx == 0 ? "" : t.labels().get(idx - 1));
            }
            case SET: {
                int size = c.listPackLength();
                if (size < 1) {
                    throw b.corrupt(h.formInfoOffset(), "SET column " + c.name() + " has storage code "
                            + c.packLengthCode());
                }
                long mask = v.le(size);
                StringBuilder sb = new StringBuilder();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                boolean hex = false;
                for (int i = 0; i < 64 && mask != 0; i++, mask >>>= 1) {
                    if ((mask & 1) != 0) {
                        if (i >= t.labels().size()) {
                            throw b.corrupt(at, "SET default has bit " + i + " set beyond its values");
                        }
                        if (sb.length() > 0) {
                            bytes.writeBytes(StoredText.bytes(t.charset(), ","));
                        }
                        sb.append(sb.length() > 0 ? "," : "").append(t.labels().get(i));
                        String labelHex = t.labelHex(i);
                        hex |= !labelHex.isEmpty();
                        bytes.writeBytes(labelHex.isEmpty() ? StoredText.bytes(t.charset(), t.labels().get(i))
                                : HexFormat.of().parseHex(labelHex));
                    }
                }
                // a member written as 0x… makes the whole default bytes: its members joined by the set's comma
                return hex ? new ColumnDefault.Literal(StoredText.hex(bytes.toByteArray()),
                        ColumnDefault.Literal.Kind.HEX) : string(sb.toString());
            }
            case EXTENDED:
                return string(ExtendedTypes.format(t.extendedName(),
                        v.bytes(ExtendedTypes.storageBytes(t.extendedName(), b, at)), b, at));
            default:
                throw b.unsupported(at, "literal default of a " + t.type() + " column");
        }
    }

    private static ColumnDefault number(String text) {
        return new ColumnDefault.Literal(text, ColumnDefault.Literal.Kind.NUMBER);
    }

    private static ColumnDefault string(String text) {
        return new ColumnDefault.Literal(text, ColumnDefault.Literal.Kind.STRING);
    }

    /**
     * A string default as text when text can stand for its bytes, else as a hex literal; bytes a multi-byte
     * character set refuses in any literal are written as far as they decode, with a note.
     */
    private static ColumnDefault stored(byte[] raw, CharsetCollation cs, RawColumn c, List<String> notes) {
        Optional<String> text = StoredText.exact(cs, raw);
        if (text.isPresent()) {
            return string(text.get());
        }
        if (StoredText.hexTaken(cs, raw)) {
            return new ColumnDefault.Literal(StoredText.hex(raw), ColumnDefault.Literal.Kind.HEX);
        }
        String lossy = StoredText.lossy(cs, raw);
        notes.add("column " + c.name() + ": its default's stored bytes 0x" + StoredText.hex(raw) + " are not valid "
                + cs.charset() + ", which the server refuses in any literal: written as '" + lossy
                + "' (? for the invalid bytes); set the default by hand if the old bytes matter");
        return string(lossy);
    }

    /** Drops the trailing pad spaces of a CHAR value, one character unit (1, 2 or 4 bytes of 0x20) at a time. */
    private static byte[] stripPad(byte[] raw, CharsetCollation cs) {
        int unit = cs == null ? 1 : cs.minBytesPerChar();
        int end = raw.length;
        while (end >= unit && isSpace(raw, end - unit, unit)) {
            end -= unit;
        }
        return Arrays.copyOf(raw, end);
    }

    private static boolean isSpace(byte[] raw, int at, int unit) {
        for (int i = 0; i < unit - 1; i++) {
            if (raw[at + i] != 0) {
                return false;
            }
        }
        return raw[at + unit - 1] == ' ';
    }

    private static String integer(Value v, int size, boolean unsigned) {
        long raw = v.le(size);
        if (unsigned) {
            return size == 8 ? Long.toUnsignedString(raw) : Long.toString(raw);
        }
        int shift = 64 - size * 8;
        return Long.toString(raw << shift >> shift);
    }

    private static String zerofill(String digits, DataType t) {
        return zerofill(digits, t.zerofill(), t.length());
    }

    private static String zerofill(String digits, boolean zerofill, int width) {
        if (!zerofill || digits.startsWith("-") || digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    private String decimal(Value v, int precision, int scale) {
        int intDigits = precision - scale;
        int size = intDigits / 9 * 4 + DIGIT_BYTES[intDigits % 9] + scale / 9 * 4 + DIGIT_BYTES[scale % 9];
        byte[] raw = v.bytes(size);
        boolean positive = (raw[0] & 0x80) != 0;
        raw[0] ^= (byte) 0x80;
        if (!positive) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] ^= (byte) 0xFF;
            }
        }
        StringBuilder ip = new StringBuilder();
        int p = 0;
        int lead = intDigits % 9;
        if (lead > 0) {
            p = group(raw, p, DIGIT_BYTES[lead], lead, ip, v.at);
        }
        for (int g = 0; g < intDigits / 9; g++) {
            p = group(raw, p, 4, 9, ip, v.at);
        }
        StringBuilder fp = new StringBuilder();
        for (int g = 0; g < scale / 9; g++) {
            p = group(raw, p, 4, 9, fp, v.at);
        }
        if (scale % 9 > 0) {
            group(raw, p, DIGIT_BYTES[scale % 9], scale % 9, fp, v.at);
        }
        String integerPart = new BigInteger(ip.length() == 0 ? "0" : ip.toString()).toString();
        String text = scale > 0 ? integerPart + "." + fp : integerPart;
        boolean zero = new BigDecimal(text).signum() == 0;
        return positive || zero ? text : "-" + text;
    }

    private int group(byte[] raw, int p, int bytes, int digits, StringBuilder out, long at) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (raw[p + i] & 0xFF);
        }
        if (value >= BigInteger.TEN.pow(digits).longValue()) {
            throw b.corrupt(at, "DECIMAL default has a digit group " + value + " wider than " + digits + " digits");
        }
        String s = Long.toString(value);
        out.append("0".repeat(digits - s.length())).append(s);
        return p + bytes;
    }

    private ColumnDefault bitValue(Value v, RawColumn c, DataType t) {
        int n = t.length();
        boolean asChar = (c.packFlag() & RawColumn.PACK_BIT_AS_CHAR) != 0;
        BigInteger value;
        if (asChar) {
            value = new BigInteger(1, v.bytes((n + 7) / 8));
        } else {
            value = new BigInteger(1, v.bytes(n / 8));
            int spare = n % 8;
            if (spare > 0) {
                long high = 0;
                for (int i = 0; i < spare; i++) {
                    high |= (bit(bitSpare[c.index()] + i) ? 1L : 0L) << i;
                }
                value = value.or(BigInteger.valueOf(high).shiftLeft(n / 8 * 8));
            }
        }
        return new ColumnDefault.Literal(value.toString(2), ColumnDefault.Literal.Kind.BIT);
    }

    private String fraction(Value v, int fsp) {
        if (fsp == 0) {
            return "";
        }
        int bytes = (fsp + 1) / 2;
        long frac = v.be(bytes);
        return fractionDigits(frac, fsp);
    }

    private static String fractionDigits(long stored, int fsp) {
        // Stored with an even number of digits (2, 4 or 6): drop the unused last one for odd precisions.
        int storedDigits = (fsp + 1) / 2 * 2;
        String s = Long.toString(stored);
        s = "0".repeat(Math.max(0, storedDigits - s.length())) + s;
        return "." + s.substring(0, fsp);
    }

    private String time2(Value v, int fsp) {
        int fracBytes = (fsp + 1) / 2;
        long packed = v.be(3 + fracBytes) - (0x800000L << (8 * fracBytes));
        boolean negative = packed < 0;
        long abs = Math.abs(packed);
        long intPart = abs >> (8 * fracBytes);
        long frac = abs & ((1L << (8 * fracBytes)) - 1);
        long hour = (intPart >> 12) & 0x3FF;
        String text = String.format("%s%02d:%02d:%02d", negative ? "-" : "", hour, (intPart >> 6) & 63,
                intPart & 63);
        if (fsp > 0) {
            if (frac >= Math.pow(10, fracBytes * 2)) {
                throw b.corrupt(v.at, "TIME default has fractional part " + frac + " out of range");
            }
            text += fractionDigits(frac, fsp);
        }
        return text;
    }

    private String datetime2(Value v, int fsp) {
        long packed = v.be(5) - 0x8000000000L;
        if (packed < 0) {
            throw b.corrupt(v.at, "DATETIME default is negative");
        }
        long ym = packed >> 22;
        String text = String.format("%04d-%02d-%02d %02d:%02d:%02d", ym / 13, ym % 13, (packed >> 17) & 31,
                (packed >> 12) & 31, (packed >> 6) & 63, packed & 63);
        return text + fraction(v, fsp);
    }

    private String timestamp2(Value v, int fsp) {
        long seconds = v.be(4);
        String frac = fraction(v, fsp);
        if (seconds == 0) {
            return "0000-00-00 00:00:00" + frac;
        }
        // Rendered in UTC: SHOW CREATE TABLE shows the session time zone, which the file does not know.
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()) + frac;
    }

    private String legacyTime(Value v, DataType t) {
        if (t.fsp() > 0) {
            return hiresTime(v, t.fsp());
        }
        long raw = v.le(3);
        long n = raw << 40 >> 40;
        String sign = n < 0 ? "-" : "";
        n = Math.abs(n);
        return String.format("%s%02d:%02d:%02d", sign, n / 10000, n / 100 % 100, n % 100);
    }

    private String legacyDateTime(Value v, DataType t) {
        if (t.fsp() > 0) {
            return hiresDateTime(v, t.fsp());
        }
        long n = v.le(8);
        if (n < 0) {
            throw b.corrupt(v.at, "old DATETIME default is negative");
        }
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", n / 10000000000L, n / 100000000 % 100,
                n / 1000000 % 100, n / 10000 % 100, n / 100 % 100, n % 100);
    }


    /**
     * MariaDB 5.3 TIME(n): one big-endian unsigned integer, the time in units of 10^-n seconds (sign included)
     * plus 838:59:59 + 1 s in the same units.
     */
    private String hiresTime(Value v, int fsp) {
        long unit = MariaDb53Temporals.unit(fsp);
        long value = MariaDb53Temporals.time(v.be(MariaDb53Temporals.timeBytes(fsp)), fsp);
        long abs = Math.abs(value);
        long seconds = abs / unit;
        if (seconds >= MariaDb53Temporals.TIME_OFFSET_SECONDS) {
            throw b.corrupt(v.at, "TIME(" + fsp + ") default is beyond 838:59:59");
        }
        return String.format("%s%02d:%02d:%02d", value < 0 ? "-" : "", seconds / 3600, seconds / 60 % 60,
                seconds % 60) + fractionOf(abs % unit, fsp);
    }

    /**
     * MariaDB 5.3 DATETIME(n): one big-endian unsigned integer, ((((year·13 + month)·32 + day)·24 + hour)·60 +
     * minute)·60 + second, times 10^n, plus the fraction.
     */
    private String hiresDateTime(Value v, int fsp) {
        long value = v.be(MariaDb53Temporals.dateTimeBytes(fsp));
        if (value < 0) {
            throw b.corrupt(v.at, "DATETIME(" + fsp + ") default has its top bit set");
        }
        long[] f = MariaDb53Temporals.dateTimeFields(value, fsp);
        if (f[0] > 9999) {
            throw b.corrupt(v.at, "DATETIME(" + fsp + ") default has year " + f[0]);
        }
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", f[0], f[1], f[2], f[3], f[4], f[5])
                + fractionOf(f[6], fsp);
    }

    /** {@code .ddd} with exactly {@code fsp} digits. */
    private static String fractionOf(long fraction, int fsp) {
        String digits = Long.toString(fraction);
        return "." + "0".repeat(fsp - digits.length()) + digits;
    }

    private String legacyTimestamp(Value v, DataType t) {
        long seconds;
        String frac = "";
        if (t.fsp() > 0) {
            // MariaDB 5.3 high-resolution TIMESTAMP(n): big-endian seconds, then the fraction as a big-endian
            // integer of n digits in (n + 1) / 2 bytes (frm.md §8.2).
            seconds = v.be(4);
            long fraction = v.be((t.fsp() + 1) / 2);
            if (fraction >= BigInteger.TEN.pow(t.fsp()).longValue()) {
                throw b.corrupt(v.at, "TIMESTAMP(" + t.fsp() + ") default has fraction " + fraction
                        + " out of range");
            }
            frac = fractionOf(fraction, t.fsp());
        } else {
            seconds = v.le(4);
        }
        if (seconds == 0) {
            return "0000-00-00 00:00:00" + frac;
        }
        LocalDateTime dt = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", dt.getYear(), dt.getMonthValue(), dt.getDayOfMonth(),
                dt.getHour(), dt.getMinute(), dt.getSecond()) + frac;
    }

    /** A cursor over one value in the record, refusing to read past the record's end. */
    private final class Value {
        final long at;
        private final long end;
        private final String column;
        private long pos;

        Value(long at, long end, String column) {
            this.at = at;
            this.end = end;
            this.column = column;
            this.pos = at;
        }

        byte[] bytes(int n) {
            if (pos + n > end) {
                throw b.corrupt(pos, "default of column " + column + " (" + n + " bytes) runs past the record");
            }
            byte[] r = b.slice(pos, n, "default value");
            pos += n;
            return r;
        }

        long le(int n) {
            byte[] r = bytes(n);
            long v = 0;
            for (int i = n - 1; i >= 0; i--) {
                v = v << 8 | (r[i] & 0xFF);
            }
            return v;
        }

        long be(int n) {
            byte[] r = bytes(n);
            long v = 0;
            for (byte x : r) {
                v = v << 8 | (x & 0xFF);
            }
            return v;
        }
    }

}
