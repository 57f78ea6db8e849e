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

    /**
     * A partitioned table's {@code .frm} keeps engine "partition" (byte 3 and the extra segment); only the
     * partitions' engine code at byte 61 changes. MariaDB ≥ 10.0 files also name that engine in extra2, which is
     * left alone: callers use this only for a target engine equal to that name or for files without extra2.
     */
    static byte[] swapPartitions(byte[] data, int legacyCode) {
        byte[] out = data.clone();
        out[61] = (byte) legacyCode;
        return out;
    }

    /**
     * A {@code .par} file (uint32 length in words, uint32 checksum, uint32 partition count, one engine code byte
     * per partition, then the names) with every partition's engine set to {@code legacyCode} and the checksum
     * made right again: the XOR of all words of the file is 0.
     */
    static byte[] swapPar(byte[] par, int legacyCode) {
        if (par.length < 12 || par.length % 4 != 0) {
            throw new IllegalStateException(".par of " + par.length + " bytes is not a whole number of words");
        }
        byte[] out = par.clone();
        long parts = u32(out, 8);
        if (12 + parts > out.length) {
            throw new IllegalStateException(".par names " + parts + " partitions in " + par.length + " bytes");
        }
        for (int i = 0; i < parts; i++) {
            out[12 + i] = (byte) legacyCode;
        }
        putU32(out, 4, 0);
        long xor = 0;
        for (int i = 0; i < out.length; i += 4) {
            xor ^= u32(out, i);
        }
        putU32(out, 4, xor);
        return out;
    }

    /**
     * A {@code .par} image for a partition clause without subpartitions: the names of its {@code PARTITION x}
     * definitions, else {@code PARTITIONS n} default names p0…, else one partition p0. Null for subpartitioned
     * clauses (their .par lists every subpartition).
     */
    static byte[] makePar(String clause, int legacyCode) {
        if (clause.toUpperCase(java.util.Locale.ROOT).contains("SUBPARTITION")) {
            return null;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[(,]\\s*PARTITION\\s+(`(?:[^`]|``)+`|\\S+)")
                .matcher(clause);
        while (m.find()) {
            String n = m.group(1);
            names.add(n.startsWith("`") ? n.substring(1, n.length() - 1).replace("``", "`") : n);
        }
        if (names.isEmpty()) {
            java.util.regex.Matcher count = java.util.regex.Pattern.compile("PARTITIONS\\s+(\\d+)").matcher(clause);
            int n = count.find() ? Integer.parseInt(count.group(1)) : 1;
            for (int i = 0; i < n; i++) {
                names.add("p" + i);
            }
        }
        java.io.ByteArrayOutputStream nameBytes = new java.io.ByteArrayOutputStream();
        for (String n : names) {
            nameBytes.writeBytes(n.getBytes(StandardCharsets.UTF_8));
            nameBytes.write(0);
        }
        int engineWords = (names.size() + 3) / 4;
        int nameWords = (nameBytes.size() + 3) / 4;
        int words = 3 + engineWords + 1 + nameWords;
        byte[] par = new byte[words * 4];
        putU32(par, 0, words);
        putU32(par, 8, names.size());
        putU32(par, 12 + engineWords * 4, nameBytes.size());
        System.arraycopy(nameBytes.toByteArray(), 0, par, 16 + engineWords * 4, nameBytes.size());
        return swapPar(par, legacyCode);
    }

    /** The partition names of a {@code .par} file (after the engine bytes: uint32 length, names ending in 00). */
    static java.util.List<String> parNames(byte[] par) {
        int parts = (int) u32(par, 8);
        int at = 12 + (parts + 3) / 4 * 4;
        int length = (int) u32(par, at);
        java.util.List<String> names = new java.util.ArrayList<>();
        int start = at + 4;
        for (int i = start; i < at + 4 + length && i < par.length; i++) {
            if (par[i] == 0) {
                names.add(new String(par, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return names;
    }

    private static long u32(byte[] a, int at) {
        return (a[at] & 0xFFL) | (a[at + 1] & 0xFFL) << 8 | (a[at + 2] & 0xFFL) << 16 | (a[at + 3] & 0xFFL) << 24;
    }

    private static void putU32(byte[] a, int at, long v) {
        a[at] = (byte) v;
        a[at + 1] = (byte) (v >> 8);
        a[at + 2] = (byte) (v >> 16);
        a[at + 3] = (byte) (v >> 24);
    }
}
