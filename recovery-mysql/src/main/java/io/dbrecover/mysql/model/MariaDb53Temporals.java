package io.dbrecover.mysql.model;

/**
 * MariaDB 5.3's high-resolution TIME(n) and DATETIME(n), the columns {@code mysql ddl} marks
 * {@code /* mariadb-5.3 *}{@code /} (frm.md §8.2): one big-endian unsigned integer each, read the same way from a
 * {@code .frm} default and from an {@code .ibd} record. Callers read the integer and print the fields.
 */
public final class MariaDb53Temporals {
    /** 838:59:59 + 1 second: a TIME is stored offset by this many seconds, so that negatives sort first. */
    public static final long TIME_OFFSET_SECONDS = 838 * 3600 + 59 * 60 + 59 + 1;
    private static final int[] TIME_BYTES = {3, 4, 4, 5, 5, 5, 6};
    private static final int[] DATETIME_BYTES = {5, 6, 6, 7, 7, 7, 8};
    private static final long[] UNITS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};

    private MariaDb53Temporals() {
    }

    /** The bytes of a TIME(fsp) value, fsp 0 to 6. */
    public static int timeBytes(int fsp) {
        return TIME_BYTES[fsp];
    }

    /** The bytes of a DATETIME(fsp) value, fsp 0 to 6. */
    public static int dateTimeBytes(int fsp) {
        return DATETIME_BYTES[fsp];
    }

    /** 10^fsp: the stored integer counts in units of 10^-fsp seconds. */
    public static long unit(int fsp) {
        return UNITS[fsp];
    }

    /** A stored TIME(fsp) as signed units of 10^-fsp seconds (its magnitude is beyond range when its seconds reach
     * {@link #TIME_OFFSET_SECONDS}). */
    public static long time(long stored, int fsp) {
        return stored - TIME_OFFSET_SECONDS * UNITS[fsp];
    }

    /**
     * A stored DATETIME(fsp), ((((year·13 + month)·32 + day)·24 + hour)·60 + minute)·60 + second, times 10^fsp,
     * plus the fraction, as {year, month, day, hour, minute, second, fraction}; the caller checks the year.
     */
    public static long[] dateTimeFields(long stored, int fsp) {
        long unit = UNITS[fsp];
        long rest = stored / unit;
        long second = rest % 60;
        rest /= 60;
        long minute = rest % 60;
        rest /= 60;
        long hour = rest % 24;
        rest /= 24;
        long day = rest % 32;
        rest /= 32;
        long month = rest % 13;
        return new long[] {rest / 13, month, day, hour, minute, second, stored % unit};
    }
}
