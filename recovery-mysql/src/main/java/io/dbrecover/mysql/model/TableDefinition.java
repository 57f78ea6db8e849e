package io.dbrecover.mysql.model;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table definition recovered from a file.
 *
 * @param name table name
 * @param columns all columns in order, including hidden ones (see {@link Column#visibility()})
 * @param indexes indexes in the stored order
 * @param options table options
 * @param comment table comment, {@code ""} when none
 * @param partitionClause the partitioning clause as text (starting with {@code PARTITION BY}), {@code ""} when
 *        the table is not partitioned
 * @param checks table-level CHECK constraints
 * @param applicationPeriod MariaDB application-time period, or {@code null}
 * @param systemPeriod explicit {@code PERIOD FOR SYSTEM_TIME} columns, or {@code null}
 * @param systemVersioned WITH SYSTEM VERSIONING
 * @param notes what the source could not hold (foreign keys, AUTO_INCREMENT counter…), one sentence each
 * @param foreignKeys FOREIGN KEY constraints (empty for definitions read from a {@code .frm}, which cannot hold them)
 */
public record TableDefinition(String name, List<Column> columns, List<Index> indexes, TableOptions options,
                              String comment, String partitionClause, List<CheckConstraint> checks,
                              Period applicationPeriod, Period systemPeriod, boolean systemVersioned,
                              List<String> notes, List<ForeignKey> foreignKeys) {
    public TableDefinition {
        foreignKeys = List.copyOf(Objects.requireNonNull(foreignKeys, "foreignKeys"));
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(partitionClause, "partitionClause");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        indexes = List.copyOf(Objects.requireNonNull(indexes, "indexes"));
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty table name");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
        // Column names are case-insensitive in MySQL and MariaDB.
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("duplicate column " + c.name() + " in " + name);
            }
        }
        for (Index index : indexes) {
            for (IndexPart part : index.parts()) {
                if (!names.contains(part.column().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("index " + index.name() + " names unknown column "
                            + part.column());
                }
            }
        }
        for (ForeignKey fk : foreignKeys) {
            for (String c : fk.columns()) {
                if (!names.contains(c.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("foreign key " + fk.name() + " names unknown column " + c);
                }
            }
        }
        for (Period p : new Period[] {applicationPeriod, systemPeriod}) {
            if (p != null && (!names.contains(p.startColumn().toLowerCase(Locale.ROOT))
                    || !names.contains(p.endColumn().toLowerCase(Locale.ROOT)))) {
                throw new IllegalArgumentException("period " + p.name() + " names unknown columns");
            }
        }
    }

    /** A definition without foreign keys (what a {@code .frm} can describe). */
    public TableDefinition(String name, List<Column> columns, List<Index> indexes, TableOptions options,
                           String comment, String partitionClause, List<CheckConstraint> checks,
                           Period applicationPeriod, Period systemPeriod, boolean systemVersioned,
                           List<String> notes) {
        this(name, columns, indexes, options, comment, partitionClause, checks, applicationPeriod, systemPeriod,
                systemVersioned, notes, List.of());
    }

    /** The column with this name (case-insensitive), if any. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }
}
