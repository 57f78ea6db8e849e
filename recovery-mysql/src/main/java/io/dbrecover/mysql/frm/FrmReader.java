package io.dbrecover.mysql.frm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.CheckConstraint;
import io.dbrecover.mysql.model.Collations;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.DefinitionCheck;
import io.dbrecover.mysql.model.Generated;
import io.dbrecover.mysql.model.Period;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.Versioning;
import io.dbrecover.mysql.model.Visibility;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a binary {@code .frm} file into a {@link TableDefinition}, without a server.
 *
 * <p>Handles MySQL 3.23–5.7 and MariaDB 5.x–11.x layouts. Damaged files end in a {@link RecoveryException} with
 * {@link ErrorCode#CORRUPT_INPUT} naming the byte offset; valid files using something this reader does not know end
 * with {@link ErrorCode#UNSUPPORTED_FORMAT}.
 */
public final class FrmReader {
    /**
     * The largest table {@code .frm} read: MariaDB writes and opens none above 1 MiB (FRM_MAX_SIZE); MySQL 5.7 keeps
     * the column area under 64 KiB and at most 64 keys, so only a long partition clause could pass 1 MiB.
     */
    public static final long MAX_FILE_SIZE = 4L << 20;
    static final String SIZE_REASON = "MariaDB writes and opens at most 1 MiB; MySQL's column, key and record "
            + "sections stay far below, only a partition clause could be longer";

    private static final int UNIREG_AUTO_INCREMENT = 15;
    private static final int UNIREG_DEFAULT_NOW = 21;
    private static final int UNIREG_UPDATE_NOW = 22;
    private static final int UNIREG_DEFAULT_UPDATE_NOW = 23;

    private FrmReader() {
    }

    /** Reads the file; the table name comes from the file name. */
    public static TableDefinition read(Path file) {
        byte[] data = SourceFiles.read(file, MAX_FILE_SIZE, "table .frm file", SIZE_REASON);
        Path name = file.getFileName();
        return read(file, data, name == null ? "" : name.toString());
    }

    /** What {@link #writerVersion} gives for a table file of before MySQL 5.0, which recorded no version. */
    public static final long BEFORE_5_0 = 40000;

    /**
     * The {@code MYSQL_VERSION_ID} of the server that wrote a table file (uint32 at byte 51, frm.md §0: 50621 for
     * MySQL 5.6.21, 101119 for MariaDB 10.11.19); {@link #BEFORE_5_0} when the file records none (MySQL before
     * 5.0), 0 when the bytes are not a table file's header.
     */
    public static long writerVersion(byte[] data) {
        if (data.length < 64 || (data[0] & 0xFF) != 0xFE || data[1] != 1) {
            return 0;
        }
        long id = (data[51] & 0xFFL) | (data[52] & 0xFFL) << 8 | (data[53] & 0xFFL) << 16 | (data[54] & 0xFFL) << 24;
        return id == 0 ? BEFORE_5_0 : id;
    }

    /**
     * The bytes of a {@code .frm} file, a table's (binary, at most {@link #MAX_FILE_SIZE}) or a view's (text, at
     * most {@link TextDefinitionFile#MAX_FILE_SIZE}), refused before reading when larger or not a regular file.
     *
     * @throws RecoveryException {@code CORRUPT_INPUT}, {@code SOURCE_NOT_FOUND}, {@code PERMISSION_DENIED} or
     *         {@code IO_ERROR}, never for a file within bounds
     */
    public static byte[] readFile(Path file) {
        long size = SourceFiles.size(file, ".frm file");
        if (size > MAX_FILE_SIZE && ViewFrmReader.isView(SourceFiles.readHead(file, 10, ".frm file"))) {
            return TextDefinitionFile.readBytes(file, "view .frm");
        }
        return SourceFiles.read(file, MAX_FILE_SIZE, "table .frm file", SIZE_REASON);
    }

    /**
     * Reads a file already in memory.
     *
     * @param file where the bytes came from, for messages
     * @param data the whole file
     * @param fileName the file name the table name is decoded from (e.g. {@code t@0020x.frm})
     */
    public static TableDefinition read(Path file, byte[] data, String fileName) {
        FrmBytes b = new FrmBytes(file, data);
        if (data.length > MAX_FILE_SIZE) {
            throw b.corrupt(MAX_FILE_SIZE, data.length + " bytes, but a table .frm is at most " + MAX_FILE_SIZE
                    + " bytes (" + SIZE_REASON + ")");
        }
        if (data.length >= 9 && new String(data, 0, 9, StandardCharsets.US_ASCII)
                .equals("TYPE=VIEW")) {
            throw b.unsupported(0, "this is a view definition, not a table (views are not read yet)");
        }
        String tableName = TableFileName.decode(fileName)
                .orElseThrow(() -> b.corrupt(0, "file name '" + fileName + "' is not a valid encoded table name"));
        String nameProblem = TableFileName.problem(tableName);
        if (nameProblem != null) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": the file name gives the table name '"
                    + tableName + "', which is no valid name: " + nameProblem).path(file).build();
        }
        try {
            Assembly assembly = new FrmReader.Assembly(b);
            TableDefinition table = assembly.table(tableName);
            // each value was checked where it was read; this checks what no single value shows (a key naming a
            // column whose name changed, a default longer than its column…) and is the backstop for the rest
            DefinitionCheck.Problem problem = DefinitionCheck.check(table);
            if (problem != null) {
                throw b.corrupt(assembly.offsetOf(problem), problem.message());
            }
            return table;
        } catch (IllegalArgumentException e) {
            // The model refused what the file says (duplicate names, impossible combinations).
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged .frm: inconsistent definition: "
                    + e.getMessage()).path(file).cause(e).build();
        }
    }

    /** One read: the parsed sections and the steps that combine them. */
    private static final class Assembly {
        private final FrmBytes b;
        private final FrmHeader h;
        private final Extra2 extra2;
        private final ColumnSection cs;
        private final KeySection keys;
        private final ExpressionSection expressions;
        private final ExtraSegment extra;

        Assembly(FrmBytes b) {
            this.b = b;
            this.h = FrmHeader.parse(b);
            this.extra2 = Extra2.parse(b, h);
            this.cs = ColumnSection.parse(b, h);
            this.keys = KeySection.parse(b, h, cs.columns());
            this.expressions = ExpressionSection.parse(b, h, cs);
            int parserKeys = (int) keys.keys().stream().filter(k -> (k.flags() & KeySection.FLAG_PARSER) != 0)
                    .count();
            this.extra = ExtraSegment.parse(b, h, parserKeys, cs.commentInExtra());
        }

        /**
         * The model refuses values no server writes (a NUMBER default that is no number, NOT NULL with DEFAULT
         * NULL): damage, at the offset of what was being read.
         */
        private <T> T at(long offset, String what, Supplier<T> read) {
            try {
                return read.get();
            } catch (IllegalArgumentException e) {
                throw b.corrupt(offset, what + ": " + e.getMessage());
            }
        }

        /** Where the part of the definition a problem lies in was read. */
        long offsetOf(DefinitionCheck.Problem p) {
            return switch (p.part()) {
                case COLUMN -> cs.recordOffset(p.index());
                case INDEX -> h.keyOffset();
                case CHECK -> cs.expressionOffset();
                case PARTITION -> h.extraOffset();
                default -> h.formInfoOffset();
            };
        }

        TableDefinition table(String name) {
            List<String> notes = new ArrayList<>();
            notes.add("foreign keys are not stored in .frm files; check the engine's dictionary");
            TypeDecoder types = new TypeDecoder(b, h, cs, extra2, expressions, notes);
            List<RawColumn> raw = cs.columns();
            List<DataType> dataTypes = new ArrayList<>(raw.size());
            boolean[] mysqlVirtual = new boolean[raw.size()];
            for (RawColumn c : raw) {
                dataTypes.add(at(cs.recordOffset(c.index()), "column " + c.name(), () -> types.decode(c)));
                ExpressionSection.Generated g = expressions.generated().get(c.index());
                mysqlVirtual[c.index()] = h.isMySql57() && g != null && !g.stored();
            }
            DefaultDecoder defaults = new DefaultDecoder(b, h, raw, dataTypes, mysqlVirtual);
            EngineOptions engineOptions = EngineOptions.parse(b, extra2, raw.size(), keys.keys().size());

            int[] sys = extra2.systemPeriod();
            if (sys != null && (sys[0] >= raw.size() || sys[1] >= raw.size())) {
                throw b.corrupt(64, "system period names columns " + sys[0] + "/" + sys[1] + " of " + raw.size());
            }
            List<Column> columns = new ArrayList<>(raw.size());
            for (RawColumn c : raw) {
                columns.add(at(cs.recordOffset(c.index()), "column " + c.name(),
                        () -> column(c, dataTypes.get(c.index()), defaults, sys, engineOptions, notes)));
            }
            TableOptionsDecoder optionsDecoder = new TableOptionsDecoder(b, h, extra2, extra);
            var options = optionsDecoder.decode(engineOptions.table());
            if (h.collationId() == 0) {
                notes.add("the file names no character set (written before MySQL 4.1): read as latin1, the default "
                        + "of those versions");
            }
            if (TokuDb.is(options.engine())) {
                notes.add(TokuDb.note(TokuDb.rowFormat(h.rowFormat(), h.serverVersion(), options.engineOptions())));
            } else if (optionsDecoder.unknownRowFormat()) {
                notes.add("ROW_FORMAT code " + h.rowFormat() + " in the file is unknown to MariaDB and MySQL (written "
                        + "by a fork with another engine); read as the default row format, as MariaDB does");
            }
            notes.addAll(engineOptions.notes());
            if (options.engine().equalsIgnoreCase("InnoDB") || options.engine().equalsIgnoreCase("Aria")
                    || options.engine().equalsIgnoreCase("MyISAM")) {
                notes.add("the AUTO_INCREMENT counter is engine state, not stored in the .frm file");
            }
            var indexes = at(h.keyOffset(), "the keys", () -> new IndexDecoder(b, extra2, columns, raw, dataTypes,
                    extra.parsers(), engineOptions).decode(keys.keys()));

            List<CheckConstraint> checks = new ArrayList<>();
            Period appPeriod = null;
            if (extra2.applicationPeriod() != null) {
                Extra2.PeriodRef p = extra2.applicationPeriod();
                appPeriod = new Period(p.name(), columnName(p.startField()), columnName(p.endField()));
            }
            for (String[] check : expressions.tableChecks()) {
                if (appPeriod != null && check[0].equals(appPeriod.name())) {
                    continue; // the implicit start < end check of an application-time period
                }
                checks.add(new CheckConstraint(check[0], check[1]));
            }
            Period systemPeriod = null;
            boolean versioned = sys != null;
            if (sys != null && columns.get(sys[0]).visibility() != Visibility.SYSTEM) {
                systemPeriod = new Period(Period.SYSTEM_TIME, columns.get(sys[0]).name(), columns.get(sys[1]).name());
            }
            String comment = cs.commentInExtra() ? extra.longComment() : cs.tableComment();
            String partitions = PartitionText.readable(extra.partitionText().strip());
            if (!partitions.isEmpty() && !h.isMariaDb102OrLater()) {
                partitions = PartitionText.reprinted(partitions, raw.stream().map(RawColumn::name).toList());
            }
            Period application = appPeriod;
            Period system = systemPeriod;
            String tablePartitions = partitions;
            return at(h.formInfoOffset(), "the definition", () -> new TableDefinition(name, columns, indexes, options,
                    comment, tablePartitions, checks, application, system, versioned, notes));
        }

        /**
         * MariaDB ≤ 10.1 stored generated-column expressions as typed, and MariaDB prints them after parsing:
         * {@link LegacyExpression} re-prints the forms measured against MariaDB 10.11; any other expression stays
         * as stored (valid SQL, spelt differently from SHOW CREATE TABLE), with a note.
         */
        private String legacyExpression(String column, String expression, List<String> notes) {
            if (h.mariaExtra2() && h.frmVersion() >= 11 || h.isMySql57()) {
                return expression;
            }
            List<String> names = cs.columns().stream().map(RawColumn::name).toList();
            return LegacyExpression.reprint(expression, names, tableCollation(b, h)).orElseGet(() -> {
                notes.add("generated column " + column + ": expression kept as MariaDB <= 10.1 stored it ("
                        + expression.strip() + "); a current server prints it in its own spelling");
                return expression;
            });
        }

        private String columnName(int field) {
            if (field < 0 || field >= cs.columns().size()) {
                throw b.corrupt(64, "period names column " + field + " of " + cs.columns().size());
            }
            return cs.columns().get(field).name();
        }

        private Column column(RawColumn c, DataType t, DefaultDecoder defaults, int[] sys, EngineOptions eo,
                              List<String> notes) {
            ExpressionSection.Generated g = expressions.generated().get(c.index());
            Versioning versioning = Versioning.NORMAL;
            if (sys != null && c.index() == sys[0]) {
                versioning = Versioning.ROW_START;
            } else if (sys != null && c.index() == sys[1]) {
                versioning = Versioning.ROW_END;
            } else if (extra2.withoutVersioning(c.index())) {
                versioning = Versioning.EXCLUDED;
            }
            int unireg = c.uniregCheck();
            boolean autoIncrement = unireg == UNIREG_AUTO_INCREMENT;
            ColumnDefault def;
            String expression = expressions.defaults().get(c.index());
            if (g != null || autoIncrement || versioning == Versioning.ROW_START || versioning == Versioning.ROW_END) {
                def = ColumnDefault.NONE;
            } else if (expression != null) {
                def = new ColumnDefault.Expression(expression);
            } else if (unireg == UNIREG_DEFAULT_NOW || unireg == UNIREG_DEFAULT_UPDATE_NOW) {
                def = new ColumnDefault.CurrentTimestamp(t.fsp());
            } else if (c.noDefault()) {
                def = ColumnDefault.NONE;
            } else if (defaults.isNull(c.index())) {
                def = ColumnDefault.NULL;
            } else if (t.type().isLob()) {
                // MariaDB ≥ 10.2 keeps LOB literals in the expression section. Older writers could not store one;
                // a TEXT/BLOB they left without NO_DEFAULT is shown by MariaDB with the empty default.
                boolean plainLob = t.type() != ColumnType.JSON && t.type() != ColumnType.GEOMETRY;
                def = plainLob && !h.isMariaDb102OrLater()
                        ? new ColumnDefault.Literal("", ColumnDefault.Literal.Kind.STRING) : ColumnDefault.NONE;
            } else {
                def = defaults.literal(c, t, notes);
            }
            ColumnDefault.CurrentTimestamp onUpdate = unireg == UNIREG_UPDATE_NOW || unireg == UNIREG_DEFAULT_UPDATE_NOW
                    ? new ColumnDefault.CurrentTimestamp(t.fsp()) : null;
            Visibility visibility = switch (extra2.visibility(c.index())) {
                case 0 -> Visibility.VISIBLE;
                case 1 -> Visibility.INVISIBLE;
                case 2 -> Visibility.SYSTEM;
                default -> Visibility.HIDDEN;
            };
            Generated generated = g == null ? null : new Generated(legacyExpression(c.name(), g.expression(), notes),
                    g.stored());
            return new Column(c.name(), t, c.nullable(), def, onUpdate, autoIncrement, c.comment(), visibility,
                    generated, expressions.columnChecks().get(c.index()), versioning, eo.column(c.index()));
        }
    }

    /** latin1_swedish_ci: what the server takes for a file that names no table collation (MySQL ≤ 4.0). */
    static final int DEFAULT_COLLATION_ID = 8;

    /**
     * The table default collation. Files from before MySQL 4.1 name none; the server then uses its own default
     * (latin1, also the only character set those versions had by default), and so do we, with a note.
     */
    static CharsetCollation tableCollation(FrmBytes b, FrmHeader h) {
        if (h.collationId() == 0) {
            return Collations.byId(DEFAULT_COLLATION_ID).orElseThrow();
        }
        return Collations.byId(h.currentCollationId(h.collationId())).orElseThrow(() -> b.unsupported(38,
                "table collation id "
                + h.collationId() + " is unknown to MariaDB 10.11"));
    }

}
