package io.dbrecover.mysql.frm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated-column expressions, expression defaults and CHECK constraints, in the three layouts of
 * docs/formats/frm.md §5.5: MariaDB ≥ 10.2 (frm version 11), MySQL 5.7 generated columns, and MariaDB 5.2–10.1
 * virtual columns (type code 245).
 */
record ExpressionSection(Map<Integer, Generated> generated, Map<Integer, String> defaults,
                         Map<Integer, String> columnChecks, List<String[]> tableChecks,
                         Map<Integer, Integer> realTypes) {

    /** A generated column as stored; {@code intervalNumber} only for the MariaDB ≤ 10.1 layout. */
    record Generated(String expression, boolean stored) {
    }

    private static final int MARIADB_HEADER = 16;

    static ExpressionSection parse(FrmBytes b, FrmHeader h, ColumnSection cs) {
        Map<Integer, Generated> generated = new HashMap<>();
        Map<Integer, String> defaults = new HashMap<>();
        Map<Integer, String> checks = new HashMap<>();
        Map<Integer, Integer> realTypes = new HashMap<>();
        List<String[]> tableChecks = new ArrayList<>();
        long pos = cs.expressionOffset();
        long end = pos + cs.expressionLength();
        if (cs.expressionLength() == 0) {
            return new ExpressionSection(Map.of(), Map.of(), Map.of(), List.of(), Map.of());
        }
        if (h.mariaExtra2() && h.frmVersion() >= 11) {
            pos += MARIADB_HEADER;
            while (pos < end) {
                long entry = pos;
                int type = b.u8(pos, "expression type");
                int field = b.u16(pos + 1, "expression field number");
                int length = b.u16(pos + 3, "expression length");
                int nameLength = b.u8(pos + 5, "expression name length");
                pos += 6;
                if (pos + nameLength + length > end) {
                    throw b.corrupt(entry, "expression entry runs past the expression section");
                }
                String name = nameLength == 0 && type != 4 ? "" : b.name(pos, nameLength, "the name of a constraint");
                pos += nameLength;
                String text = b.printedSql(pos, length, "expression text");
                pos += length;
                if (type == 4) {
                    tableChecks.add(new String[] {name, text});
                    continue;
                }
                if (field >= cs.columns().size()) {
                    throw b.corrupt(entry + 1, "expression names column " + field + " of " + cs.columns().size());
                }
                switch (type) {
                    case 0: generated.put(field, new Generated(text, false)); break;
                    case 1: generated.put(field, new Generated(text, true)); break;
                    case 2: defaults.put(field, text); break;
                    case 3: checks.put(field, text); break;
                    default: throw b.unsupported(entry, "expression entry of unknown type " + type);
                }
            }
        } else if (h.isMySql57()) {
            for (RawColumn c : cs.columns()) {
                if ((c.unireg() & 0x80) == 0) {
                    continue;
                }
                long entry = pos;
                if (b.u8(pos, "generated column marker") != 1) {
                    throw b.corrupt(pos, "generated-column entry does not start with 01");
                }
                int length = b.u16(pos + 1, "generated column expression length");
                boolean stored = b.u8(pos + 3, "generated column stored flag") == 1;
                pos += 4;
                if (pos + length > end) {
                    throw b.corrupt(entry, "generated-column entry runs past its section");
                }
                generated.put(c.index(), new Generated(stripOuterParentheses(b.sql(pos, length,
                        "generated column expression")), stored));
                pos += length;
            }
        } else {
            for (RawColumn c : cs.columns()) {
                if (c.typeCode() != 245) {
                    continue;
                }
                int total = c.interval(); // MariaDB ≤ 10.1 reuses byte 12 as the entry length
                long entry = pos;
                if (pos + total > end || total < 4) {
                    throw b.corrupt(entry, "virtual-column entry of " + total + " bytes does not fit its section");
                }
                int marker = b.u8(pos, "virtual column marker");
                if (marker != 1 && marker != 2) {
                    throw b.corrupt(pos, "virtual-column entry starts with " + marker + ", expected 1 or 2");
                }
                int header = marker == 2 ? 4 : 3;
                realTypes.put(c.index(), b.u8(pos + 1, "virtual column real type"));
                boolean stored = (b.u8(pos + 2, "virtual column flags") & 1) != 0;
                String text = b.sql(pos + header, total - header, "virtual column expression");
                if (text.isBlank()) {
                    throw b.corrupt(pos, "empty virtual column expression");
                }
                generated.put(c.index(), new Generated(text, stored));
                pos += total;
            }
        }
        return new ExpressionSection(Map.copyOf(generated), Map.copyOf(defaults), Map.copyOf(checks),
                List.copyOf(tableChecks), Map.copyOf(realTypes));
    }

    /** MySQL 5.7 stores {@code (expr)}; the model keeps expressions without outer parentheses. */
    static String stripOuterParentheses(String s) {
        if (s.length() >= 2 && s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')') {
            int depth = 0;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '(') {
                    depth++;
                } else if (ch == ')') {
                    depth--;
                    if (depth == 0 && i < s.length() - 1) {
                        return s; // the first '(' closes early: "(a)+(b)"
                    }
                }
            }
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
