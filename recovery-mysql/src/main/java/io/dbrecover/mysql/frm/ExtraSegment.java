package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * The extra segment after the default record: CONNECTION, engine name, partition clause, fulltext parser names
 * and the long table comment (docs/formats/frm.md §9).
 */
record ExtraSegment(String connection, String engine, String partitionText, List<String> parsers,
                    String longComment) {

    static ExtraSegment parse(FrmBytes b, FrmHeader h, int parserKeys, boolean longCommentExpected) {
        long pos = h.extraOffset();
        long end = pos + h.extraLength();
        if (h.extraLength() == 0) {
            return new ExtraSegment("", null, "", List.of(), "");
        }
        int connLength = b.u16(pos, "connection string length");
        pos += 2;
        checkInside(b, pos, connLength, end, "connection string");
        String connection = b.text(pos, connLength, "connection string", 0);
        pos += connLength;
        String engine = null;
        String partition = "";
        if (pos + 2 <= end) {
            int engineLength = b.u16(pos, "engine name length");
            pos += 2;
            checkInside(b, pos, engineLength, end, "engine name");
            engine = engineLength == 0 ? "" : b.engine(b.name(pos, engineLength, "engine name"), pos,
                    "engine name");
            pos += engineLength;
        }
        if (pos + 4 <= end) {
            long partLength = b.u32(pos, "partition clause length");
            pos += 4;
            checkInside(b, pos, partLength, end, "partition clause");
            partition = b.sql(pos, partLength, "partition clause");
            PartitionText.checkEngines(b, pos, partition);
            pos += partLength + 1; // the clause is always followed by a 00 byte
        }
        if (h.serverVersion() >= 50110 && pos < end) {
            pos++; // auto-partitioned flag
        }
        List<String> parsers = new ArrayList<>();
        for (int i = 0; i < parserKeys; i++) {
            long zero = pos;
            while (true) {
                if (zero >= end) {
                    throw b.corrupt(pos, "fulltext parser name is not terminated inside the extra segment");
                }
                if (b.u8(zero, "parser name") == 0) {
                    break;
                }
                zero++;
            }
            parsers.add(b.name(pos, zero - pos, "fulltext parser name"));
            pos = zero + 1;
        }
        String longComment = "";
        if (longCommentExpected) {
            int len = b.u16(pos, "long table comment length");
            pos += 2;
            checkInside(b, pos, len, end, "long table comment");
            longComment = b.text(pos, len, "table comment", Identifiers.MAX_TABLE_COMMENT);
        }
        return new ExtraSegment(connection, engine, partition, List.copyOf(parsers), longComment);
    }

    private static void checkInside(FrmBytes b, long pos, long length, long end, String what) {
        if (pos + length > end) {
            throw b.corrupt(pos, what + " of " + length + " bytes runs past the extra segment");
        }
    }
}
