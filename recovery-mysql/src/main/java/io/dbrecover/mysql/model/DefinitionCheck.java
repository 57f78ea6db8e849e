package io.dbrecover.mysql.model;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every name and text of a table definition checked as MariaDB would check it ({@link Identifiers}), whatever file
 * it came from. Readers check each value where they read it, with its byte offset; this walk over the finished
 * model is the backstop for what a reader has no offset for (an SDI document's JSON) and for any value a reader
 * missed, so that no definition with a name the server refuses, or with control bytes, leaves a reader.
 */
public final class DefinitionCheck {
    /** A type text MySQL 8 may print that our model has no place for: a word, arguments, attributes. */
    private static final Pattern EXTENDED_TYPE = Pattern.compile("([a-z][a-z0-9_]{0,63})(\\([0-9A-Za-z_',. ]*\\))?"
            + "( [a-z]+){0,4}");
    /** The types MySQL 8 and MariaDB know by name: an extended type must be one of them, else it is damage. */
    private static final Set<String> TYPE_NAMES = Set.of("tinyint", "smallint", "mediumint",
            "int", "integer", "bigint", "decimal", "numeric", "float", "double", "real", "bit", "bool", "boolean",
            "char", "varchar", "binary", "varbinary", "tinytext", "text", "mediumtext", "longtext", "tinyblob",
            "blob", "mediumblob", "longblob", "enum", "set", "date", "time", "datetime", "timestamp", "year", "json",
            "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection", "geomcollection", "vector", "inet4", "inet6", "uuid", "serial");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private DefinitionCheck() {
    }

    /** Which part of a definition a problem lies in, so that a reader can name where it read that part. */
    public enum Part {
        TABLE, COLUMN, INDEX, CHECK, PARTITION, FOREIGN_KEY
    }

    /**
     * What is wrong, and where.
     *
     * @param message which value, and why it is not valid
     * @param part the part of the definition
     * @param index the column's or index's position for {@link Part#COLUMN} and {@link Part#INDEX}, else -1
     */
    public record Problem(String message, Part part, int index) {
    }

    /**
     * What is wrong with the definition, or {@code null} when nothing is: its names and texts, then whether MariaDB
     * could create it at all ({@link DefinitionRules}).
     */
    public static Problem check(TableDefinition t) {
        Problem p = names(t);
        return p != null ? p : DefinitionRules.check(t);
    }

    /** {@link #check} as one sentence, or {@code null}. */
    public static String problem(TableDefinition t) {
        Problem p = check(t);
        return p == null ? null : p.message();
    }

    private static Problem names(TableDefinition t) {
        String bare = t.name().startsWith("#mysql50#") ? t.name().substring("#mysql50#".length()) : t.name();
        String tableName = name("the table name", bare);
        if (tableName != null) {
            return new Problem(tableName, Part.TABLE, -1);
        }
        for (int i = 0; i < t.columns().size(); i++) {
            String c = column(t.columns().get(i));
            if (c != null) {
                return new Problem(c, Part.COLUMN, i);
            }
        }
        for (int i = 0; i < t.indexes().size(); i++) {
            String x = index(t.indexes().get(i));
            if (x != null) {
                return new Problem(x, Part.INDEX, i);
            }
        }
        String p = null;
        for (CheckConstraint c : t.checks()) {
            p = first(p, () -> c.name().isEmpty() ? null : name("the name of a CHECK constraint", c.name()));
            p = first(p, () -> sql("CHECK constraint " + c.name(), c.expression()));
        }
        for (Period period : new Period[] {t.applicationPeriod(), t.systemPeriod()}) {
            p = first(p, () -> period == null ? null : name("the name of a period", period.name()));
        }
        if (p != null) {
            return new Problem(p, Part.CHECK, -1);
        }
        for (ForeignKey fk : t.foreignKeys()) {
            p = first(p, () -> foreignKey(fk));
        }
        if (p != null) {
            return new Problem(p, Part.FOREIGN_KEY, -1);
        }
        TableOptions o = t.options();
        p = first(p, () -> prefixed("the engine", StorageEngines.problem(o.engine())));
        p = first(p, () -> prefixed("the CONNECTION string", Identifiers.textProblem(o.connection(), 0)));
        p = first(p, () -> options("the table", o.engineOptions()));
        p = first(p, () -> prefixed("the table comment", Identifiers.textProblem(t.comment(),
                Identifiers.MAX_TABLE_COMMENT)));
        for (String note : t.notes()) {
            p = first(p, () -> prefixed("a note", Identifiers.textProblem(note, 0)));
        }
        if (p != null) {
            return new Problem(p, Part.TABLE, -1);
        }
        p = t.partitionClause().isEmpty() ? null : sql("the partition clause", t.partitionClause());
        return p == null ? null : new Problem(p, Part.PARTITION, -1);
    }

    private static String column(Column c) {
        String p = name("the name of a column", c.name());
        String what = "column " + c.name();
        p = first(p, () -> prefixed("the comment of " + what, Identifiers.textProblem(c.comment(),
                Identifiers.MAX_COLUMN_COMMENT)));
        p = first(p, () -> c.generated() == null ? null : sql("the expression of " + what, c.generated().expression()));
        p = first(p, () -> c.check() == null ? null : sql("the CHECK of " + what, c.check()));
        p = first(p, () -> c.defaultValue() instanceof ColumnDefault.Expression e
                ? sql("the default of " + what, e.text()) : null);
        p = first(p, () -> options(what, c.engineOptions()));
        DataType type = c.type();
        p = first(p, () -> type.extendedName() == null || knownType(type.extendedName()) ? null
                : what + ": its type '" + type.extendedName() + "' is no type name");
        return p;
    }

    private static boolean knownType(String text) {
        Matcher m = EXTENDED_TYPE.matcher(text);
        // an ENUM or SET whose values did not parse as a list is damage, not a type of its own
        return m.matches() && TYPE_NAMES.contains(m.group(1)) && !m.group(1).equals("enum") && !m.group(1).equals("set")
                && Identifiers.expressionProblem(text) == null;
    }

    private static String index(Index i) {
        String p = name("the name of an index", i.name());
        p = first(p, () -> prefixed("the comment of index " + i.name(), Identifiers.textProblem(i.comment(),
                Identifiers.MAX_COLUMN_COMMENT)));
        p = first(p, () -> i.parser() == null ? null : name("the parser of index " + i.name(), i.parser()));
        p = first(p, () -> options("index " + i.name(), i.engineOptions()));
        for (IndexPart part : i.parts()) {
            p = first(p, () -> name("a column of index " + i.name(), part.column()));
        }
        return p;
    }

    private static String foreignKey(ForeignKey fk) {
        String p = name("the name of a foreign key", fk.name());
        p = first(p, () -> fk.referencedSchema().isEmpty() ? null
                : name("the database foreign key " + fk.name() + " refers to", fk.referencedSchema()));
        p = first(p, () -> name("the table foreign key " + fk.name() + " refers to", fk.referencedTable()));
        for (String c : fk.columns()) {
            p = first(p, () -> name("a column of foreign key " + fk.name(), c));
        }
        for (String c : fk.referencedColumns()) {
            p = first(p, () -> name("a referenced column of foreign key " + fk.name(), c));
        }
        return p;
    }

    private static String options(String owner, List<EngineOption> options) {
        for (EngineOption e : options) {
            if (!OPTION_NAME.matcher(e.name()).matches()) {
                return owner + ": engine option name '" + e.name() + "' is no option name";
            }
            String p = Identifiers.textProblem(e.value(), 0);
            if (p != null) {
                return owner + ": the value of engine option " + e.name() + " is not valid: " + p;
            }
        }
        return null;
    }

    private static String name(String what, String value) {
        String p = Identifiers.nameProblem(value);
        return p == null ? null : what + " '" + value + "' is no valid name: " + p;
    }

    private static String sql(String what, String value) {
        return prefixed(what, Identifiers.expressionProblem(value));
    }

    private static String prefixed(String what, String problem) {
        return problem == null ? null : what + " is not valid: " + problem;
    }

    private static String first(String found, Supplier<String> next) {
        return found != null ? found : next.get();
    }
}
