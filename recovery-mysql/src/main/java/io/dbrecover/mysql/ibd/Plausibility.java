package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.DataType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether stored bytes can be a value of a column's type: packed DECIMAL groups below 10^9, dates and times with
 * months, days, hours, minutes and seconds in range, ENUM/SET/BIT values within their declaration, UTF-8 text
 * well-formed. Record lengths alone cannot tell which of two fixed-length columns is missing; values can.
 */
final class Plausibility {
    private static final int[] DIGIT_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final long[] POWERS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    private Plausibility() {
    }

    /** Why the value is impossible for the field's type, or {@code null}. */
    static String problem(StoredField f, byte[] page, int off, int len) {
        if (f.column() == null || len <= 0) {
            return null;
        }
        DataType t = f.column().type();
        switch (t.type()) {
            case DECIMAL:
                return t.legacyTemporal() || len != RecordLayout.decimalBytes(t.length(), t.scale()) ? null
                        : decimal(page, off, t.length(), t.scale());
            case DATE: {
                if (len != 3) {
                    return null;
                }
                int v = (int) Bytes.uN(page, off, 3) & 0x7FFFFF;
                return ((v >>> 5) & 15) > 12 ? "no valid DATE (month " + ((v >>> 5) & 15) + ")" : null;
            }
            case DATETIME: {
                if (t.legacyTemporal()) {
                    return len != RecordLayout.legacyDateTimeBytes(t.fsp())
                            || TemporalValues.dateTime(page, off, t.fsp(), true) != null ? null
                            : "no valid DATETIME in the pre-5.6 format";
                }
                if (len < 5) {
                    return null;
                }
                long packed = Bytes.uN(page, off, 5) - 0x8000000000L;
                long ymd = packed >>> 17;
                long hms = packed & 0x1FFFF;
                if (packed < 0 || (ymd >>> 5) % 13 > 12 || hms >>> 12 > 23 || ((hms >>> 6) & 63) > 59
                        || (hms & 63) > 59) {
                    return "no valid DATETIME";
                }
                return fraction(page, off + 5, t.fsp());
            }
            case TIMESTAMP:
                if (len != 4 + (t.fsp() + 1) / 2) {
                    return null;
                }
                return TemporalValues.timestamp(page, off, t.fsp(), t.legacyTemporal()) != null ? null
                        : "a fraction of seconds out of range";
            case TIME: {
                if (t.legacyTemporal()) {
                    return len != RecordLayout.legacyTimeBytes(t.fsp())
                            || TemporalValues.time(page, off, t.fsp(), true) != null ? null
                            : "no valid TIME in the pre-5.6 format";
                }
                if (len < 3) {
                    return null;
                }
                long raw = Bytes.uN(page, off, 3) - 0x800000L;
                long v = Math.abs(raw);
                // a negative time with a fraction borrows one second from its integer part (-00:00:59.5 is
                // stored as -00:00:60 and +0.5), so the packed seconds may read 60 there
                boolean borrowed = raw < 0 && t.fsp() > 0;
                if (!validTime(v) && !(borrowed && validTime(v - 1))) {
                    return "no valid TIME";
                }
                return null;
            }
            case ENUM: {
                long v = Bytes.uN(page, off, len);
                return v > t.labels().size() ? "ENUM index " + v + " beyond its " + t.labels().size() + " values"
                        : null;
            }
            case SET: {
                long v = Bytes.uN(page, off, len);
                int n = t.labels().size();
                return n < 64 && v >= (1L << n) ? "SET bits beyond its " + n + " values" : null;
            }
            case BIT: {
                long v = Bytes.uN(page, off, len);
                return t.length() < 64 && v >= (1L << t.length()) ? "more than " + t.length() + " bits" : null;
            }
            case CHAR: case VARCHAR: case TINYTEXT: case TEXT: case MEDIUMTEXT: case LONGTEXT: {
                String cs = t.charset() == null ? "" : t.charset().charset();
                if (!cs.startsWith("utf8")) {
                    return null;
                }
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(page, off, len));
                    return null;
                } catch (CharacterCodingException e) {
                    return "no well-formed " + cs + " text";
                }
            }
            default:
                return null;
        }
    }

    private static boolean validTime(long packed) {
        return ((packed >>> 12) & 0x3FF) <= 838 && ((packed >>> 6) & 63) <= 59 && (packed & 63) <= 59;
    }

    private static String fraction(byte[] page, int off, int fsp) {
        int n = (fsp + 1) / 2;
        if (n == 0) {
            return null;
        }
        long v = Bytes.uN(page, off, n);
        long max = n == 1 ? 100 : n == 2 ? 10_000 : 1_000_000;
        return v >= max ? "a fraction of seconds out of range" : null;
    }

    private static String decimal(byte[] page, int off, int precision, int scale) {
        byte[] b = new byte[RecordLayout.decimalBytes(precision, scale)];
        System.arraycopy(page, off, b, 0, b.length);
        ValueDecoder.toMagnitude(b);
        int intDigits = precision - scale;
        int pos = 0;
        int[] groups = {intDigits % 9, -intDigits / 9, -scale / 9, scale % 9};
        for (int g = 0; g < groups.length; g++) {
            int digits = groups[g];
            int count = digits < 0 ? -digits : digits > 0 ? 1 : 0;
            int size = digits < 0 ? 4 : DIGIT_BYTES[Math.max(digits, 0)];
            long limit = digits < 0 ? POWERS[9] : POWERS[Math.max(digits, 0)];
            for (int i = 0; i < count; i++) {
                if (Bytes.uN(b, pos, size) >= limit) {
                    return "no valid DECIMAL(" + precision + "," + scale + ")";
                }
                pos += size;
            }
        }
        return null;
    }
}
