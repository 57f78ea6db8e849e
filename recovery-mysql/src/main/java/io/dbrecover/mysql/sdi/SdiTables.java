package io.dbrecover.mysql.sdi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.CheckConstraint;
import io.dbrecover.mysql.model.Collations;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.DefinitionCheck;
import io.dbrecover.mysql.model.ForeignKey;
import io.dbrecover.mysql.model.Generated;
import io.dbrecover.mysql.model.GeometryType;
import io.dbrecover.mysql.model.Identifiers;
import io.dbrecover.mysql.model.Index;
import io.dbrecover.mysql.model.IndexAlgorithm;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.IndexPart;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.Switch;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TableOptions;
import io.dbrecover.mysql.model.Versioning;
import io.dbrecover.mysql.model.Visibility;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the table documents of a MySQL 8 SDI into our table model: columns from {@code column_type_utf8} and the
 * default/generation fields, indexes from their elements, foreign keys, and the table options.
 */
public final class SdiTables {
    /** SDI type of a table document. */
    public static final long TABLE = 1;
    /** dd check-constraint state: 1 disabled (NOT ENFORCED), 2 enabled. */
    private static final long CHECK_NOT_ENFORCED = 1;
    private static final Pattern TYPE = Pattern.compile("([a-z]+)(?:\\((.*)\\))?((?: unsigned| zerofill)*)",
            Pattern.DOTALL);
    private static final Pattern CURRENT_TIMESTAMP = Pattern.compile("(?i)CURRENT_TIMESTAMP(?:\\((\\d)\\))?");
    /**
     * MySQL 8 collations MariaDB 10.11 does not have (our collation table is MariaDB's), by id: the UCA 9.0.0 ones
     * (255–323) and utf8mb3_tolower_ci (76). The MariaDB dialect writes them as MariaDB's equivalents.
     */
    static final Map<Integer, CharsetCollation> MYSQL8_COLLATIONS = mysql8Collations();

    private SdiTables() {
    }

    private static Map<Integer, CharsetCollation> mysql8Collations() {
        String[] languages = {"", "de_pb", "is", "lv", "ro", "sl", "pl", "et", "es", "sv", "tr", "cs", "da", "lt", "sk",
            "es_trad", "la", null, "eo", "hu", "hr", null, "vi"};
        Map<Integer, CharsetCollation> map = new HashMap<>();
        for (int i = 0; i < languages.length; i++) {
            if (languages[i] != null) {
                String prefix = "utf8mb4_" + (languages[i].isEmpty() ? "" : languages[i] + "_") + "0900_";
                map.put(255 + i, new CharsetCollation(255 + i, "utf8mb4", prefix + "ai_ci", 4, i == 0));
                map.put(278 + i, new CharsetCollation(278 + i, "utf8mb4", prefix + "as_cs", 4, false));
            }
        }
        String[][] later = {{"303", "ja_0900_as_cs"}, {"304", "ja_0900_as_cs_ks"}, {"305", "0900_as_ci"},
            {"306", "ru_0900_ai_ci"}, {"307", "ru_0900_as_cs"}, {"308", "zh_0900_as_cs"}, {"309", "0900_bin"},
            {"310", "nb_0900_ai_ci"}, {"311", "nb_0900_as_cs"}, {"312", "nn_0900_ai_ci"}, {"313", "nn_0900_as_cs"},
            {"314", "sr_latn_0900_ai_ci"}, {"315", "sr_latn_0900_as_cs"}, {"316", "bs_0900_ai_ci"},
            {"317", "bs_0900_as_cs"}, {"318", "bg_0900_ai_ci"}, {"319", "bg_0900_as_cs"}, {"320", "gl_0900_ai_ci"},
            {"321", "gl_0900_as_cs"}, {"322", "mn_cyrl_0900_ai_ci"}, {"323", "mn_cyrl_0900_as_cs"}};
        for (String[] l : later) {
            int id = Integer.parseInt(l[0]);
            map.put(id, new CharsetCollation(id, "utf8mb4", "utf8mb4_" + l[1], 4, false));
        }
        map.put(76, new CharsetCollation(76, "utf8mb3", "utf8mb3_tolower_ci", 3, false));
        return Map.copyOf(map);
    }

    /** The tables described by the documents (usually one; none for a tablespace without table documents). */
    public static List<TableDefinition> tables(Path file, List<SdiReader.Document> documents) {
        List<TableDefinition> out = new ArrayList<>();
        for (SdiReader.Document d : documents) {
            if (d.type() == TABLE) {
                out.add(table(file, d));
            }
        }
        return out;
    }

