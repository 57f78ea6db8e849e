package io.dbrecover.mysql.verify;

import io.dbrecover.core.verify.RowHash;
import java.util.Map;

/** Row hashes as text, one table a line: {@code db.table<TAB>rows<TAB>sha256} (the form of an expect file). */
public final class RowHashLines {
    private RowHashLines() {
    }

    /** The lines for these hashes, in the map's order. */
    public static String format(Map<String, RowHash> hashes) {
        StringBuilder sb = new StringBuilder();
        hashes.forEach((table, h) -> sb.append(table).append('\t').append(h.rows()).append('\t').append(h.sha256())
                .append('\n'));
        return sb.toString();
    }
}
