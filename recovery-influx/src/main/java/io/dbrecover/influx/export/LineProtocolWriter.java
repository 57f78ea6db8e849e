package io.dbrecover.influx.export;

import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.wal.Values;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes InfluxDB line protocol at the byte level into one reused buffer: one line per field value, as
 * {@code influx_inspect export} writes it ({@code <series key> <field>=<value> <timestamp>}), no object per line.
 *
 * <ul>
 *   <li>The series key is written as the TSM file stores it, which is already escaped as line protocol wants it (a
 *       backslash before a comma or space in the measurement, before a comma, equals sign or space in tag keys and
 *       values).</li>
 *   <li>The field key, stored unescaped, gets a backslash before a comma, equals sign, space or double quote
 *       ({@code influx_inspect export} forgets this, so its output of such a field does not load).</li>
 *   <li>Floats: integral ones below 2^53 as their digits ({@code 3}, which line protocol reads as the float 3.0),
 *       {@code -0} for negative zero, those with at most 9 decimals that read back exactly in fixed notation ({@code
 *       21.5}, {@code 0.00001}), others with {@link Double#toString(double)} ({@code 1.0E300}; influxd's parser takes
 *       {@code E} exponents): every one reads back to the same bits. NaN and infinities have no line protocol form:
 *       they are not written, and counted ({@link #nonFinite()}) for the caller to report. Integers get {@code i},
 *       unsigned integers {@code u}, booleans {@code true}/{@code false}, strings double quotes with a backslash
 *       before {@code \} and {@code "} (a newline inside a string is written as it is: influxd's parser takes it,
 *       though line-by-line loaders such as {@code influx -import} do not).</li>
 * </ul>
 */
public final class LineProtocolWriter {
    private static final int CAPACITY = 1 << 16;
    private static final long MAX_EXACT = 1L << 53;
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    private final OutputStream out;
    private byte[] buf = new byte[CAPACITY];
    private byte[] prefix = new byte[256];
    private int pos;
    private long bytes;
    private long lines;
    private long nonFinite;
    private long lineBreaks;

    /** A writer into {@code out} (which it does not close). */
    public LineProtocolWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes a text line as it is (headers, comments), adding the newline. */
    public void textLine(String line) throws IOException {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /**
     * Writes one line per value of a key.
     *
     * @param seriesKey the escaped series key, one char per byte (ISO-8859-1)
     * @param field     the field key, raw, one char per byte
     * @param values    the values, time-ordered
     */
    public void values(String seriesKey, String field, Values values) throws IOException {
        int p = 0;
        prefix = fit(prefix, seriesKey.length() + 2 + field.length() * 2);
        for (int i = 0; i < seriesKey.length(); i++) {
            prefix[p++] = (byte) seriesKey.charAt(i);
        }
        prefix[p++] = ' ';
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '=' || c == ' ' || c == '"') {
                prefix[p++] = '\\';
            }
            prefix[p++] = (byte) c;
        }
        prefix[p++] = '=';
        int prefixLength = p;
        FieldType type = values.type();
        int n = values.size();
        for (int i = 0; i < n; i++) {
            if (type == FieldType.FLOAT) {
                double d = Double.longBitsToDouble(values.bits(i));
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    nonFinite++;
                    continue;
                }
            }
            int need = prefixLength + 64 + (type == FieldType.STRING ? values.string(i).length * 2 : 0);
            ensure(need);
            System.arraycopy(prefix, 0, buf, pos, prefixLength);
            pos += prefixLength;
            value(type, values, i);
            buf[pos++] = ' ';
            digits(values.time(i));
            buf[pos++] = '\n';
            lines++;
        }
    }

    /** Writes out what is buffered. */
    public void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            bytes += pos;
            pos = 0;
        }
    }

    /** Lines of values written. */
    public long lines() {
        return lines;
    }

    /** Bytes written (flushed). */
    public long bytes() {
        return bytes;
    }

    /** String values holding a line break (written as they are; see the class comment). */
    public long lineBreaks() {
        return lineBreaks;
    }

    /** Float values left out because line protocol cannot hold them (NaN, infinities). */
    public long nonFinite() {
        return nonFinite;
    }

    private void value(FieldType type, Values values, int i) {
        long v = type == FieldType.STRING ? 0 : values.bits(i);
        switch (type) {
            case FLOAT -> floatValue(v);
            case INTEGER -> {
                digits(v);
                buf[pos++] = 'i';
            }
            case UNSIGNED -> {
                if (v >= 0) {
                    digits(v);
                } else {
                    ascii(Long.toUnsignedString(v));
                }
                buf[pos++] = 'u';
            }
            case BOOLEAN -> ascii(v != 0 ? "true" : "false");
            case STRING -> {
                byte[] s = values.string(i);
                buf[pos++] = '"';
                boolean broken = false;
                for (byte c : s) {
                    if (c == '"' || c == '\\') {
                        buf[pos++] = '\\';
                    }
                    broken |= c == '\n';
                    buf[pos++] = c;
                }
                if (broken) {
                    lineBreaks++;
                }
                buf[pos++] = '"';
            }
        }
    }

    private void floatValue(long bits) {
        double d = Double.longBitsToDouble(bits);
        if (bits == Long.MIN_VALUE) {
            ascii("-0");
        } else if (d == Math.rint(d) && Math.abs(d) < MAX_EXACT) {
            digits((long) d);
        } else if (!fewDecimals(d)) {
            ascii(Double.toString(d));
        }
    }

    /**
     * Writes {@code d} as {@code m / 10^k} in fixed notation when some {@code k <= 9} gives an integral {@code m}
     * below 2^53 with {@code m / 10^k == d} (most measured values: {@code 21.5}, {@code 1234.56}), and says whether
     * it did. Exact: {@code m} and {@code 10^k} are exact doubles and the division is correctly rounded, so it
     * yields the double nearest the decimal {@code m·10^-k}, which is what parsing that decimal yields; equal to
     * {@code d}, the text reads back to the same bits. The first {@code k} that works is the shortest such text.
     * Much faster than {@link Double#toString(double)}, which allocates.
     */
    private boolean fewDecimals(double d) {
        double scale = 1;
        for (int k = 1; k <= 9; k++) {
            scale *= 10;
            double m = Math.rint(d * scale);
            if (Math.abs(m) >= MAX_EXACT) {
                return false;
            }
            if (m / scale == d) {
                long v = (long) m;
                if (v < 0) {
                    buf[pos++] = '-';
                    v = -v;
                }
                long whole = v / POW10[k];
                long frac = v % POW10[k];
                digits(whole);
                buf[pos++] = '.';
                for (int z = k - 1; z >= 0; z--) {
                    buf[pos + z] = (byte) ('0' + frac % 10);
                    frac /= 10;
                }
                pos += k;
                return true;
            }
        }
        return false;
    }

    private void ascii(String s) {
        for (int k = 0; k < s.length(); k++) {
            buf[pos++] = (byte) s.charAt(k);
        }
    }

    private void digits(long v) {
        if (v == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return;
        }
        long x = v;
        if (x < 0) {
            buf[pos++] = '-';
            x = -x;
        }
        int len = 1;
        for (long t = x; t >= 10; t /= 10) {
            len++;
        }
        int end = pos + len;
        for (int k = end - 1; k >= pos; k--) {
            buf[k] = (byte) ('0' + (x % 10));
            x /= 10;
        }
        pos = end;
    }

    private void ensure(int need) throws IOException {
        if (pos + need > buf.length) {
            flush();
            if (need > buf.length) {
                // one line longer than the buffer (a string of many KiB): the buffer grows to hold it
                buf = new byte[need];
            }
        }
    }

    private static byte[] fit(byte[] b, int n) {
        return b.length >= n ? b : new byte[Math.max(n, b.length * 2)];
    }
}