    /**
     * The {@code MYSQL_VERSION_ID} of the server that wrote a document ({@code mysqld_version_id}, e.g. 80018), or 0
     * when the document does not say.
     */
    public static long writerVersion(SdiReader.Document document) {
        try {
            Object parsed = SDI_JSON.readValue(document.json(), Object.class);
            if (parsed instanceof Map<?, ?> m && m.get("mysqld_version_id") instanceof Long v && v > 0) {
                return v;
            }
        } catch (JacksonException e) {
            // the table reader reports a broken document with its reason; here it only has no version
        }
        return 0;
    }

    /** Objects become maps, arrays lists, integers {@link Long}; text after the document is refused. */
    private static final ObjectMapper SDI_JSON =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    /** One table document as a table definition. */
    public static TableDefinition table(Path file, SdiReader.Document document) {
        Object parsed;
        try {
            parsed = SDI_JSON.readValue(document.json(), Object.class);
        } catch (JacksonException e) {
            throw bad(file, document, "SDI document " + document.type() + ":" + document.id() + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
        TableDefinition table;
        try {
            table = build(file, obj(obj(parsed, "document").get("dd_object"), "dd_object"));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            // the model refuses inconsistent input (unknown index column, NOT NULL with DEFAULT NULL…)
            throw bad(file, document, "SDI table document " + document.id() + " is inconsistent: " + e.getMessage());
        }
        // names and texts as MariaDB checks them: a damaged one never reaches a statement
        String problem = DefinitionCheck.problem(table);
        if (problem == null) {
            problem = printed(table);
        }
        if (problem != null) {
            throw bad(file, document, "SDI table document " + document.id() + ": " + problem);
        }
        return table;
    }

    private static TableDefinition build(Path file, Map<String, Object> t) {
        String name = str(t, "name");
        List<String> notes = new ArrayList<>();
        List<Map<String, Object>> rawColumns = list(t, "columns");
        List<Column> columns = new ArrayList<>();
        // column_opx in index and foreign key elements is the position in the stored column list
        List<String> namesByOpx = new ArrayList<>();
        Map<String, Long> fullLength = new HashMap<>();
        Map<String, DataType> types = new HashMap<>();
        for (Map<String, Object> c : rawColumns) {
            String cname = str(c, "name");
            namesByOpx.add(cname);
            long hidden = num(c, "hidden");
            if (hidden == 2 || hidden == 3) {
                continue; // DB_ROW_ID/DB_TRX_ID/DB_ROLL_PTR, and functional-index helper columns
            }
            Column col = column(file, c, hidden == 4 ? Visibility.INVISIBLE : Visibility.VISIBLE, notes);
            columns.add(col);
            fullLength.put(cname, num(c, "char_length"));
            types.put(cname, col.type());
        }
        List<Index> indexes = new ArrayList<>();
        for (Map<String, Object> i : list(t, "indexes")) {
            Index index = index(i, namesByOpx, fullLength, types);
            if (index != null) {
                indexes.add(index);
            }
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (Map<String, Object> f : list(t, "foreign_keys")) {
            List<String> cols = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            for (Map<String, Object> e : list(f, "elements")) {
                cols.add(byOpx(namesByOpx, num(e, "column_opx")));
                refs.add(str(e, "referenced_column_name"));
            }
            String schema = str(f, "referenced_table_schema_name");
            fks.add(new ForeignKey(str(f, "name"), cols, schema.equals(str(t, "schema_ref")) ? "" : schema,
                    str(f, "referenced_table_name"), refs, rule(num(f, "update_rule")), rule(num(f, "delete_rule"))));
        }
        String partitionClause = SdiPartitions.clause(t, notes);
        List<CheckConstraint> checks = new ArrayList<>();
        for (Map<String, Object> c : list(t, "check_constraints")) {
            String clause = str(c, "check_clause_utf8").isEmpty() ? str(c, "check_clause")
                    : str(c, "check_clause_utf8");
            if (num(c, "state") == CHECK_NOT_ENFORCED) {
                // Loaded as an enforced constraint it would refuse rows MySQL accepted.
                notes.add("CHECK constraint " + str(c, "name") + " is NOT ENFORCED in MySQL and left out: CHECK ("
                        + clause + ")");
            } else {
                checks.add(new CheckConstraint(str(c, "name"), clause));
            }
        }
        Map<String, String> opts = options(str(t, "options"));
        CharsetCollation tableCharset = collation(num(t, "collation_id"));
        if (tableCharset == null) {
            notes.add("unknown table collation id " + num(t, "collation_id"));
        }
        TableOptions options = new TableOptions(str(t, "engine"), tableCharset, rowFormat(opts.get("row_type")),
                (int) optNum(opts, "key_block_size"), optNum(opts, "min_rows"), optNum(opts, "max_rows"),
                optNum(opts, "avg_row_length"), Switch.UNSET, optSwitch(opts.get("stats_persistent"), false),
                optSwitch(opts.get("stats_auto_recalc"), true), (int) optNum(opts, "stats_sample_pages"),
                optNum(opts, "checksum") == 1, Switch.UNSET, optNum(opts, "delay_key_write") == 1, Switch.UNSET,
                false, "", List.of());
        notes.add("read from MySQL 8 SDI; the AUTO_INCREMENT counter is engine state and not included");
        return new TableDefinition(name, columns, indexes, options, str(t, "comment"), partitionClause, checks, null,
                null, false, notes, fks);
    }

    private static Column column(Path file, Map<String, Object> c, Visibility visibility, List<String> notes) {
        String name = str(c, "name");
        CharsetCollation cs = collation(num(c, "collation_id"));
        DataType type = type(str(c, "column_type_utf8"), cs);
        if (type.type().hasCharset() && cs == null) {
            notes.add("column " + name + ": unknown collation id " + num(c, "collation_id"));
        }
        boolean nullable = bool(c, "is_nullable");
        String generation = str(c, "generation_expression_utf8");
        Generated generated = generation.isEmpty() ? null : new Generated(generation, !bool(c, "is_virtual"));
        ColumnDefault def = ColumnDefault.NONE;
        ColumnDefault.CurrentTimestamp onUpdate = null;
        if (generated == null) {
            String option = str(c, "default_option");
            Matcher ct = CURRENT_TIMESTAMP.matcher(option);
            if (ct.matches()) {
                def = new ColumnDefault.CurrentTimestamp(ct.group(1) == null ? 0 : Integer.parseInt(ct.group(1)));
            } else if (!option.isEmpty()) {
                String e = option.startsWith("(") && option.endsWith(")")
                        ? option.substring(1, option.length() - 1) : option;
                def = new ColumnDefault.Expression(e);
            } else if (bool(c, "has_no_default")) {
                def = ColumnDefault.NONE;
            } else if (bool(c, "default_value_utf8_null")) {
                def = nullable ? ColumnDefault.NULL : ColumnDefault.NONE;
            } else {
                def = literal(str(c, "default_value_utf8"), type);
            }
            Matcher up = CURRENT_TIMESTAMP.matcher(str(c, "update_option"));
            if (up.matches()) {
                onUpdate = new ColumnDefault.CurrentTimestamp(up.group(1) == null ? 0 : Integer.parseInt(up.group(1)));
            }
        }
        return new Column(name, type, nullable, def, onUpdate, bool(c, "is_auto_increment"), str(c, "comment"),
                visibility, generated, null, Versioning.NORMAL, List.of(),
                type.charset() != null && bool(c, "is_explicit_collation"));
    }

    private static ColumnDefault literal(String text, DataType type) {
        if (type.type() == ColumnType.BIT && text.matches("b'[01]+'")) {
            return new ColumnDefault.Literal(text.substring(2, text.length() - 1), ColumnDefault.Literal.Kind.BIT);
        }
        if (type.type().isNumeric() && text.matches("[-+0-9.eE]+")) {
            return new ColumnDefault.Literal(text, ColumnDefault.Literal.Kind.NUMBER);
        }
        return new ColumnDefault.Literal(text, ColumnDefault.Literal.Kind.STRING);
    }

    /**
     * The type from {@code column_type_utf8}, e.g. {@code int unsigned}, {@code varchar(20)},
     * {@code enum('a','b')}. A type our model has no place for is carried as an {@link ColumnType#EXTENDED} type
     * named by the whole text, so that it is printed as MySQL wrote it.
     */
    static DataType type(String text, CharsetCollation cs) {
        Matcher m = TYPE.matcher(text);
        if (!m.matches()) {
            return extended(text);
        }
        String base = m.group(1);
        String args = m.group(2);
        boolean unsigned = m.group(3).contains("unsigned");
        boolean zerofill = m.group(3).contains("zerofill");
        for (GeometryType g : GeometryType.values()) {
            if (g.sqlName().equals(base) && args == null) {
                return new DataType(ColumnType.GEOMETRY, 0, -1, 0, false, false, null, List.of(), g, null, false,
                        false);
            }
        }
        if (base.equals("geomcollection")) {
            return new DataType(ColumnType.GEOMETRY, 0, -1, 0, false, false, null, List.of(),
                    GeometryType.GEOMETRYCOLLECTION, null, false, false);
        }
        ColumnType ct = null;
        for (ColumnType candidate : ColumnType.values()) {
            if (candidate.sqlName().equals(base) && candidate != ColumnType.EXTENDED
                    && candidate != ColumnType.GEOMETRY) {
                ct = candidate;
            }
        }
        if (ct == null) {
            return extended(text);
        }
        try {
            if (ct.family() == ColumnType.Family.LIST) {
                List<String> labels = labels(args);
                return labels == null ? extended(text)
                        : new DataType(ct, 0, -1, 0, false, false, cs, labels, null, null, false, false);
            }
            int length = 0;
            int scale = -1;
            if (args != null) {
                String[] parts = args.split(",", -1);
                if (parts.length > 2 || !parts[0].matches("\\d{1,9}")
                        || (parts.length == 2 && !parts[1].matches("\\d{1,9}"))) {
                    return extended(text);
                }
                length = Integer.parseInt(parts[0]);
                scale = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
            }
            if (ct.family() == ColumnType.Family.TEMPORAL) {
                return DataType.simple(ct, 0, -1, length, false, false);
            }
            if (ct == ColumnType.DECIMAL && scale < 0) {
                scale = 0;
            }
            if (ct.hasCharset()) {
                return new DataType(ct, length, scale, 0, false, false, cs, List.of(), null, null, false, false);
            }
            return DataType.simple(ct, length, scale, 0, unsigned, zerofill);
        } catch (IllegalArgumentException e) {
            return extended(text);
        }
    }

    private static DataType extended(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("column without a type");
        }
        return new DataType(ColumnType.EXTENDED, 0, -1, 0, false, false, null, List.of(), null, text, false, false);
    }

    /** {@code 'a','b''c'} as labels, or {@code null} when the text is not such a list. */
    private static List<String> labels(String args) {
        if (args == null) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        int i = 0;
        while (i < args.length()) {
            if (args.charAt(i) != '\'') {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                if (i >= args.length()) {
                    return null;
                }
                char c = args.charAt(i++);
                if (c == '\'') {
                    if (i < args.length() && args.charAt(i) == '\'') {
                        sb.append('\'');
                        i++;
                        continue;
                    }
                    break;
                }
                sb.append(c);
            }
            labels.add(sb.toString());
            if (i < args.length()) {
                if (args.charAt(i) != ',') {
                    return null;
                }
                i++;
            }
        }
        return labels.isEmpty() ? null : labels;
    }

    private static Index index(Map<String, Object> i, List<String> namesByOpx, Map<String, Long> fullLength,
                               Map<String, DataType> types) {
        if (bool(i, "hidden")) {
            return null; // e.g. the implicit clustered index of a table without a primary key
        }
        IndexKind kind = switch ((int) num(i, "type")) {
            case 1 -> IndexKind.PRIMARY;
            case 2 -> IndexKind.UNIQUE;
            case 3 -> IndexKind.KEY;
            case 4 -> IndexKind.FULLTEXT;
            case 5 -> IndexKind.SPATIAL;
            default -> throw new IllegalArgumentException("index type " + num(i, "type"));
        };
        List<IndexPart> parts = new ArrayList<>();
        for (Map<String, Object> e : list(i, "elements")) {
            if (bool(e, "hidden")) {
                continue;
            }
            String column = byOpx(namesByOpx, num(e, "column_opx"));
            DataType type = types.get(column);
            if (type == null) {
                throw new IllegalArgumentException("index " + str(i, "name") + " uses hidden column " + column);
            }
            long length = num(e, "length");
            int prefix = 0;
            ColumnType.Family f = type.type().family();
            boolean stringish = f == ColumnType.Family.STRING || f == ColumnType.Family.BINARY
                    || f == ColumnType.Family.TEXT || f == ColumnType.Family.BLOB;
            if (stringish && kind != IndexKind.FULLTEXT && length < fullLength.getOrDefault(column, 0L)) {
                // lengths are in bytes; a prefix is declared in characters
                int perChar = type.charset() == null ? 1 : type.charset().maxBytesPerChar();
                prefix = (int) (length / perChar);
            }
            parts.add(new IndexPart(column, prefix, num(e, "order") == 3));
        }
        IndexAlgorithm algorithm = IndexAlgorithm.DEFAULT;
        if (bool(i, "is_algorithm_explicit")) {
            algorithm = switch ((int) num(i, "algorithm")) {
                case 2 -> IndexAlgorithm.BTREE;
                case 3 -> IndexAlgorithm.RTREE;
                case 4 -> IndexAlgorithm.HASH;
                default -> IndexAlgorithm.DEFAULT;
            };
        }
        Map<String, String> opts = options(str(i, "options"));
        String parser = kind == IndexKind.FULLTEXT && opts.containsKey("parser_name") ? opts.get("parser_name") : null;
        return new Index(kind, str(i, "name"), parts, algorithm, str(i, "comment"), parser,
                (int) optNum(opts, "block_size"), false, null, List.of());
    }

    private static ForeignKey.Rule rule(long code) {
        return switch ((int) code) {
            case 2 -> ForeignKey.Rule.RESTRICT;
            case 3 -> ForeignKey.Rule.CASCADE;
            case 4 -> ForeignKey.Rule.SET_NULL;
            case 5 -> ForeignKey.Rule.SET_DEFAULT;
            default -> ForeignKey.Rule.NO_ACTION;
        };
    }

    private static RowFormat rowFormat(String rowType) {
        if (rowType == null) {
            return RowFormat.DEFAULT; // not declared; the dictionary's row_format is the effective one
        }
        return switch (rowType) {
            case "1" -> RowFormat.FIXED;
            case "2" -> RowFormat.DYNAMIC;
            case "3" -> RowFormat.COMPRESSED;
            case "4" -> RowFormat.REDUNDANT;
            case "5" -> RowFormat.COMPACT;
            default -> RowFormat.DEFAULT;
        };
    }

    private static CharsetCollation collation(long id) {
        if (id < 0 || id > Integer.MAX_VALUE) {
            return null;
        }
        return Collations.byId((int) id).orElse(MYSQL8_COLLATIONS.get((int) id));
    }

    /** The {@code key=value;} options string of a dictionary object. */
    static Map<String, String> options(String text) {
        Map<String, String> map = new HashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return map;
    }

    private static long optNum(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null || !v.matches("\\d{1,18}")) {
            return 0;
        }
        return Long.parseLong(v);
    }

    /** stats_persistent is 0/1 when given; stats_auto_recalc is 0 default, 1 on, 2 off. */
    private static Switch optSwitch(String v, boolean recalc) {
        if (v == null) {
            return Switch.UNSET;
        }
        if (recalc) {
            return v.equals("1") ? Switch.ON : v.equals("2") ? Switch.OFF : Switch.UNSET;
        }
        return v.equals("1") ? Switch.ON : v.equals("0") ? Switch.OFF : Switch.UNSET;
    }

    private static String byOpx(List<String> names, long opx) {
        if (opx < 0 || opx >= names.size()) {
            throw new IllegalArgumentException("column position " + opx + " out of range");
        }
        return names.get((int) opx);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException(what + " is not an object");
        }
        return (Map<String, Object>) o;
    }

