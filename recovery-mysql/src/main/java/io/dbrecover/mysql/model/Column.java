package io.dbrecover.mysql.model;

import java.util.List;
import java.util.Objects;

/**
 * One column of a table.
 *
 * @param name column name
 * @param type data type
 * @param nullable whether NULL is allowed
 * @param defaultValue the DEFAULT clause ({@link ColumnDefault#NONE} when there is none)
 * @param onUpdate {@code ON UPDATE CURRENT_TIMESTAMP(n)}, or {@code null}
 * @param autoIncrement AUTO_INCREMENT
 * @param comment column comment, {@code ""} when none
 * @param visibility whether the column is declared and shown
 * @param generated the generation expression of a generated column, or {@code null}
 * @param check a column-level CHECK expression (MariaDB), or {@code null}
 * @param versioning the column's role in system versioning
 * @param engineOptions engine-defined column attributes
 * @param explicitCollation the column declared its CHARACTER SET or COLLATE (MySQL 8's dictionary says so; a
 *        {@code .frm} does not, and reads as {@code false}); MySQL 8 then prints both even when they are the table's
 */
public record Column(String name, DataType type, boolean nullable, ColumnDefault defaultValue,
                     ColumnDefault.CurrentTimestamp onUpdate, boolean autoIncrement, String comment,
                     Visibility visibility, Generated generated, String check, Versioning versioning,
                     List<EngineOption> engineOptions, boolean explicitCollation) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(versioning, "versioning");
        engineOptions = List.copyOf(Objects.requireNonNull(engineOptions, "engineOptions"));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty column name");
        }
        if (defaultValue instanceof ColumnDefault.Null && !nullable) {
            throw new IllegalArgumentException("column " + name + " is NOT NULL but defaults to NULL");
        }
        if (generated != null && !(defaultValue instanceof ColumnDefault.None)) {
            throw new IllegalArgumentException("generated column " + name + " cannot have a DEFAULT");
        }
        if (generated != null && autoIncrement) {
            throw new IllegalArgumentException("generated column " + name + " cannot be AUTO_INCREMENT");
        }
    }

    /** A column whose declaration is not known to have named its character set or collation. */
    public Column(String name, DataType type, boolean nullable, ColumnDefault defaultValue,
                  ColumnDefault.CurrentTimestamp onUpdate, boolean autoIncrement, String comment,
                  Visibility visibility, Generated generated, String check, Versioning versioning,
                  List<EngineOption> engineOptions) {
        this(name, type, nullable, defaultValue, onUpdate, autoIncrement, comment, visibility, generated, check,
                versioning, engineOptions, false);
    }

    /** A plain visible column without comment, generation, check or engine options. */
    public static Column of(String name, DataType type, boolean nullable, ColumnDefault defaultValue) {
        return new Column(name, type, nullable, defaultValue, null, false, "", Visibility.VISIBLE, null, null,
                Versioning.NORMAL, List.of());
    }
}
