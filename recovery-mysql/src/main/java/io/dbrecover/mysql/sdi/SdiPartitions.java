package io.dbrecover.mysql.sdi;

import io.dbrecover.mysql.model.Identifiers;
import java.util.List;
import java.util.Map;

/**
 * The {@code PARTITION BY} clause of a MySQL 8 table, rebuilt from the data-dictionary fields of its SDI
 * document ({@code partition_type}, {@code partition_expression_utf8}, {@code default_partitioning},
 * {@code subpartition_*} and the {@code partitions} array, docs/formats/frm.md §21). MySQL 8 keeps no clause
 * text, so the clause is written in the form both MySQL and MariaDB read: back-quoted partition names,
 * {@code ENGINE = } on every partition.
 */
final class SdiPartitions {
    /** dd {@code default_partitioning}: no list was given, only a count or nothing at all. */
    private static final long DEFAULT_YES = 2;
    private static final long DEFAULT_NUMBER = 3;

    private SdiPartitions() {
    }

    /** The clause, or {@code ""} when the table is not partitioned; what cannot be rendered goes to {@code notes}. */
    static String clause(Map<String, Object> table, List<String> notes) {
        long type = table.containsKey("partition_type") ? SdiTables.num(table, "partition_type") : 0;
        List<Map<String, Object>> partitions = SdiTables.list(table, "partitions");
        if (type == 0) {
            if (!partitions.isEmpty()) {
                throw new IllegalArgumentException("partitions listed for a table with partition_type 0");
            }
            return "";
        }
        String method = method(type, expression(table, "partition_expression"), false);
        StringBuilder sb = new StringBuilder("PARTITION BY ").append(method);
        long subType = table.containsKey("subpartition_type") ? SdiTables.num(table, "subpartition_type") : 0;
        boolean listed = !isDefault(table, "default_partitioning");
        boolean subListed = false;
        if (subType != 0) {
            sb.append("\nSUBPARTITION BY ").append(method(subType, expression(table, "subpartition_expression"),
                    true));
            subListed = !isDefault(table, "default_subpartitioning");
            if (!subListed && !partitions.isEmpty()) {
                sb.append("\nSUBPARTITIONS ").append(SdiTables.list(partitions.get(0), "subpartitions").size());
            }
        }
        if (!listed) {
            if (type == 7 || type == 8 || type == 9 || type == 10) {
                throw new IllegalArgumentException("RANGE/LIST partitioning without a partition list");
            }
            return sb.append("\nPARTITIONS ").append(partitions.size()).toString();
        }
        sb.append("\n(");
        for (int i = 0; i < partitions.size(); i++) {
            Map<String, Object> p = partitions.get(i);
            sb.append(i > 0 ? ",\n " : "").append("PARTITION ").append(Identifiers.quote(SdiTables.str(p, "name")));
            sb.append(values(type, p));
            element(sb, p, notes);
            if (subListed) {
                List<Map<String, Object>> subs = SdiTables.list(p, "subpartitions");
                sb.append("\n (");
                for (int j = 0; j < subs.size(); j++) {
                    Map<String, Object> sp = subs.get(j);
                    sb.append(j > 0 ? ",\n  " : "").append("SUBPARTITION ")
                            .append(Identifiers.quote(SdiTables.str(sp, "name")));
                    element(sb, sp, notes);
                }
                sb.append(')');
            }
        }
        return sb.append(')').toString();
    }

    /** The method with its expression or column list, e.g. {@code RANGE (to_days(`d`))}, {@code KEY (`a`)}. */
    private static String method(long type, String expression, boolean sub) {
        if (sub && type > 6) {
            throw new IllegalArgumentException("subpartition_type " + type + " is not HASH or KEY");
        }
        switch ((int) type) {
            case 1: return "HASH (" + expression + ")";
            case 2: return "KEY ALGORITHM = 1 (" + expression + ")";
            case 3: return "KEY (" + expression + ")";
            case 4: return "LINEAR HASH (" + expression + ")";
            case 5: return "LINEAR KEY ALGORITHM = 1 (" + expression + ")";
            case 6: return "LINEAR KEY (" + expression + ")";
            case 7: return "RANGE (" + expression + ")";
            case 8: return "LIST (" + expression + ")";
            case 9: return "RANGE COLUMNS(" + expression + ")";
            case 10: return "LIST COLUMNS(" + expression + ")";
            default: throw new IllegalArgumentException("partition_type " + type + " is not known");
        }
    }

    private static String values(long type, Map<String, Object> p) {
        String description = SdiTables.str(p, "description_utf8");
        switch ((int) type) {
            case 7:
                return description.equals("MAXVALUE") ? " VALUES LESS THAN MAXVALUE"
                        : " VALUES LESS THAN (" + description + ")";
            case 9:
                return " VALUES LESS THAN (" + description + ")";
            case 8: case 10:
                return " VALUES IN (" + description + ")";
            default:
                return "";
        }
    }

    /** COMMENT and ENGINE of a partition or subpartition; other options (directories, row limits) as notes. */
    private static void element(StringBuilder sb, Map<String, Object> p, List<String> notes) {
        String comment = SdiTables.str(p, "comment");
        if (!comment.isEmpty()) {
            sb.append(" COMMENT = ").append(Identifiers.literal(comment));
        }
        String engine = SdiTables.str(p, "engine");
        sb.append(" ENGINE = ").append(engine.isEmpty() ? "InnoDB" : engine);
        String options = SdiTables.str(p, "options");
        if (!options.isEmpty()) {
            notes.add("partition " + SdiTables.str(p, "name") + " has options not written into the clause: "
                    + options);
        }
    }

    private static String expression(Map<String, Object> t, String key) {
        String utf8 = SdiTables.str(t, key + "_utf8");
        return utf8.isEmpty() ? SdiTables.str(t, key) : utf8;
    }

    private static boolean isDefault(Map<String, Object> t, String key) {
        if (!t.containsKey(key)) {
            return false;
        }
        long v = SdiTables.num(t, key);
        return v == DEFAULT_YES || v == DEFAULT_NUMBER;
    }
}
