package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.EngineOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB engine-defined options (extra2 type 128, docs/formats/frm.md §3.1): one list for the table, then one
 * per column, then one per key.
 */
record EngineOptions(List<EngineOption> table, List<List<EngineOption>> columns, List<List<EngineOption>> keys) {

    static EngineOptions parse(FrmBytes b, Extra2 extra2, int columnCount, int keyCount) {
        byte[] v = extra2.engineOptions();
        if (v == null) {
            return new EngineOptions(List.of(), List.of(), List.of());
        }
        int[] p = {0};
        List<EngineOption> table = list(b, v, p);
        List<List<EngineOption>> columns = new ArrayList<>();
        for (int i = 0; i < columnCount; i++) {
            columns.add(list(b, v, p));
        }
        List<List<EngineOption>> keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            keys.add(list(b, v, p));
        }
        return new EngineOptions(table, List.copyOf(columns), List.copyOf(keys));
    }

    private static List<EngineOption> list(FrmBytes b, byte[] v, int[] p) {
        List<EngineOption> out = new ArrayList<>();
        while (true) {
            if (p[0] >= v.length) {
                throw b.corrupt(64, "engine-defined option list is not terminated");
            }
            int nameLength = v[p[0]++] & 0xFF;
            if (nameLength == 0) {
                return List.copyOf(out);
            }
            if (p[0] + nameLength + 2 > v.length) {
                throw b.corrupt(64, "engine-defined option name runs past its record");
            }
            String name = new String(v, p[0], nameLength, StandardCharsets.UTF_8);
            p[0] += nameLength;
            int raw = (v[p[0]] & 0xFF) | (v[p[0] + 1] & 0xFF) << 8;
            p[0] += 2;
            int valueLength = raw & 0x7FFF;
            if (p[0] + valueLength > v.length) {
                throw b.corrupt(64, "engine-defined option value runs past its record");
            }
            String value = new String(v, p[0], valueLength, StandardCharsets.UTF_8);
            p[0] += valueLength;
            if (name.isBlank()) {
                throw b.corrupt(64, "blank engine-defined option name");
            }
            out.add(new EngineOption(name, value, (raw & 0x8000) != 0));
        }
    }

    List<EngineOption> column(int i) {
        return i < columns.size() ? columns.get(i) : List.of();
    }

    List<EngineOption> key(int i) {
        return i < keys.size() ? keys.get(i) : List.of();
    }
}
