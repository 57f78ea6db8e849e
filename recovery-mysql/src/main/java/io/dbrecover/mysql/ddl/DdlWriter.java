package io.dbrecover.mysql.ddl;

import io.dbrecover.core.report.TerminalText;
import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.CheckConstraint;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.EngineOption;
import io.dbrecover.mysql.model.ForeignKey;
import io.dbrecover.mysql.model.Identifiers;
import io.dbrecover.mysql.model.Index;
import io.dbrecover.mysql.model.IndexPart;
import io.dbrecover.mysql.model.Period;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.Switch;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TableOptions;
import io.dbrecover.mysql.model.Versioning;
import io.dbrecover.mysql.model.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a table definition as a CREATE TABLE statement in the style of MariaDB 10.11's
 * {@code SHOW CREATE TABLE} (docs/formats/frm.md §14.1), ending with {@code ;}. What the source could not hold
 * is written first as {@code -- } comment lines, so that nobody takes the statement for more than it is.
 *
 * <p>With a MySQL {@link Dialect} the text is what that MySQL release line's own SHOW CREATE TABLE prints
 * (§22; the line's rules are in {@link MySqlWriter} and {@link MySqlRules}): MariaDB-only types, options, periods
 * and system versioning are translated or left out, and each loss becomes one of those comment lines.
 */
public final class DdlWriter {
    /** Engine-defined options each engine declares; SHOW wraps any other in a comment. */
    private static final Map<String, Set<String>> KNOWN_TABLE_OPTIONS = Map.of(
            "innodb", Set.of("PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "ENCRYPTED", "ENCRYPTION_KEY_ID"));

    /** What the chosen dialect cannot carry, found while writing; becomes {@code -- } lines. */
    private final List<String> lost = new ArrayList<>();
    /** The MySQL release line's columns; {@code null} for MariaDB. */
    private final MySqlWriter my;
    /** The MySQL release line's keys, checks, options and partitions; {@code null} for MariaDB. */
    private final MySqlClauses myClauses;

    /** A writer for MariaDB or for one MySQL release line ({@link Dialect#MYSQL} is resolved by the caller). */
    private DdlWriter(Dialect dialect) {
        this.my = dialect.isMySql() ? new MySqlWriter(dialect.forWriter(0), lost) : null;
        this.myClauses = my == null ? null : new MySqlClauses(my, lost);
    }

    /** The statement with its note comments, e.g. {@code -- foreign keys…\nCREATE TABLE `t` (…) …;}. */
    public static String write(TableDefinition t) {
        return write(t, Dialect.MARIADB);
    }

    /**
     * The statement for a server, preceded by the table's notes and by what that server cannot carry (for MySQL:
     * MariaDB-only types, options, periods, system versioning, and what the release line lacks). {@link
     * Dialect#MYSQL} here means the newest MySQL line; {@link #write(TableDefinition, Dialect, long)} picks the
     * line that wrote the file.
     */
    public static String write(TableDefinition t, Dialect dialect) {
        return write(t, dialect, 0);
    }

    /**
     * The statement for a server, with {@link Dialect#MYSQL} resolved for the server that wrote the file
     * ({@link Dialect#forWriter}); the choice is named in a note.
     *
     * @param writerVersionId the {@code MYSQL_VERSION_ID} the file names (a {@code .frm} header, an SDI), 0 when
     *        unknown
     */
    public static String write(TableDefinition t, Dialect dialect, long writerVersionId) {
        return written(t, dialect, writerVersionId).ddl();
    }

    /**
     * A table's script text and the same statements one by one.
     *
     * @param ddl what {@link #write(TableDefinition, Dialect, long)} returns
     * @param statements what {@link #statements(TableDefinition, Dialect, long)} returns
     */
    public record Written(String ddl, List<String> statements) {
        public Written {
            Objects.requireNonNull(ddl, "ddl");
            statements = List.copyOf(statements);
        }
    }

    /**
     * {@link #write(TableDefinition, Dialect, long)} and {@link #statements(TableDefinition, Dialect, long)} at
     * once: the statement is written once for both (over thousands of files, writing each table three times was
     * most of {@code mysql ddl}'s time).
     */
    public static Written written(TableDefinition t, Dialect dialect, long writerVersionId) {
        Dialect line = dialect.forWriter(writerVersionId);
        DdlWriter w = new DdlWriter(line);
        String create = w.statement(t);
        List<String> loose = LooseValueLists.of(t);
        List<String> statements = statements(create, loose);
        List<String> notes = new ArrayList<>(t.notes());
        if (dialect == Dialect.MYSQL) {
            notes.add(chosenLine(line, writerVersionId));
        }
        notes.addAll(w.lost);
        for (String l : loose) {
            notes.add(l + ": a strict sql_mode refuses that (duplicated value), so the table is created with the "
                    + "strict modes off, as the server that wrote it allowed");
        }
        int size = create.length() + 2;
        for (String note : notes) {
            size += note.length() + t.name().length() + 6;
        }
        StringBuilder sb = new StringBuilder(size + (statements.size() > 1 ? 256 : 0));
        for (String note : notes) {
            sb.append("-- ").append(TerminalText.escapeLine(t.name() + ": " + note)).append('\n');
        }
        for (String s : statements) {
            sb.append(s).append(";\n");
        }
        return new Written(sb.toString(), statements);
    }

    /** Why {@link Dialect#MYSQL} wrote this table for {@code line}. */
    private static String chosenLine(Dialect line, long writerVersionId) {
        if (writerVersionId <= 0) {
            return "written as " + line.displayName() + " prints it (the file does not say which server wrote it)";
        }
        if (writerVersionId < 50000) {
            return "written as " + line.displayName() + " prints it (the file was written before MySQL 5.0, which "
                    + "recorded no version)";
        }
        String writer = (writerVersionId >= 100000 ? "MariaDB " : "MySQL ") + Dialect.versionText(writerVersionId);
        if (writerVersionId >= 100000) {
            return "written as " + line.displayName() + " prints it, the newest MySQL (the file was written by "
                    + writer + ")";
        }
        return "written as " + line.displayName() + " prints it (the file was written by " + writer
                + (writerVersionId < 50600 ? ", or by MariaDB 5.x, which printed the same way" : "") + ")";
    }

    /**
     * The statements to run one by one through an API (JDBC): the CREATE TABLE, and around it, when the table
     * has ENUM/SET values equal under their collation, saving sql_mode, turning the strict modes off and
     * restoring it.
     */
    public static List<String> statements(TableDefinition t, Dialect dialect) {
        return statements(t, dialect, 0);
    }

    /** {@link #statements(TableDefinition, Dialect)} with {@link Dialect#MYSQL} resolved for the file's writer. */
    public static List<String> statements(TableDefinition t, Dialect dialect, long writerVersionId) {
        return statements(createTable(t, dialect.forWriter(writerVersionId)), LooseValueLists.of(t));
    }

    private static List<String> statements(String create, List<String> loose) {
        if (loose.isEmpty()) {
            return List.of(create);
        }
        return List.of("SET @dbrecover_saved_sql_mode = @@sql_mode", "SET sql_mode = " + LooseValueLists.NON_STRICT,
                create, "SET sql_mode = @dbrecover_saved_sql_mode");
    }

    /** The bare statement without notes and without the final {@code ;}, as SHOW CREATE TABLE prints it. */
    public static String createTable(TableDefinition t) {
        return createTable(t, Dialect.MARIADB);
    }

    /**
     * The bare statement for a server (what it cannot carry is left out; {@link #write} names it); {@link
     * Dialect#MYSQL} means the newest MySQL line.
     */
    public static String createTable(TableDefinition t, Dialect dialect) {
        return new DdlWriter(dialect).statement(t);
    }

    private boolean mysql() {
        return my != null;
    }

    private String statement(TableDefinition t) {
        List<String> lines = new ArrayList<>();
        CharsetCollation tableCharset = t.options().charset();
        String tableCollation = tableCharset == null ? null : tableCharset.collation();
        if (mysql()) {
            my.table(t);
        }
        for (Column c : t.columns()) {
            if (c.visibility().declared()) {
                lines.add(mysql() ? my.column(c, t) : column(c, tableCollation));
            }
        }
        if (t.applicationPeriod() != null) {
            if (mysql()) {
                lost.add("MariaDB application-time " + period(t.applicationPeriod()) + " left out");
            } else {
                lines.add(period(t.applicationPeriod()));
            }
        }
        for (Index i : t.indexes()) {
            Index declared = declared(i, t);
            lines.add(mysql() ? myClauses.index(declared, t, t.options().keyBlockSize())
                    : index(declared, t.options().keyBlockSize()));
        }
        if (t.systemPeriod() != null) {
            if (mysql()) {
                lost.add("MariaDB " + period(t.systemPeriod()) + " left out");
            } else {
                lines.add(period(t.systemPeriod()));
            }
        }
        for (ForeignKey fk : t.foreignKeys()) {
            lines.add(foreignKey(fk));
        }
        if (mysql()) {
            lines.addAll(myClauses.checks(t));
        } else {
            for (CheckConstraint c : t.checks()) {
                lines.add("CONSTRAINT " + id(c.name()) + " CHECK (" + c.expression() + ")");
            }
        }
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(id(t.name())).append(" (\n");
        for (int i = 0; i < lines.size(); i++) {
            sb.append("  ").append(lines.get(i)).append(i + 1 < lines.size() ? ",\n" : "\n");
        }
        sb.append(')').append(mysql() ? myClauses.options(t.options(), t.comment())
                : options(t.options(), t.comment()));
        if (t.systemVersioned()) {
            if (mysql()) {
                lost.add("WITH SYSTEM VERSIONING (MariaDB) left out: the history rows are not kept");
            } else {
                sb.append(" WITH SYSTEM VERSIONING");
            }
        }
        if (!t.partitionClause().isEmpty()) {
            sb.append(mysql() ? myClauses.partitions(t.partitionClause()) : "\n " + t.partitionClause());
        }
        if (mysql()) {
            my.finish();
        }
        return sb.toString();
    }

    /**
     * {@code CONSTRAINT `fk` FOREIGN KEY (`a`, `b`) REFERENCES `db`.`t` (`x`, `y`) ON DELETE CASCADE}, as MariaDB and
     * every MySQL version show it (column lists joined by comma and space, unlike key parts).
     */
    public static String foreignKey(ForeignKey fk) {
        StringBuilder sb = new StringBuilder("CONSTRAINT ").append(id(fk.name())).append(" FOREIGN KEY (")
                .append(idList(fk.columns())).append(") REFERENCES ");
        if (!fk.referencedSchema().isEmpty()) {
            sb.append(id(fk.referencedSchema())).append('.');
        }
        sb.append(id(fk.referencedTable())).append(" (").append(idList(fk.referencedColumns())).append(')');
        if (fk.onDelete() != ForeignKey.Rule.NO_ACTION) {
            sb.append(" ON DELETE ").append(fk.onDelete().sql());
        }
        if (fk.onUpdate() != ForeignKey.Rule.NO_ACTION) {
            sb.append(" ON UPDATE ").append(fk.onUpdate().sql());
        }
        return sb.toString();
    }

    private static String idList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() > 0 ? ", " : "").append(id(n));
        }
        return sb.toString();
    }

    private static String period(Period p) {
        String name = p.name().equals(Period.SYSTEM_TIME) ? p.name() : id(p.name());
        return "PERIOD FOR " + name + " (" + id(p.startColumn()) + ", " + id(p.endColumn()) + ")";
    }

    /** One column's definition in MariaDB syntax as in CREATE TABLE, e.g. for {@code ALTER TABLE … MODIFY}. */
    public static String columnDefinition(Column c, String tableCollation) {
        return new DdlWriter(Dialect.MARIADB).column(c, tableCollation);
    }

    /** One index's definition in MariaDB syntax as in CREATE TABLE, e.g. for {@code ALTER TABLE … ADD}. */
    public static String indexDefinition(Index i, int tableKeyBlockSize) {
        return new DdlWriter(Dialect.MARIADB).index(i, tableKeyBlockSize);
    }

    /** One index of the table as its CREATE TABLE declares it (see {@link #declared}). */
    public static String indexDefinition(TableDefinition t, Index i, int tableKeyBlockSize) {
        return new DdlWriter(Dialect.MARIADB).index(declared(i, t), tableKeyBlockSize);
    }

    /**
     * The index without the parts on implicit system-versioning columns: a {@code .frm} stores {@code row_end} in
     * each unique key of a system-versioned table, but the server adds it by itself and refuses it in a CREATE TABLE
     * that does not declare the column.
     */
    static Index declared(Index i, TableDefinition t) {
        List<IndexPart> parts = i.parts().stream().filter(p -> t.column(p.column())
                .map(c -> c.visibility() != Visibility.SYSTEM).orElse(true)).toList();
        return parts.size() == i.parts().size() ? i : new Index(i.kind(), i.name(), parts, i.algorithm(), i.comment(),
                i.parser(), i.keyBlockSize(), i.ignored(), i.withoutOverlaps(), i.engineOptions());
    }

    /** One column in MariaDB's syntax; MySQL lines are written by {@link MySqlWriter}. */
    private String column(Column c, String tableCollation) {
        DataType t = c.type();
        StringBuilder sb = new StringBuilder(id(c.name())).append(' ').append(type(t));
        if (t.legacyTemporal()) {
            // MariaDB marks old storage formats: temporals of 5.3, VARCHAR and DECIMAL of before 5.0.3.
            boolean temporal = t.type() == ColumnType.TIME || t.type() == ColumnType.DATETIME
                    || t.type() == ColumnType.TIMESTAMP;
            sb.append(temporal ? " /* mariadb-5.3 */" : "/*old*/");
        }
        if (t.compressed()) {
            sb.append(" /*M!100301 COMPRESSED*/");
        }
        if (t.charset() != null && t.charset().isBinary() && t.type().family() == ColumnType.Family.LIST
                && !t.charset().collation().equals(tableCollation)) {
            sb.append(" CHARACTER SET binary"); // an ENUM/SET of byte strings (other binary types have own names)
        } else if (t.charset() != null && !t.charset().isBinary()
                && !t.charset().collation().equals(tableCollation)) {
            sb.append(" CHARACTER SET ").append(t.charset().charset()).append(" COLLATE ")
                    .append(mariaDbCollation(t.charset().collation(), "column " + c.name()));
        }
        boolean invisible = c.visibility() == Visibility.INVISIBLE;
        if (c.generated() != null) {
            sb.append(" GENERATED ALWAYS AS (").append(c.generated().expression()).append(')')
                    .append(c.generated().stored() ? " STORED" : " VIRTUAL");
            if (invisible) {
                sb.append(" INVISIBLE");
            }
        } else {
            if (c.versioning() == Versioning.ROW_START || c.versioning() == Versioning.ROW_END) {
                sb.append(c.versioning() == Versioning.ROW_START ? " GENERATED ALWAYS AS ROW START"
                        : " GENERATED ALWAYS AS ROW END");
            } else if (!c.nullable()) {
                sb.append(" NOT NULL");
            } else if (t.type() == ColumnType.TIMESTAMP) {
                sb.append(" NULL");
            }
            if (invisible) {
                sb.append(" INVISIBLE");
            }
            String def = defaultText(c.defaultValue());
            if (def != null) {
                sb.append(" DEFAULT ").append(def);
            }
            if (c.versioning() == Versioning.EXCLUDED) {
                sb.append(" WITHOUT SYSTEM VERSIONING");
            }
            if (c.onUpdate() != null) {
                sb.append(" ON UPDATE ").append(defaultText(c.onUpdate()));
            }
            if (c.autoIncrement()) {
                sb.append(" AUTO_INCREMENT");
            }
        }
        if (!c.comment().isEmpty()) {
            quote(sb.append(" COMMENT "), c.comment());
        }
        engineOptions(sb, c.engineOptions(), Set.of());
        if (c.check() != null) {
            sb.append(" CHECK (").append(c.check()).append(')');
        }
        return sb.toString();
    }

    /** MariaDB's name for a MySQL-8-only collation (with a note), else the name as it is. */
    private String mariaDbCollation(String collation, String owner) {
        MySql8Collations.Mapped m = MySql8Collations.forMariaDb(collation);
        if (m == null) {
            return collation;
        }
        lost.add(owner + ": MySQL 8 collation " + collation + " written as " + m.collation()
                + (m.difference() == null ? ", MariaDB's equivalent" : ": " + m.difference()));
        return m.collation();
    }

    /** The type as MariaDB 10.11 prints it, e.g. {@code int(10) unsigned zerofill}, {@code varchar(20)}. */
    public static String type(DataType t) {
        StringBuilder sb = new StringBuilder();
        switch (t.type()) {
            case EXTENDED:
                return t.extendedName();
            case GEOMETRY:
                return t.geometry().sqlName();
            case JSON:
                return "longtext"; // MariaDB's JSON is an alias of LONGTEXT
            case ENUM:
            case SET: {
                sb.append(t.type().sqlName()).append('(');
                for (int i = 0; i < t.labels().size(); i++) {
                    String hex = t.labelHex(i);
                    sb.append(i > 0 ? "," : "").append(hex.isEmpty() ? quote(t.labels().get(i)) : "0x" + hex);
                }
                return sb.append(')').toString();
            }
            case DECIMAL:
                sb.append("decimal(").append(t.length()).append(',').append(t.scale()).append(')');
                break;
            case FLOAT:
            case DOUBLE:
                sb.append(t.type().sqlName());
                if (t.scale() >= 0) {
                    sb.append('(').append(t.length()).append(',').append(t.scale()).append(')');
                }
                break;
            case TIME:
            case DATETIME:
            case TIMESTAMP:
                sb.append(t.type().sqlName());
                if (t.fsp() > 0) {
                    sb.append('(').append(t.fsp()).append(')');
                }
                break;
            case DATE:
            case TINYTEXT: case TEXT: case MEDIUMTEXT: case LONGTEXT:
            case TINYBLOB: case BLOB: case MEDIUMBLOB: case LONGBLOB:
                sb.append(t.type().sqlName());
                break;
            default:
                sb.append(t.type().sqlName());
                // a string type always has its length: CHAR(0) is a type of its own, a bare CHAR is CHAR(1)
                ColumnType.Family f = t.type().family();
                if (t.length() > 0 || f == ColumnType.Family.STRING || f == ColumnType.Family.BINARY) {
                    sb.append('(').append(t.length()).append(')');
                }
        }
        if (t.unsigned()) {
            sb.append(" unsigned");
        }
        if (t.zerofill()) {
            sb.append(" zerofill");
        }
        return sb.toString();
    }

    /** The DEFAULT (or ON UPDATE) text as MariaDB 10.11 prints it, {@code null} for none. */
    private static String defaultText(ColumnDefault d) {
        if (d instanceof ColumnDefault.None) {
            return null;
        }
        if (d instanceof ColumnDefault.Null) {
            return "NULL";
        }
        if (d instanceof ColumnDefault.CurrentTimestamp ct) {
            return ct.fsp() == 0 ? "current_timestamp()" : "current_timestamp(" + ct.fsp() + ")";
        }
        if (d instanceof ColumnDefault.Literal l) {
            return switch (l.kind()) {
                case NUMBER -> l.text();
                case BIT -> "b'" + l.text() + "'";
                case HEX -> "0x" + l.text();
                default -> quote(l.text());
            };
        }
        String e = ((ColumnDefault.Expression) d).text();
        return ExpressionShape.isSimple(e) ? e : "(" + e + ")";
    }

    private String index(Index i, int tableKeyBlockSize) {
        StringBuilder sb = new StringBuilder();
        switch (i.kind()) {
            case PRIMARY: sb.append("PRIMARY KEY "); break;
            case UNIQUE: sb.append("UNIQUE KEY ").append(id(i.name())).append(' '); break;
            case FULLTEXT: sb.append("FULLTEXT KEY ").append(id(i.name())).append(' '); break;
            case SPATIAL: sb.append("SPATIAL KEY ").append(id(i.name())).append(' '); break;
            default: sb.append("KEY ").append(id(i.name())).append(' ');
        }
        sb.append('(');
        for (int n = 0; n < i.parts().size(); n++) {
            IndexPart p = i.parts().get(n);
            sb.append(n > 0 ? "," : "").append(id(p.column()));
            if (p.prefixLength() > 0) {
                sb.append('(').append(p.prefixLength()).append(')');
            }
            if (p.descending()) {
                sb.append(" DESC");
            }
        }
        if (i.withoutOverlaps() != null) {
            sb.append(',').append(id(i.withoutOverlaps())).append(" WITHOUT OVERLAPS");
        }
        sb.append(')');
        switch (i.algorithm()) {
            case BTREE: sb.append(" USING BTREE"); break;
            case HASH: sb.append(" USING HASH"); break;
            case RTREE: sb.append(" USING RTREE"); break;
            default: break;
        }
        if (i.keyBlockSize() > 0 && i.keyBlockSize() != tableKeyBlockSize) {
            sb.append(" KEY_BLOCK_SIZE=").append(i.keyBlockSize());
        }
        if (!i.comment().isEmpty()) {
            quote(sb.append(" COMMENT "), i.comment());
        }
        if (i.ignored()) {
            sb.append(" IGNORED");
        }
        if (i.parser() != null) {
            sb.append(" /*!50100 WITH PARSER ").append(id(i.parser())).append(" */ ");
        }
        engineOptions(sb, i.engineOptions(), Set.of());
        return sb.toString();
    }

    private String options(TableOptions o, String comment) {
        StringBuilder sb = new StringBuilder(" ENGINE=").append(o.engine());
        if (o.charset() != null && !o.sequence()) {
            sb.append(" DEFAULT CHARSET=").append(o.charset().charset());
            if (!o.charset().isBinary()) {
                // binary has one collation of the same name; MariaDB prints no COLLATE for it
                sb.append(" COLLATE=").append(mariaDbCollation(o.charset().collation(), "table"));
            }
        }
        if (o.minRows() > 0) {
            sb.append(" MIN_ROWS=").append(o.minRows());
        }
        if (o.maxRows() > 0) {
            sb.append(" MAX_ROWS=").append(o.maxRows());
        }
        if (o.avgRowLength() > 0) {
            sb.append(" AVG_ROW_LENGTH=").append(o.avgRowLength());
        }
        sb.append(onOff(" PACK_KEYS=", o.packKeys())).append(onOff(" STATS_PERSISTENT=", o.statsPersistent()))
                .append(onOff(" STATS_AUTO_RECALC=", o.statsAutoRecalc()));
        if (o.statsSamplePages() > 0) {
            sb.append(" STATS_SAMPLE_PAGES=").append(o.statsSamplePages());
        }
        if (o.checksum()) {
            sb.append(" CHECKSUM=1");
        }
        sb.append(onOff(" PAGE_CHECKSUM=", o.pageChecksum()));
        if (o.delayKeyWrite()) {
            sb.append(" DELAY_KEY_WRITE=1");
        }
        if (o.rowFormat() != RowFormat.DEFAULT) {
            sb.append(" ROW_FORMAT=").append(o.rowFormat());
        }
        sb.append(onOff(" TRANSACTIONAL=", o.transactional()));
        if (o.sequence()) {
            sb.append(" SEQUENCE=1");
        }
        if (o.keyBlockSize() > 0) {
            sb.append(" KEY_BLOCK_SIZE=").append(o.keyBlockSize());
        }
        if (!comment.isEmpty()) {
            quote(sb.append(" COMMENT="), comment);
        }
        if (!o.connection().isEmpty()) {
            quote(sb.append(" CONNECTION="), o.connection());
        }
        engineOptions(sb, o.engineOptions(),
                KNOWN_TABLE_OPTIONS.getOrDefault(o.engine().toLowerCase(Locale.ROOT), Set.of()));
        return sb.toString();
    }

    /**
     * Known options as {@code `NAME`='v'}, then all others inside one comment, as MariaDB 10.11 prints them; written
     * straight into {@code sb} (values can run to kilobytes).
     */
    private static void engineOptions(StringBuilder sb, List<EngineOption> options, Set<String> known) {
        boolean unknown = false;
        for (EngineOption e : options) {
            if (known.contains(e.name().toUpperCase(Locale.ROOT))) {
                engineOption(sb, e);
            } else {
                unknown = true;
            }
        }
        if (unknown) {
            sb.append(" /*");
            for (EngineOption e : options) {
                if (!known.contains(e.name().toUpperCase(Locale.ROOT))) {
                    engineOption(sb, e);
                }
            }
            sb.append(" */");
        }
    }

    private static void engineOption(StringBuilder sb, EngineOption e) {
        quote(sb.append(' ').append(id(e.name())).append('='), e.value());
    }

    private static String onOff(String name, Switch s) {
        return s == Switch.UNSET ? "" : name + (s == Switch.ON ? "1" : "0");
    }

    /** A back-quoted identifier. */
    public static String id(String name) {
        return Identifiers.quote(name);
    }

    /** A single-quoted SQL string with MariaDB's escapes. */
    public static String quote(String s) {
        return Identifiers.literal(s);
    }

    /** {@link #quote(String)} appended to {@code sb}. */
    static StringBuilder quote(StringBuilder sb, String s) {
        return Identifiers.literal(sb, s);
    }
}
