package io.dbrecover.mysql.frm;

import java.util.HexFormat;

/** Storage and text form of MariaDB plugin types named in extra2 type 130 ({@code inet6}, {@code inet4}, {@code uuid}). */
final class ExtendedTypes {
    private ExtendedTypes() {
    }

    static int storageBytes(String name, FrmBytes b, long at) {
        switch (name) {
            case "inet6": case "uuid": return 16;
            case "inet4": return 4;
            default: throw b.unsupported(at, "defaults of data type " + name + " are not decoded yet");
        }
    }

    static String format(String name, byte[] v, FrmBytes b, long at) {
        switch (name) {
            case "inet4": return (v[0] & 0xFF) + "." + (v[1] & 0xFF) + "." + (v[2] & 0xFF) + "." + (v[3] & 0xFF);
            case "inet6": return inet6(v);
            case "uuid": return uuid(v);
            default: throw b.unsupported(at, "defaults of data type " + name + " are not decoded yet");
        }
    }

    /** RFC 5952 text: lower-case hex groups, the longest run (≥ 2) of zero groups as {@code ::}. */
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
        String text = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        return text;
    }
}
