package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.MariaDb53Temporals;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * TIME, DATETIME and TIMESTAMP values as InnoDB stores them, in every format a {@code .frm} can declare, turned
 * into the text a MariaDB server prints for them (TIMESTAMP in UTC).
 *
 * <ul>
 * <li>MySQL 5.6 formats (TIME2/DATETIME2/TIMESTAMP2): packed big-endian integers, then the fraction in
 *     {@code (fsp + 1) / 2} bytes.</li>
 * <li>Before 5.6, without fraction: integers the server keeps little-endian in its record, which InnoDB stores
 *     big-endian with the sign bit flipped when signed: DATETIME the 8-byte YYYYMMDDhhmmss, TIME the 3-byte
 *     signed hhmmss, TIMESTAMP 4 bytes of seconds (unsigned, so not flipped).</li>
 * <li>MariaDB 5.3 high resolution, with fraction: big-endian as the server's record holds them (InnoDB keeps them
 *     as binary strings): TIME(n) the time in units of 10^-n s plus 838:59:59 + 1 s, DATETIME(n) the fields
 *     multiplied out in units of 10^-n s, TIMESTAMP(n) the seconds then the fraction.</li>
 * </ul>
 * Each method returns {@code null} when the bytes are no value of the type, for the plausibility check.
 */
final class TemporalValues {
    private static final long[] POWERS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};

    private TemporalValues() {
    }

    static String dateTime(byte[] b, int off, int fsp, boolean legacy) {
        if (legacy) {
            return fsp == 0 ? oldDateTime(b, off) : hiresDateTime(b, off, fsp);
        }
        long packed = Bytes.uN(b, off, 5) - 0x8000000000L;
        long ymd = packed >>> 17;
        long ym = ymd >>> 5;
        long hms = packed & 0x1FFFF;
        if (packed < 0) {
            return null;
        }
        String fraction = fraction2(b, off + 5, fsp);
        return fraction == null ? null : text(ym / 13, ym % 13, ymd & 31, hms >>> 12, (hms >>> 6) & 63, hms & 63)
                + fraction;
    }

    static String time(byte[] b, int off, int fsp, boolean legacy) {
        if (legacy) {
            return fsp == 0 ? oldTime(b, off) : hiresTime(b, off, fsp);
        }
        int n = (fsp + 1) / 2;
        long intPart = Bytes.uN(b, off, 3) - 0x800000L;
        long frac = 0;
        if (n > 0) {
            long raw = Bytes.uN(b, off + 3, n);
            long span = 1L << (8 * n);
            // a negative time with a fraction borrows one second from its integer part
            if (intPart < 0 && raw != 0) {
                intPart++;
                raw -= span;
            }
            frac = n == 1 ? raw * 10000 : n == 2 ? raw * 100 : raw;
        }
        long packed = (intPart << 24) + frac;
        boolean negative = packed < 0;
        long abs = Math.abs(packed);
        long hms = abs >>> 24;
        long micros = abs & 0xFFFFFF;
        return clock(negative, (hms >>> 12) & 0x3FF, (hms >>> 6) & 63, hms & 63)
                + (fsp == 0 ? "" : "." + Digits.pad(micros, 6).substring(0, fsp));
    }

    /** The same text for both formats: seconds since the epoch (4 bytes, big-endian) and a fraction. */
    static String timestamp(byte[] b, int off, int fsp, boolean legacy) {
        long seconds = Bytes.uN(b, off, 4);
        String fraction;
        if (legacy && fsp > 0) {
            long f = Bytes.uN(b, off + 4, (fsp + 1) / 2);
            fraction = f >= POWERS[fsp] ? null : "." + Digits.pad(f, fsp);
        } else {
            fraction = fraction2(b, off + 4, fsp);
        }
        if (fraction == null) {
            return null;
        }
        if (seconds == 0) {
            return "0000-00-00 00:00:00" + fraction;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return text(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond())
                + fraction;
    }

    private static String oldDateTime(byte[] b, int off) {
        long n = Bytes.uN(b, off, 8) ^ Long.MIN_VALUE;
        if (n < 0) {
            return null;
        }
        long second = n % 100;
        long minute = n / 100 % 100;
        long hour = n / 10_000 % 100;
        long day = n / 1_000_000 % 100;
        long month = n / 100_000_000 % 100;
        long year = n / 10_000_000_000L;
        if (year > 9999 || month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return text(year, month, day, hour, minute, second);
    }

    private static String oldTime(byte[] b, int off) {
        long n = Bytes.uN(b, off, 3) - 0x800000L;
        long abs = Math.abs(n);
        long second = abs % 100;
        long minute = abs / 100 % 100;
        long hour = abs / 10_000;
        if (hour > 838 || minute > 59 || second > 59) {
            return null;
        }
        return clock(n < 0, hour, minute, second);
    }

    private static String hiresTime(byte[] b, int off, int fsp) {
        long unit = MariaDb53Temporals.unit(fsp);
        long value = MariaDb53Temporals.time(Bytes.uN(b, off, RecordLayout.legacyTimeBytes(fsp)), fsp);
        long abs = Math.abs(value);
        long seconds = abs / unit;
        if (seconds >= MariaDb53Temporals.TIME_OFFSET_SECONDS) {
            return null;
        }
        return clock(value < 0, seconds / 3600, seconds / 60 % 60, seconds % 60) + "." + Digits.pad(abs % unit, fsp);
    }

    private static String hiresDateTime(byte[] b, int off, int fsp) {
        long[] f = MariaDb53Temporals.dateTimeFields(Bytes.uN(b, off, RecordLayout.legacyDateTimeBytes(fsp)), fsp);
        if (f[0] > 9999) {
            return null;
        }
        return text(f[0], f[1], f[2], f[3], f[4], f[5]) + "." + Digits.pad(f[6], fsp);
    }

    /** The fraction of a MySQL 5.6 value: {@code (fsp + 1) / 2} big-endian bytes. */
    private static String fraction2(byte[] b, int off, int fsp) {
        if (fsp == 0) {
            return "";
        }
        int n = (fsp + 1) / 2;
        long v = Bytes.uN(b, off, n);
        long micros = n == 1 ? v * 10000 : n == 2 ? v * 100 : v;
        if (micros >= 1_000_000) {
            return null;
        }
        return "." + Digits.pad(micros, 6).substring(0, fsp);
    }

    private static String text(long year, long month, long day, long hour, long minute, long second) {
        StringBuilder sb = new StringBuilder(26);
        Digits.pad(sb, year, 4).append('-');
        Digits.pad(sb, month, 2).append('-');
        Digits.pad(sb, day, 2).append(' ');
        Digits.pad(sb, hour, 2).append(':');
        Digits.pad(sb, minute, 2).append(':');
        return Digits.pad(sb, second, 2).toString();
    }

    /** {@code [-]hh:mm:ss}, hours with as many digits as they need (up to 838). */
    private static String clock(boolean negative, long hour, long minute, long second) {
        StringBuilder sb = new StringBuilder(16);
        if (negative) {
            sb.append('-');
        }
        Digits.pad(sb, hour, 2).append(':');
        Digits.pad(sb, minute, 2).append(':');
        return Digits.pad(sb, second, 2).toString();
    }
}