    static List<Map<String, Object>> list(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(key + " is not an array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : l) {
            out.add(obj(e, key + " element"));
        }
        return out;
    }

    static String str(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " is not a string");
        }
        return s;
    }

    static long num(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof BigInteger b) {
            return b.longValue();
        }
        if (v instanceof Double d) {
            return d.longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException(key + " is missing or not a number");
    }

    private static boolean bool(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        return false;
    }

    /** MySQL 8 prints its expressions as MariaDB 10.2+ does: every bare word a keyword or a function. */
    private static String printed(TableDefinition t) {
        for (Column c : t.columns()) {
            String e = c.generated() != null ? c.generated().expression()
                    : c.defaultValue() instanceof ColumnDefault.Expression x ? x.text() : null;
            String p = e == null ? null : Identifiers.printedExpressionProblem(e);
            if (p != null) {
                return "the expression of column " + c.name() + " is not valid: " + p;
            }
        }
        for (CheckConstraint c : t.checks()) {
            String p = Identifiers.printedExpressionProblem(c.expression());
            if (p != null) {
                return "CHECK constraint " + c.name() + " is not valid: " + p;
            }
        }
        return null;
    }

    private static RecoveryException bad(Path file, SdiReader.Document document, String message) {
        String where = document.offset() < 0 ? "" : " (its record is at byte offset " + document.offset() + ")";
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": " + message + where).path(file)
                .offset(document.offset()).hint("the file is damaged or was written by a MySQL version we do not know")
                .build();
    }
}
