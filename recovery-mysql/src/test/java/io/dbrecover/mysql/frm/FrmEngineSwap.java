package io.dbrecover.mysql.frm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Test helper for the server oracle: a copy of a {@code .frm} image with its storage engine replaced (legacy code
 * at byte 3 and the engine name in the extra segment), so that a throwaway server can open a table whose engine
 * data is absent. Everything else stays byte for byte; the sections after a resized engine name move along.
 */
final class FrmEngineSwap {
    private FrmEngineSwap() {
    }

    /**
     * @param data the original file
     * @param legacyCode the engine code for byte 3 (6 MEMORY, 9 MyISAM, 19 BLACKHOLE)
     * @param engine the engine name for the extra segment
     */
    static byte[] swap(byte[] data, int legacyCode, String engine) {
        byte[] out = data.clone();
        out[3] = (byte) legacyCode;
        if (data.length > 2 && data[2] < 9) {
            return out; // 3.23/4.0 layout: the engine is only the code
        }
        FrmBytes b = new FrmBytes(Path.of("swap"), data);
        FrmHeader h = FrmHeader.parse(b);
        if (h.extraLength() == 0) {
            return out; // pre-5.1 file: the engine is only the code
        }
        int extra = h.extraOffset();
        int connection = b.u16(extra, "connection length");
        int nameAt = extra + 2 + connection;
        int oldLength = b.u16(nameAt, "engine name length");
        byte[] name = engine.getBytes(StandardCharsets.US_ASCII);
        int delta = name.length - oldLength;
        int tailFrom = nameAt + 2 + oldLength;
        byte[] head = Arrays.copyOfRange(out, 0, nameAt);
        byte[] tail = Arrays.copyOfRange(out, tailFrom, out.length);
        int extraEnd = (int) (extra + h.extraLength());
        if (h.formInfoOffset() != extraEnd) {
            // MySQL layout: the forminfo sits at a fixed position after zero padding; stay in place.
            if (extraEnd + delta > h.formInfoOffset()) {
                throw new IllegalStateException("no room for the engine name before the forminfo");
            }
            byte[] res = out.clone();
            byte[] segmentTail = Arrays.copyOfRange(out, tailFrom, extraEnd);
            int p = nameAt;
            res[p++] = (byte) name.length;
            res[p++] = (byte) (name.length >> 8);
            System.arraycopy(name, 0, res, p, name.length);
            p += name.length;
            System.arraycopy(segmentTail, 0, res, p, segmentTail.length);
            p += segmentTail.length;
            for (int i = p; i < extraEnd; i++) {
                res[i] = 0;
            }
            putU32(res, 55, h.extraLength() + delta);
            return res;
        }
        byte[] res = new byte[out.length + delta];
        System.arraycopy(head, 0, res, 0, head.length);
        res[nameAt] = (byte) name.length;
        res[nameAt + 1] = (byte) (name.length >> 8);
        System.arraycopy(name, 0, res, nameAt + 2, name.length);
        System.arraycopy(tail, 0, res, nameAt + 2 + name.length, tail.length);
        putU32(res, 55, h.extraLength() + delta);
        long formInfoPointer = 64L + (h.mariaExtra2() ? h.extra2Length() : 3);
        putU32(res, (int) formInfoPointer, h.formInfoOffset() + delta);
        if (b.u32(10, "file length") == data.length) {
            putU32(res, 10, res.length);
        }
        return res;
    }

    private static void putU32(byte[] a, int at, long v) {
        a[at] = (byte) v;
        a[at + 1] = (byte) (v >> 8);
        a[at + 2] = (byte) (v >> 16);
        a[at + 3] = (byte) (v >> 24);
    }
}
