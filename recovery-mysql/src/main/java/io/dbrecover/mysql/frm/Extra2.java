package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.ExtendedValues;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MariaDB ≥ 10.0 "extra2" block at offset 64: typed records of data that older layouts could not hold
 * (docs/formats/frm.md §3). All fields are empty/absent for MySQL-layout files.
 */
record Extra2(String partitionEngine, byte[] engineOptions, long engineOptionsAt, byte[] fieldFlags,
              Map<Integer, String> typeNames, byte[] indexFlags, int[] systemPeriod, PeriodRef applicationPeriod,
              List<Integer> withoutOverlaps) {

    /** An application-time period as stored: name and 0-based start/end field numbers. */
    record PeriodRef(String name, int startField, int endField) {
    }

    static final Extra2 EMPTY = new Extra2(null, null, 0, null, Map.of(), null, null, null, List.of());

    static Extra2 parse(FrmBytes b, FrmHeader h) {
        if (!h.mariaExtra2()) {
            return EMPTY;
        }
        long pos = 64;
        long end = 64L + h.extra2Length();
        b.require(pos, h.extra2Length(), "extra2 block");
        String partitionEngine = null;
        byte[] engineOptions = null;
        long engineOptionsAt = 0;
        byte[] fieldFlags = null;
        byte[] indexFlags = null;
        int[] systemPeriod = null;
        PeriodRef period = null;
        List<Integer> overlaps = List.of();
        Map<Integer, String> typeNames = new HashMap<>();
        while (pos < end) {
            long recordStart = pos;
            int type = b.u8(pos++, "extra2 record type");
            long length = b.u8(pos++, "extra2 record length");
            if (length == 0) {
                length = b.u16(pos, "extra2 long record length");
                pos += 2;
                if (length < 256) {
                    throw b.corrupt(pos - 2, "extra2 long record length " + length + " must be at least 256");
                }
            }
            if (pos + length > end) {
                throw b.corrupt(recordStart, "extra2 record of type " + type + " runs past the block end");
            }
            byte[] value = b.slice(pos, length, "extra2 record");
            switch (type) {
                case 0: // table definition version UUID: not needed for DDL
                case 2: // GIS options: SRID etc.; SHOW CREATE TABLE in 10.11 prints none of them by default
                    break;
                case 1:
                    partitionEngine = b.engine(b.name(value, 0, value.length, pos, "partition engine name"), pos,
                            "partition engine name");
                    break;
                case 3:
                    period = parsePeriod(b, pos, value);
                    break;
                case 4:
                    if (value.length != 4) {
                        throw b.corrupt(pos, "system period record has " + value.length + " bytes, expected 4");
                    }
                    systemPeriod = new int[] {le16(value, 0), le16(value, 2)};
                    break;
                case 5:
                    indexFlags = value;
                    break;
                case 128:
                    engineOptions = value;
                    engineOptionsAt = pos;
                    break;
                case 129:
                    fieldFlags = value;
                    break;
                case 130:
                    parseTypeNames(b, pos, value, typeNames);
                    break;
                case 131:
                    overlaps = parseOverlaps(b, pos, value);
                    break;
                default:
                    if (type >= 128) {
                        throw b.unsupported(recordStart, "extra2 record type " + type
                                + " is required by its writer but unknown to this reader");
                    }
                    // Types below 128 are optional by the format's rules: skipping them is safe.
            }
            pos += length;
        }
        return new Extra2(partitionEngine, engineOptions, engineOptionsAt, fieldFlags, Map.copyOf(typeNames),
                indexFlags,
                systemPeriod, period, overlaps);
    }

    private static int le16(byte[] v, int i) {
        return (v[i] & 0xFF) | (v[i + 1] & 0xFF) << 8;
    }

    private static PeriodRef parsePeriod(FrmBytes b, long base, byte[] v) {
        int[] p = {0};
        String name = lengthPrefixed(b, base, v, p);
        lengthPrefixed(b, base, v, p); // constraint name: same as the period's in every file seen
        if (p[0] + 4 != v.length) {
            throw b.corrupt(base + p[0], "application period record has a bad length");
        }
        return new PeriodRef(name, le16(v, p[0]), le16(v, p[0] + 2));
    }

    private static String lengthPrefixed(FrmBytes b, long base, byte[] v, int[] p) {
        if (p[0] >= v.length) {
            throw b.corrupt(base + p[0], "truncated name in extra2 record");
        }
        int n = v[p[0]] & 0xFF;
        if (p[0] + 1 + n > v.length) {
            throw b.corrupt(base + p[0], "name of " + n + " bytes runs past its extra2 record");
        }
        String s = b.name(v, p[0] + 1, n, base + p[0] + 1, "the name of a period");
        p[0] += 1 + n;
        return s;
    }

    private static void parseTypeNames(FrmBytes b, long base, byte[] v, Map<Integer, String> out) {
        int p = 0;
        while (p < v.length) {
            int field = v[p] & 0xFF;
            if (field >= 251) {
                throw b.unsupported(base + p, "multi-byte field number in extra2 type-name record");
            }
            if (p + 1 >= v.length) {
                throw b.corrupt(base + p, "truncated extra2 type-name record");
            }
            int n = v[p + 1] & 0xFF;
            if (n >= 251 || p + 2 + n > v.length) {
                throw b.corrupt(base + p + 1, "bad type-name length " + n);
            }
            String name = new String(v, p + 2, n, StandardCharsets.ISO_8859_1);
            if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
                throw b.corrupt(base + p + 2, "data type name '" + name + "' is not a type name");
            }
            if (ExtendedValues.storageBytes(name).isEmpty()) {
                throw b.unsupported(base + p + 2, "data type " + name + " is unknown to this reader (known: inet4, "
                        + "inet6, uuid)");
            }
            out.put(field, name);
            p += 2 + n;
        }
    }

    private static List<Integer> parseOverlaps(FrmBytes b, long base, byte[] v) {
        if (v.length < 2) {
            throw b.corrupt(base, "truncated WITHOUT OVERLAPS record");
        }
        int count = le16(v, 0);
        if (v.length != 2 + 2 * count) {
            throw b.corrupt(base, "WITHOUT OVERLAPS record length does not match its count " + count);
        }
        Integer[] keys = new Integer[count];
        for (int i = 0; i < count; i++) {
            keys[i] = le16(v, 2 + 2 * i);
        }
        return List.of(keys);
    }

    /** Visibility bits (0–2) of a column's field flags, 0 when absent. */
    int visibility(int field) {
        return fieldFlags != null && field < fieldFlags.length ? fieldFlags[field] & 7 : 0;
    }

    /** Whether a column was declared WITHOUT SYSTEM VERSIONING. */
    boolean withoutVersioning(int field) {
        return fieldFlags != null && field < fieldFlags.length && (fieldFlags[field] & 8) != 0;
    }

    boolean indexIgnored(int key) {
        return indexFlags != null && key < indexFlags.length && (indexFlags[key] & 1) != 0;
    }
}
