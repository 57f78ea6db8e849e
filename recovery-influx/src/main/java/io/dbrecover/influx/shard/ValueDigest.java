package io.dbrecover.influx.shard;

import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.wal.Values;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The values of one series field (timestamp and value each), reduced to a count and a 32-byte digest that is equal
 * for two sides exactly when (but for a SHA-256 collision) they hold the same timestamps with the same values.
 *
 * <p>Each value is encoded canonically ({@link #encode}): the timestamp as 8 bytes big-endian, a type byte and the
 * value: {@code 'F'} and the float's 64 raw IEEE-754 bits, {@code 'I'} or {@code 'U'} and the 64-bit integer,
 * {@code 'B'} and 1 or 0, {@code 'S'}, the length as 4 bytes and the UTF-8 bytes. The digest is the sum modulo
 * 2<sup>256</sup> of the SHA-256 of each encoding. A series field has one value per timestamp, so the set of (time,
 * value) pairs is its time-ordered sequence; the sum makes the digest independent of how the values arrive (shard by
 * shard from the files, chunk by chunk from a server), so that each side keeps only 32 bytes and a count per series
 * field instead of an open hash state.
 */
public final class ValueDigest {
    /** One hash state per thread, not per series field: a digest holds only its sum, count and type. */
    private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(ValueDigest::sha256);
    private final long[] sum = new long[4];
    private FieldType type;
    private boolean mixedTypes;
    private long count;

    /** The values counted. */
    public long count() {
        return count;
    }

    /** The type of the values (the first one's), or {@code null} before any. */
    public FieldType type() {
        return type;
    }

    /** Whether values of more than one type were added (possible across shards). */
    public boolean mixedTypes() {
        return mixedTypes;
    }

    /** The digest as 64 hex digits. */
    public String hex() {
        ByteBuffer b = ByteBuffer.allocate(32);
        for (long l : sum) {
            b.putLong(l);
        }
        return HexFormat.of().formatHex(b.array());
    }

    /** Whether both hold the same number of values with the same digest. */
    public boolean sameValues(ValueDigest other) {
        return other != null && count == other.count && java.util.Arrays.equals(sum, other.sum);
    }

    /** {@code count=N sha=...}, for reports. */
    public String describe() {
        return count + " values, digest " + hex().substring(0, 16);
    }

    /** Adds value {@code i} of a column. */
    public void add(Values v, int i) {
        if (v.type() == FieldType.STRING) {
            add(v.time(i), FieldType.STRING, 0, v.string(i));
        } else {
            add(v.time(i), v.type(), v.bits(i), null);
        }
    }

    /**
     * Adds one value.
     *
     * @param bits   float bits, integer, unsigned (as its 64 bits), boolean 1 or 0; ignored for strings
     * @param string the UTF-8 bytes of a string value, else ignored
     */
    public void add(long time, FieldType valueType, long bits, byte[] string) {
        if (type == null) {
            type = valueType;
        } else if (type != valueType) {
            mixedTypes = true;
        }
        MessageDigest sha = SHA.get();
        sha.reset();
        byte[] h = sha.digest(encode(time, valueType, bits, string));
        ByteBuffer hb = ByteBuffer.wrap(h);
        long carry = 0;
        for (int k = 3; k >= 0; k--) {
            long a = sum[k];
            long b = hb.getLong(k * 8);
            long s = a + b + carry;
            carry = (Long.compareUnsigned(s, a) < 0 || (carry == 1 && s == a)) ? 1 : 0;
            sum[k] = s;
        }
        count++;
    }

    /** The canonical encoding of one value (see the class comment). */
    public static byte[] encode(long time, FieldType valueType, long bits, byte[] string) {
        int len = valueType == FieldType.STRING ? 13 + string.length : valueType == FieldType.BOOLEAN ? 10 : 17;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.putLong(time);
        switch (valueType) {
            case FLOAT -> b.put((byte) 'F').putLong(bits);
            case INTEGER -> b.put((byte) 'I').putLong(bits);
            case UNSIGNED -> b.put((byte) 'U').putLong(bits);
            case BOOLEAN -> b.put((byte) 'B').put((byte) (bits != 0 ? 1 : 0));
            case STRING -> b.put((byte) 'S').putInt(string.length).put(string);
        }
        return b.array();
    }

    /** Adds a string value given as text (encoded as UTF-8). */
    public void addString(long time, String value) {
        add(time, FieldType.STRING, 0, value.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
