package io.dbrecover.mysql.model;

import java.util.List;
import java.util.Objects;

/**
 * A {@code FOREIGN KEY} constraint. A {@code .frm} cannot hold these (InnoDB keeps them in its own dictionary);
 * MySQL 8 SDI can.
 *
 * @param name constraint name
 * @param columns the referencing columns, in order
 * @param referencedSchema the referenced table's database, {@code ""} when it is the table's own
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns, as many as {@code columns}
 * @param onUpdate the ON UPDATE rule
 * @param onDelete the ON DELETE rule
 */
public record ForeignKey(String name, List<String> columns, String referencedSchema, String referencedTable,
                         List<String> referencedColumns, Rule onUpdate, Rule onDelete) {
    public ForeignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referencedSchema, "referencedSchema");
        Objects.requireNonNull(referencedTable, "referencedTable");
        Objects.requireNonNull(onUpdate, "onUpdate");
        Objects.requireNonNull(onDelete, "onDelete");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        referencedColumns = List.copyOf(Objects.requireNonNull(referencedColumns, "referencedColumns"));
        if (name.isEmpty() || referencedTable.isEmpty() || columns.isEmpty()
                || columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " needs a referenced table and as many "
                    + "referenced columns as columns");
        }
    }

    /** What a referential action does; {@link #NO_ACTION} is the default and not printed. */
    public enum Rule {
        NO_ACTION("NO ACTION"), RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL"),
        SET_DEFAULT("SET DEFAULT");

        private final String sql;

        Rule(String sql) {
            this.sql = sql;
        }

        /** The words of the rule in SQL. */
        public String sql() {
            return sql;
        }
    }
}
