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
 *       {@code -0} for negative zero, others with {@link Double#toString(double)} ({@code 1.0E-5}; influxd's parser
 *       takes {@code E} exponents), which reads back to the same bits. NaN and infinities have no line protocol
 *       form: they are not written, and counted ({@link #nonFinite()}) for the caller to report. Integers get
 *       {@code i}, unsigned integers {@code u}, booleans {@code true}/{@code false}, strings double quotes with a
 *       backslash before {@code \} and {@code "} (a newline inside a string is written as it is: influxd's parser
 *       takes it, though line-by-line loaders such as {@code influx -import} do not).</li>
 * </ul>
 */
public final class LineProtocolWriter {
    private static final int CAPACITY = 1 << 16;
    private static final long MAX_EXACT = 1L << 53;

    private final OutputStream out;
    private byte[] buf = new byte[CAPACITY];
    private byte[] prefix = new byte[256];
    private int pos;
    private long bytes;
    private long lines;
    private long nonFinite;

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
                for (byte c : s) {
                    if (c == '"' || c == '\\') {
                        buf[pos++] = '\\';
                    }
                    buf[pos++] = c;
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
        } else {
            ascii(Double.toString(d));
        }
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
