package io.dbrecover.mysql.model;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The stored form of MariaDB's plugin data types ({@code inet4}, {@code inet6}, {@code uuid}): how many bytes a value
 * takes in a record, and the text the server prints for it. Shared by the {@code .frm} default decoder and the
 * {@code .ibd} record decoder, which read the same record format.
 */
public final class ExtendedValues {
    private ExtendedValues() {
    }

    /** Bytes a value of the type takes in a record, if the type is known here. */
    public static Optional<Integer> storageBytes(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "inet6", "uuid" -> Optional.of(16);
            case "inet4" -> Optional.of(4);
            default -> Optional.empty();
        };
    }

    /**
     * The server's text of a stored value.
     *
     * @param stored exactly {@link #storageBytes} bytes
     * @throws IllegalArgumentException for an unknown type or a wrong length
     */
    public static String text(String type, byte[] stored) {
        String name = type.toLowerCase(Locale.ROOT);
        if (storageBytes(name).orElse(-1) != stored.length) {
            throw new IllegalArgumentException(type + " takes " + storageBytes(name).orElse(-1) + " bytes, not "
                    + stored.length);
        }
        return switch (name) {
            case "inet4" -> (stored[0] & 0xFF) + "." + (stored[1] & 0xFF) + "." + (stored[2] & 0xFF) + "."
                    + (stored[3] & 0xFF);
            case "inet6" -> inet6(stored);
            default -> uuid(stored);
        };
    }

    /**
     * RFC 5952 text: lower-case hex groups, the first longest run (≥ 2) of zero groups as {@code ::}, an embedded
     * IPv4 address in dotted decimal.
     */
    private static String inet6(byte[] v) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (v[2 * i] & 0xFF) << 8 | (v[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        // an IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d) address ends in dotted decimal, as
        // MariaDB (like inet_ntop) prints it when the longest zero run covers exactly those leading groups
        if (bestStart == 0 && (bestLength == 6 || (bestLength == 5 && g[5] == 0xFFFF))) {
            return "::" + (bestLength == 5 ? "ffff:" : "") + (v[12] & 0xFF) + "." + (v[13] & 0xFF) + "."
                    + (v[14] & 0xFF) + "." + (v[15] & 0xFF);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * MariaDB stores time-based (version 1) UUIDs with their segments swapped so that they sort by time; other
     * UUIDs are stored in text order. The text form is the canonical 8-4-4-4-12 grouping.
     */
    private static String uuid(byte[] v) {
        String hex = HexFormat.of().formatHex(v);
        // Stored swapped: node(6) clock_seq(2) time_hi(2) time_mid(2) time_low(4). A swapped record has the RFC 4122
        // variant bit in its byte 6 and a version 1-5 in the high nibble of its byte 8.
        int version = (v[8] & 0xF0) >> 4;
        if ((v[6] & 0x80) != 0 && version >= 1 && version <= 5) {
            hex = hex.substring(24, 32) + hex.substring(20, 24) + hex.substring(16, 20) + hex.substring(12, 16)
                    + hex.substring(0, 12);
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
