package io.dbrecover.influx.wal;

import io.dbrecover.influx.model.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the decompressed payload of one WAL entry (all big-endian):
 * <ul>
 *   <li>write (1): per key, a value type byte (1 float, 2 integer, 3 boolean, 4 string, 5 unsigned: the WAL's own
 *       numbering, not the TSM block's), a u16 key length and the key, a u32 count (at least 1), then per value an
 *       i64 timestamp and the value: 8 bytes for float (IEEE-754 bits), integer and unsigned, 1 byte for boolean
 *       (1 is true), a u32 length and the bytes for a string;</li>
 *   <li>delete (2): the keys separated by {@code '\n'};</li>
 *   <li>range delete (3): i64 min, i64 max, then per key a u32 length and the key.</li>
 * </ul>
 * Every length is checked against the bytes left before it is used.
 */
final class WalEntryDecoder {
    static final int WRITE = 1;
    static final int DELETE = 2;
    static final int DELETE_RANGE = 3;

    private long[] times = new long[1024];
    private long[] values = new long[1024];
    private byte[][] strings = new byte[1024][];

    /** Decodes {@code b[0..n)} as an entry of the type; returns what is wrong, or {@code null}. */
    String decode(int type, byte[] b, int n, WalVisitor visitor) {
        return switch (type) {
            // validated whole first: influxd drops a damaged entry whole, so no key of it may reach the visitor
            case WRITE -> {
                String problem = write(b, n, null);
                yield problem != null ? problem : write(b, n, visitor);
            }
            case DELETE -> delete(b, n, visitor);
            case DELETE_RANGE -> deleteRange(b, n, visitor);
            default -> "unknown entry type " + type;
        };
    }

    /** Decodes a write entry; with a {@code null} visitor it only checks it. */
    private String write(byte[] b, int n, WalVisitor visitor) {
        int i = 0;
        while (i < n) {
            int typeByte = b[i++] & 0xFF;
            FieldType type = walType(typeByte);
            if (type == null) {
                return "write entry: unknown value type " + typeByte + " at payload byte " + (i - 1);
            }
            if (i + 2 > n) {
                return "write entry: key length runs past the payload's end";
            }
            int keyLength = u16(b, i);
            i += 2;
            if (i + keyLength > n) {
                return "write entry: key of " + keyLength + " bytes runs past the payload's end";
            }
            String key = new String(b, i, keyLength, StandardCharsets.ISO_8859_1);
            i += keyLength;
            if (i + 4 > n) {
                return "write entry: value count of key " + printable(key) + " runs past the payload's end";
            }
            long count = u32(b, i);
            i += 4;
            int minBytes = type == FieldType.BOOLEAN ? 9 : type == FieldType.STRING ? 12 : 16;
            if (count <= 0 || count * minBytes > n - i) {
                return "write entry: key " + printable(key) + " claims " + count + " values, which do not fit in the "
                        + (n - i) + " bytes left";
            }
            int c = (int) count;
            ensure(c);
            for (int j = 0; j < c; j++) {
                if (i + minBytes > n) {
                    return "write entry: values of key " + printable(key) + " run past the payload's end";
                }
                times[j] = i64(b, i);
                i += 8;
                switch (type) {
                    case BOOLEAN -> values[j] = b[i++] == 1 ? 1 : 0;
                    case STRING -> {
                        long length = u32(b, i);
                        i += 4;
                        if (length > n - i) {
                            return "write entry: a string of " + length + " bytes of key " + printable(key)
                                    + " runs past the payload's end";
                        }
                        if (visitor != null) {
                            strings[j] = Arrays.copyOfRange(b, i, i + (int) length);
                        }
                        i += (int) length;
                    }
                    default -> {
                        values[j] = i64(b, i);
                        i += 8;
                    }
                }
            }
            if (visitor == null) {
                continue;
            }
            visitor.write(key, type, c, times, values, strings);
            if (type == FieldType.STRING) {
                Arrays.fill(strings, 0, c, null);
            }
        }
        return null;
    }

    private static String delete(byte[] b, int n, WalVisitor visitor) {
        List<String> keys = new ArrayList<>();
        if (n > 0) {
            int start = 0;
            for (int i = 0; i <= n; i++) {
                if (i == n || b[i] == '\n') {
                    keys.add(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
                    start = i + 1;
                }
            }
        }
        visitor.delete(keys);
        return null;
    }

    private static String deleteRange(byte[] b, int n, WalVisitor visitor) {
        if (n < 16) {
            return "range delete entry of " + n + " bytes, shorter than its min and max (16 bytes)";
        }
        long min = i64(b, 0);
        long max = i64(b, 8);
        List<String> keys = new ArrayList<>();
        int i = 16;
        while (i < n) {
            if (i + 4 > n) {
                return "range delete entry: a key length runs past the payload's end";
            }
            long length = u32(b, i);
            i += 4;
            if (length > n - i) {
                return "range delete entry: a key of " + length + " bytes runs past the payload's end";
            }
            keys.add(new String(b, i, (int) length, StandardCharsets.ISO_8859_1));
            i += (int) length;
        }
        visitor.deleteRange(keys, min, max);
        return null;
    }

    /** The field type of a WAL value type byte, or {@code null}. */
    static FieldType walType(int code) {
        return switch (code) {
            case 1 -> FieldType.FLOAT;
            case 2 -> FieldType.INTEGER;
            case 3 -> FieldType.BOOLEAN;
            case 4 -> FieldType.STRING;
            case 5 -> FieldType.UNSIGNED;
            default -> null;
        };
    }

    /** The WAL value type byte of a field type. */
    static int walCode(FieldType type) {
        return switch (type) {
            case FLOAT -> 1;
            case INTEGER -> 2;
            case BOOLEAN -> 3;
            case STRING -> 4;
            case UNSIGNED -> 5;
        };
    }

    private void ensure(int c) {
        if (times.length < c) {
            int size = Math.max(c, times.length * 2);
            times = new long[size];
            values = new long[size];
            strings = new byte[size][];
        }
    }

    private static String printable(String rawKey) {
        String s = new String(rawKey.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private static long i64(byte[] b, int i) {
        return (u32(b, i) << 32) | u32(b, i + 4);
    }
}
