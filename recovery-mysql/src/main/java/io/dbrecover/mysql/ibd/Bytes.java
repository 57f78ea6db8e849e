package io.dbrecover.mysql.ibd;

/** Big-endian reads from a page; callers check bounds first (see {@link Page}). */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static long u32(byte[] b, int off) {
        return ((long) u16(b, off) << 16) | u16(b, off + 2);
    }

    static long uN(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the bytes at {@code off} spell this ASCII text. */
    static boolean ascii(byte[] b, int off, String text) {
        if (off < 0 || off + text.length() > b.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[off + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
