package io.dbrecover.influx.verify;

import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.http.SeriesHeader;
import io.dbrecover.influx.http.SeriesVisitor;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered hash of an InfluxDB query result: SHA-256 over the rows in the order the server returns them, an
 * equality oracle for "the same points came back".
 *
 * <p>The bytes hashed, so that two results hash equal exactly when they hold the same series, columns and values in
 * the same order:
 * <ul>
 *   <li>Before the first row of a series, and whenever the series changes: {@code 'H'}, the measurement name, the
 *       number of tags and each tag key and value (sorted by key), the number of columns and each column name. A
 *       header is hashed only when it differs from the previous one, so the server's chunk size (which splits a
 *       series over several chunks) does not change the hash.</li>
 *   <li>Each value: {@code 'N'} for null; {@code 'S'} and the UTF-8 bytes for a string; {@code 'T'} or {@code 'F'}
 *       for a boolean; {@code 'I'} and the decimal digits for an integral JSON number (timestamps, integer fields,
 *       and float fields whose value is integral, which InfluxDB writes without a fraction); {@code 'D'} and the 8
 *       IEEE-754 bytes for any other number.</li>
 *   <li>A {@code '\n'} after each row.</li>
 * </ul>
 * Every string is framed with its length as 8 bytes, so {@code ("ab","c")} and {@code ("a","bc")} differ, and so
 * do null and the empty string.
 *
 * <p>To be deterministic the query must fix the order completely. {@code SELECT * FROM m ORDER BY time} alone does
 * not: points of different series with the same timestamp come in the order the engine merges them. With
 * {@code GROUP BY *} every series is returned on its own (series ordered by their tags) and within a series
 * timestamps are unique, so the order is total; see {@link #orderedQuery(String)}.
 *
 * @param rows   the number of rows hashed
 * @param sha256 lowercase hex digest
 */
public record InfluxRowHash(long rows, String sha256) {
    public InfluxRowHash {
        Objects.requireNonNull(sha256, "sha256");
    }

    /** {@code SELECT * FROM "m" GROUP BY * ORDER BY time ASC}: every point of a measurement, in a total order. */
    public static String orderedQuery(String measurement) {
        return "SELECT * FROM " + InfluxQl.identifier(measurement)
                + " GROUP BY * ORDER BY time ASC";
    }

    /** Hashes every point of a measurement, streamed. */
    public static InfluxRowHash ofMeasurement(InfluxHttp http, String database, String measurement) {
        return of(http, database, orderedQuery(measurement));
    }

    /** Hashes the rows of a query, streamed; the query must fix the order completely (see the class comment). */
    public static InfluxRowHash of(InfluxHttp http, String database, String orderedQuery) {
        Hasher h = new Hasher();
        http.query(database, orderedQuery, h);
        return h.result();
    }

    /** Hashes rows as they arrive; usable as the visitor of any query. */
    public static final class Hasher implements SeriesVisitor {
        private final MessageDigest md = newDigest();
        private final ByteBuffer frame = ByteBuffer.allocate(Long.BYTES + 1);
        private SeriesHeader last;
        private int lastStatement = -1;
        private long rows;

        @Override
        public void row(int statementId, SeriesHeader header, List<Object> values) {
            if (statementId != lastStatement || !header.equals(last)) {
                header(header);
                last = header;
                lastStatement = statementId;
            }
            for (Object v : values) {
                value(v);
            }
            md.update((byte) '\n');
            rows++;
        }

        /** The hash of everything seen so far; the hasher cannot be used afterwards. */
        public InfluxRowHash result() {
            return new InfluxRowHash(rows, HexFormat.of().formatHex(md.digest()));
        }

        private void header(SeriesHeader h) {
            md.update((byte) 'H');
            if (h.name() == null) {
                md.update((byte) 'N');
            } else {
                text((byte) 'S', h.name());
            }
            count(h.tags().size());
            for (Map.Entry<String, String> t : h.tags().entrySet()) {
                text((byte) 'S', t.getKey());
                text((byte) 'S', t.getValue());
            }
            count(h.columns().size());
            for (String c : h.columns()) {
                text((byte) 'S', c);
            }
        }

        private void value(Object v) {
            if (v == null) {
                md.update((byte) 'N');
            } else if (v instanceof String s) {
                text((byte) 'S', s);
            } else if (v instanceof Boolean b) {
                md.update((byte) (b ? 'T' : 'F'));
            } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
                text((byte) 'I', v.toString());
            } else if (v instanceof Double || v instanceof Float) {
                frame.clear();
                frame.put((byte) 'D').putLong(Double.doubleToLongBits(((Number) v).doubleValue()));
                md.update(frame.array(), 0, 9);
            } else {
                throw new IllegalArgumentException("not a value of a query result: " + v.getClass().getName());
            }
        }

        private void text(byte type, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            frame.clear();
            frame.put(type).putLong(b.length);
            md.update(frame.array(), 0, 9);
            md.update(b);
        }

        private void count(int n) {
            frame.clear();
            frame.put((byte) 'C').putLong(n);
            md.update(frame.array(), 0, 9);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
