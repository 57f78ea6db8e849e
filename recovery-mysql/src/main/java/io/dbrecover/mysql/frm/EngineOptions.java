package io.dbrecover.mysql.frm;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.model.EngineOption;
import io.dbrecover.mysql.model.Identifiers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * MariaDB engine-defined options (extra2 type 128, docs/formats/frm.md §3.1): one list for the table, then one
 * per column, then one per key.
 */
record EngineOptions(List<EngineOption> table, List<List<EngineOption>> columns, List<List<EngineOption>> keys,
                     List<String> notes) {

    private static final int QUOTED = 0x8000;
    /** Engine-defined option names are SQL identifiers the engine declared (PAGE_COMPRESSED, TABLE_TYPE…). */
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    static EngineOptions parse(FrmBytes b, Extra2 extra2, int columnCount, int keyCount) {
        byte[] v = extra2.engineOptions();
        if (v == null) {
            return new EngineOptions(List.of(), List.of(), List.of(), List.of());
        }
        try {
            return parse(b, v, extra2.engineOptionsAt(), columnCount, keyCount, -1, new int[1]);
        } catch (RecoveryException strict) {
            // The value length shares its 16 bits with the "quoted" flag, so a value of 32 KiB or more overflows
            // into the flag (corpus mdev9949: a 34 531-byte CONNECT SRCDEF stored as 0x86E3), and servers then
            // misread the file. The whole image is at most 64 KiB, so at most one value can have overflowed: try
            // each flagged value in turn as a plain 16-bit length, and accept a reading only when the whole image
            // then parses and ends exactly after its last list, so that a damaged image still fails.
            for (int wide = 0; wide < 256; wide++) {
                int[] flagged = new int[1];
                try {
                    return parse(b, v, extra2.engineOptionsAt(), columnCount, keyCount, wide, flagged);
                } catch (RecoveryException notThisOne) {
                    if (flagged[0] <= wide) {
                        break; // no more flagged values to try
                    }
                }
            }
            throw strict;
        }
    }

    /** One reading; {@code wide} = which flagged value (in file order) to read with all 16 bits, -1 for none. */
    private static EngineOptions parse(FrmBytes b, byte[] v, long at, int columnCount, int keyCount, int wide,
                                       int[] flagged) {
        int[] p = {0};
        List<String> notes = new ArrayList<>();
        List<EngineOption> table = list(b, v, at, p, wide, flagged, notes);
        List<List<EngineOption>> columns = new ArrayList<>();
        for (int i = 0; i < columnCount; i++) {
            columns.add(list(b, v, at, p, wide, flagged, notes));
        }
        List<List<EngineOption>> keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            keys.add(list(b, v, at, p, wide, flagged, notes));
        }
        if (wide >= 0 && (p[0] != v.length || notes.isEmpty())) {
            throw b.corrupt(at + p[0], "engine-defined options image does not parse with an overflowed value length");
        }
        return new EngineOptions(table, List.copyOf(columns), List.copyOf(keys), List.copyOf(notes));
    }

    private static List<EngineOption> list(FrmBytes b, byte[] v, long at, int[] p, int wide, int[] flagged,
                                           List<String> notes) {
        List<EngineOption> out = new ArrayList<>();
        while (true) {
            if (p[0] >= v.length) {
                throw b.corrupt(at + p[0], "engine-defined option list is not terminated");
            }
            int nameLength = v[p[0]++] & 0xFF;
            if (nameLength == 0) {
                return List.copyOf(out);
            }
            if (p[0] + nameLength + 2 > v.length) {
                throw b.corrupt(at + p[0], "engine-defined option name runs past its record");
            }
            String name = new String(v, p[0], nameLength, StandardCharsets.ISO_8859_1);
            if (!OPTION_NAME.matcher(name).matches()) {
                throw b.corrupt(at + p[0], "engine-defined option name '" + name + "' is not an option name");
            }
            p[0] += nameLength;
            int raw = (v[p[0]] & 0xFF) | (v[p[0] + 1] & 0xFF) << 8;
            p[0] += 2;
            boolean overflowed = false;
            if ((raw & QUOTED) != 0) {
                overflowed = flagged[0]++ == wide;
            }
            int valueLength = overflowed ? raw : raw & ~QUOTED;
            if (p[0] + valueLength > v.length) {
                throw b.corrupt(at + p[0], "engine-defined option value runs past its record");
            }
            String value = strictUtf8(b, v, at, p[0], valueLength, name);
            p[0] += valueLength;
            String problem = Identifiers.textProblem(value, 0);
            if (problem != null) {
                throw b.corrupt(at + p[0], "the value of engine-defined option " + name + " is no valid text: "
                        + problem);
            }
            if (overflowed) {
                notes.add("engine option " + name + " has a " + valueLength + "-byte value, longer than MariaDB can "
                        + "store (32767): the writing server saved it with an overflowing length and cannot open "
                        + "the file again, and it will refuse the value on CREATE TABLE");
            }
            // An overflowed length has lost the quoted flag; a value that long was a quoted string.
            out.add(new EngineOption(name, value, overflowed || (raw & QUOTED) != 0));
        }
    }

    private static String strictUtf8(FrmBytes b, byte[] v, long at, int from, int length, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v, from, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw b.corrupt(at + from, "the value of engine-defined option " + name + " is not valid UTF-8");
        }
    }

    List<EngineOption> column(int i) {
        return i < columns.size() ? columns.get(i) : List.of();
    }

    List<EngineOption> key(int i) {
        return i < keys.size() ? keys.get(i) : List.of();
    }
}
