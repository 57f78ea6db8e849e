package io.dbrecover.postgres.model;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;

/**
 * A WAL location (log sequence number), an unsigned 64-bit byte position in the WAL stream, written by PostgreSQL
 * as {@code %X/%X} (high and low 32 bits in hex, e.g. {@code 0/2000028}). Ordered as unsigned numbers.
 *
 * @param value the 64 bits (compare with {@link #compareTo}, not {@code <}: the top bit may be set)
 */
public record Lsn(long value) implements Comparable<Lsn> {
    /** The largest length accepted by {@link #parse}: {@code FFFFFFFF/FFFFFFFF}. */
    private static final int MAX_TEXT = 17;

    /**
     * Parses {@code %X/%X}.
     *
     * @throws RecoveryException {@code CORRUPT_INPUT} when the text is not a WAL location
     */
    public static Lsn parse(String text) {
        if (text == null || text.length() > MAX_TEXT) {
            throw bad(text);
        }
        int slash = text.indexOf('/');
        if (slash < 1 || slash > 8 || text.length() - slash - 1 < 1 || text.length() - slash - 1 > 8) {
            throw bad(text);
        }
        try {
            long hi = Long.parseLong(text.substring(0, slash), 16);
            long lo = Long.parseLong(text.substring(slash + 1), 16);
            return new Lsn(hi << 32 | lo);
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    /** Whether {@code text} is a WAL location as {@link #parse} takes it. */
    public static boolean isLsn(String text) {
        return text != null && text.matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");
    }

    private static RecoveryException bad(String text) {
        String shown = text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, "not a WAL location (LSN): '" + shown + "'")
                .hint("a WAL location is written as two hex numbers, e.g. 0/2000028").build();
    }

    /** The high 32 bits (the "log id"). */
    public long high() {
        return value >>> 32;
    }

    /** The low 32 bits. */
    public long low() {
        return value & 0xFFFFFFFFL;
    }

    @Override
    public int compareTo(Lsn o) {
        return Long.compareUnsigned(value, o.value);
    }

    /** Whether this location lies before {@code o}. */
    public boolean isBefore(Lsn o) {
        return compareTo(o) < 0;
    }

    /** {@code %X/%X}, as PostgreSQL writes it (and as JSON reports show it). */
    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return Long.toHexString(high()).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(low()).toUpperCase(java.util.Locale.ROOT);
    }
}
