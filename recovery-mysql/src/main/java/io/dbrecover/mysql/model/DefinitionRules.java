package io.dbrecover.mysql.model;

import io.dbrecover.mysql.model.DefinitionCheck.Part;
import io.dbrecover.mysql.model.DefinitionCheck.Problem;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether MariaDB 10.11 could create a table of this definition at all: the rules of CREATE TABLE a damaged file
 * breaks while each of its values still looks valid (an index named {@code PRIMARy}, an AUTO_INCREMENT column no key
 * covers, a default longer than its column, a CHECK naming a column that changed its name, KEY_BLOCK_SIZE=256 on
 * InnoDB, a SEQUENCE table of another shape). A real file never breaks them, since its server created it; a broken
 * rule is damage, refused instead of written into a statement the server refuses.
 */
final class DefinitionRules {
    /** A backquoted name in an expression, not part of a qualified {@code `db`.`t`} name. */
    private static final Pattern QUOTED_NAME = Pattern.compile("(?<![.`])`((?:[^`]|``)+)`(?![.`(])");
    /** How the server prints a temporal default (zero dates included: the default sql_mode allows them). */
    private static final Map<ColumnType, Pattern> TEMPORAL = Map.of(
            ColumnType.DATE, Pattern.compile("[0-9]{4}-(0[0-9]|1[0-2])-([0-2][0-9]|3[01])"),
            ColumnType.DATETIME, Pattern.compile("[0-9]{4}-(0[0-9]|1[0-2])-([0-2][0-9]|3[01]) ([01][0-9]|2[0-3])"
                    + ":[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?"),
            ColumnType.TIMESTAMP, Pattern.compile("[0-9]{4}-(0[0-9]|1[0-2])-([0-2][0-9]|3[01]) ([01][0-9]|2[0-3])"
                    + ":[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?"),
            ColumnType.TIME, Pattern.compile("-?[0-9]{1,3}:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?"));
    /** Engines that allow an AUTO_INCREMENT column as a later part of a key (HA_AUTO_PART_KEY). */
    private static final Set<String> AUTO_PART_KEY = Set.of("myisam", "aria", "maria", "mrg_myisam", "merge",
            "blackhole", "tokudb", "memory", "heap");
    /** The columns of a MariaDB SEQUENCE table, in order: name, type, unsigned. */
    private static final List<String[]> SEQUENCE = List.of(new String[] {"next_not_cached_value", "BIGINT", ""},
            new String[] {"minimum_value", "BIGINT", ""}, new String[] {"maximum_value", "BIGINT", ""},
            new String[] {"start_value", "BIGINT", ""}, new String[] {"increment", "BIGINT", ""},
            new String[] {"cache_size", "BIGINT", "unsigned"}, new String[] {"cycle_option", "TINYINT", "unsigned"},
            new String[] {"cycle_count", "BIGINT", ""});

    private DefinitionRules() {
    }

    static Problem check(TableDefinition t) {
        Map<String, Column> columns = new HashMap<>();
        t.columns().forEach(c -> columns.put(lower(c.name()), c));
        Problem p = sequence(t);
        for (int i = 0; p == null && i < t.columns().size(); i++) {
            String c = column(t, t.columns().get(i), columns);
            p = c == null ? null : new Problem(c, Part.COLUMN, i);
        }
        for (int i = 0; p == null && i < t.indexes().size(); i++) {
            String x = index(t, i, columns);
            p = x == null ? null : new Problem(x, Part.INDEX, i);
        }
        if (p == null) {
            p = autoIncrement(t);
        }
        for (CheckConstraint c : t.checks()) {
            if (p == null) {
                String r = references("CHECK constraint " + c.name(), c.expression(), columns);
                p = r == null ? null : new Problem(r, Part.CHECK, -1);
            }
        }
        if (p == null && t.applicationPeriod() != null) {
            p = period(t.applicationPeriod(), columns);
        }

        if (p == null && lower(t.options().engine()).equals("innodb")) {
            p = innodbOptions(t.options().engineOptions());
        }
        if (p == null) {
            p = versioning(t);
        }
        boolean aria = Set.of("aria", "maria", "s3").contains(lower(t.options().engine()));
        if (p == null && !aria && (t.options().transactional() != Switch.UNSET
                || t.options().pageChecksum() != Switch.UNSET)) {
            p = new Problem("TRANSACTIONAL and PAGE_CHECKSUM are Aria's, not " + t.options().engine() + "'s",
                    Part.TABLE, -1);
        }
        if (p == null && !t.partitionClause().isEmpty()) {
            String r = PartitionClause.problem(t.partitionClause(), t.columns());
            if (r == null && t.partitionClause().matches("(?s).*\\bKEY\\s*\\(\\s*\\).*")
                    && t.indexes().stream().noneMatch(i -> i.kind() == IndexKind.PRIMARY
                            || i.kind() == IndexKind.UNIQUE)) {
                r = "PARTITION BY KEY () partitions by the primary key, and the table has none";
            }
            p = r == null ? null : new Problem(r, Part.PARTITION, -1);
        }
        return p;
    }

    /**
     * The values InnoDB's own table options take (MariaDB 10.11 ha_innodb.cc declares their types): a bad value of
     * a known option is refused even under IGNORE_BAD_TABLE_OPTIONS, so no server stored one.
     */
    private static Problem innodbOptions(List<EngineOption> options) {
        for (EngineOption o : options) {
            String v = o.value().toUpperCase(Locale.ROOT);
            boolean ok = switch (o.name().toUpperCase(Locale.ROOT)) {
                case "PAGE_COMPRESSED" -> Set.of("0", "1", "YES", "NO", "ON", "OFF").contains(v);
                case "PAGE_COMPRESSION_LEVEL" -> v.matches("[1-9]");
                case "ENCRYPTED" -> Set.of("DEFAULT", "YES", "NO").contains(v);
                case "ENCRYPTION_KEY_ID" -> v.matches("[1-9][0-9]{0,9}") && Long.parseLong(v) <= 0xFFFFFFFFL;
                default -> true; // an option InnoDB does not declare is written inside a comment, as SHOW does
            };
            if (!ok) {
                return new Problem("InnoDB option " + o.name() + " cannot be '" + o.value() + "'", Part.TABLE, -1);
            }
        }
        boolean level = options.stream().anyMatch(o -> o.name().equalsIgnoreCase("PAGE_COMPRESSION_LEVEL"));
        boolean compressed = options.stream().anyMatch(o -> o.name().equalsIgnoreCase("PAGE_COMPRESSED")
                && Set.of("1", "YES", "ON").contains(o.value().toUpperCase(Locale.ROOT)));
        if (level && !compressed) {
            return new Problem("InnoDB's PAGE_COMPRESSION_LEVEL without PAGE_COMPRESSED=1", Part.TABLE, -1);
        }
        return null;
    }

    /**
     * A system-versioned table has versioned columns besides row_start and row_end, which are both implicit
     * (invisible to the system) or both declared.
     */
    private static Problem versioning(TableDefinition t) {
        if (!t.systemVersioned()) {
            return null;
        }
        List<Column> start = t.columns().stream().filter(c -> c.versioning() == Versioning.ROW_START).toList();
        List<Column> end = t.columns().stream().filter(c -> c.versioning() == Versioning.ROW_END).toList();
        if (start.size() == 1 && end.size() == 1
                && (start.get(0).visibility() == Visibility.SYSTEM) != (end.get(0).visibility() == Visibility.SYSTEM)) {
            return new Problem("row_start and row_end: one implicit, the other declared", Part.TABLE, -1);
        }
        boolean versioned = t.columns().stream().anyMatch(c -> c.versioning() == Versioning.NORMAL);
        return versioned ? null : new Problem("a system-versioned table without a versioned column", Part.TABLE, -1);
    }

    private static Problem sequence(TableDefinition t) {
        if (!t.options().sequence()) {
            return null;
        }
        boolean shape = t.columns().size() == SEQUENCE.size() && t.indexes().isEmpty();
        for (int i = 0; shape && i < SEQUENCE.size(); i++) {
            Column c = t.columns().get(i);
            String[] want = SEQUENCE.get(i);
            shape = c.name().equals(want[0]) && c.type().type().name().equals(want[1]) && !c.nullable()
                    && c.type().unsigned() == !want[2].isEmpty();
        }
        return shape ? null : new Problem("a SEQUENCE table has eight columns of fixed names and types "
                + "(next_not_cached_value bigint … cycle_count bigint) and no key; this one has others", Part.TABLE,
                        -1);
    }

    private static String column(TableDefinition t, Column c, Map<String, Column> columns) {
        String what = "column " + c.name();
        // the server hides only the row_start/row_end of system versioning and the hash of a long UNIQUE key
        if (c.visibility() == Visibility.SYSTEM && (!t.systemVersioned() || c.versioning() != Versioning.ROW_START
                && c.versioning() != Versioning.ROW_END)) {
            return what + ": invisible to the system, yet no row_start/row_end of system versioning";
        }
        if (c.visibility() == Visibility.HIDDEN && !c.name().startsWith("DB_ROW_HASH_")) {
            return what + ": fully hidden, yet not the hash of a long UNIQUE key";
        }
        if (c.generated() != null) {
            String r = references("the expression of " + what, c.generated().expression(), columns);
            if (r != null) {
                return r;
            }
        }
        if (c.check() != null) {
            String r = references("the CHECK of " + what, c.check(), columns);
            if (r != null) {
                return r;
            }
        }
        if (c.defaultValue() instanceof ColumnDefault.Expression e) {
            String r = references("the default of " + what, e.text(), columns);
            if (r != null) {
                return r;
            }
        }
        ColumnType.Family family = c.type().type().family();
        if (c.autoIncrement() && family != ColumnType.Family.INTEGER && family != ColumnType.Family.FLOATING) {
            return what + ": AUTO_INCREMENT on a " + c.type().type().sqlName() + " column";
        }
        boolean stamp = c.type().type() == ColumnType.TIMESTAMP || c.type().type() == ColumnType.DATETIME;
        if (!stamp && (c.onUpdate() != null || c.defaultValue() instanceof ColumnDefault.CurrentTimestamp)) {
            return what + ": CURRENT_TIMESTAMP on a " + c.type().type().sqlName() + " column";
        }
        if ((c.versioning() == Versioning.ROW_START || c.versioning() == Versioning.ROW_END)
                && !(c.type().type() == ColumnType.TIMESTAMP && c.type().fsp() == 6
                        || c.type().type() == ColumnType.BIGINT && c.type().unsigned())) {
            return what + ": a row_start/row_end column is TIMESTAMP(6) or BIGINT UNSIGNED";
        }
        String size = size(what, c.type());
        if (size != null) {
            return size;
        }
        return c.defaultValue() instanceof ColumnDefault.Literal l ? literal(what, c.type(), l) : null;
    }

    /**
     * CHAR and BINARY hold at most 255, VARCHAR and VARBINARY at most 65532 bytes (the row's limit); FLOAT(M,D) and
     * DOUBLE(M,D) need D &lt;= M and D &lt;= 30; a SET value holds no comma.
     */
    private static String size(String what, DataType type) {
        if (type.type().family() == ColumnType.Family.FLOATING && type.length() > 0 && type.scale() >= 0
                && (type.scale() > type.length() || type.scale() > 30 || type.length() > 255)) {
            return what + ": " + type.type().sqlName() + "(" + type.length() + "," + type.scale() + ") is out of range";
        }
        if (type.type() == ColumnType.SET && type.labels().stream().anyMatch(l -> l.indexOf(',') >= 0)) {
            return what + ": a SET value with a comma";
        }
        if (type.type() == ColumnType.SET && type.labels().size() > 64
                || type.type() == ColumnType.ENUM && type.labels().size() > 65535) {
            return what + ": " + type.labels().size() + " values, more than a " + type.type().sqlName() + " holds";
        }
        int perChar = type.charset() == null ? 1 : type.charset().maxBytesPerChar();
        long bytes = (long) type.length() * (type.type().family() == ColumnType.Family.BINARY ? 1 : perChar);
        return switch (type.type()) {
            case CHAR, BINARY -> type.length() > 255 ? what + ": " + type.type().sqlName() + "(" + type.length()
                    + ") is longer than 255" : null;
            case VARCHAR, VARBINARY -> bytes > 65532 ? what + ": " + type.type().sqlName() + "(" + type.length()
                    + ") takes " + bytes + " bytes, more than a row holds (65532)" : null;
            default -> null;
        };
    }

    /**
     * A constant default the column can hold: not longer than it, one of its ENUM/SET values, a number for a number,
     * a date or time for a temporal column.
     */
    private static String literal(String what, DataType type, ColumnDefault.Literal l) {
        if (l.kind() == ColumnDefault.Literal.Kind.NUMBER) {
            return number(what, type, l.text());
        }
        if (l.kind() != ColumnDefault.Literal.Kind.STRING) {
            return null;
        }
        String v = l.text();
        ColumnType.Family family = type.type().family();
        if (type.type().isNumeric() || family == ColumnType.Family.YEAR || family == ColumnType.Family.BIT) {
            return v.matches("[-+]?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?") ? null
                    : what + ": its default '" + v + "' is no number";
        }
        if (family == ColumnType.Family.TEMPORAL && !TEMPORAL.get(type.type()).matcher(v).matches()) {
            return what + ": its default '" + v + "' is no " + type.type().sqlName();
        }
        if (family == ColumnType.Family.TEMPORAL) {
            String range = temporalRange(type.type(), v);
            if (range != null) {
                return what + ": its default '" + v + "' " + range;
            }
        }
        int chars = v.codePointCount(0, v.length());
        switch (type.type()) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> {
                if (chars > type.length()) {
                    return what + ": its default of " + chars + " characters is longer than the column ("
                            + type.length() + ")";
                }
            }
            case ENUM -> {
                if (type.labels().stream().noneMatch(x -> x.equalsIgnoreCase(v))) {
                    return what + ": its default '" + v + "' is none of its values";
                }
            }
            case SET -> {
                for (String part : v.isEmpty() ? new String[0] : v.split(",", -1)) {
                    if (type.labels().stream().noneMatch(x -> x.equalsIgnoreCase(part))) {
                        return what + ": its default holds '" + part + "', which is none of its values";
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    /** The ranges of the integer types, signed and unsigned. */
    private static final Map<ColumnType, BigInteger[]> INTEGER_RANGES = Map.of(
            ColumnType.TINYINT, range(8), ColumnType.SMALLINT, range(16), ColumnType.MEDIUMINT, range(24),
            ColumnType.INT, range(32), ColumnType.BIGINT, range(64));

    private static BigInteger[] range(int bits) {
        BigInteger half = BigInteger.ONE.shiftLeft(bits - 1);
        return new BigInteger[] {half.negate(), half.subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)};
    }

    /** An unquoted number the column holds: a well-formed number, an integer within its type's range. */
    private static String number(String what, DataType type, String v) {
        if (!v.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            return what + ": its default " + v + " is no number";
        }
        BigInteger[] r = INTEGER_RANGES.get(type.type());
        if (r == null) {
            return null;
        }
        if (!v.matches("[-+]?[0-9]+")) {
            return what + ": its default " + v + " is no integer";
        }
        BigInteger n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        boolean unsigned = type.unsigned() || type.zerofill();
        if (unsigned ? n.signum() < 0 || n.compareTo(r[2]) > 0 : n.compareTo(r[0]) < 0 || n.compareTo(r[1]) > 0) {
            return what + ": its default " + v + " is out of the range of " + type.type().sqlName()
                    + (unsigned ? " unsigned" : "");
        }
        return null;
    }

    /** Where a well-formed temporal default is still out of range: a day its month lacks, TIMESTAMP's years. */
    private static String temporalRange(ColumnType type, String v) {
        if (type == ColumnType.TIME) {
            int hours = Integer.parseInt(v.substring(v.startsWith("-") ? 1 : 0, v.indexOf(':')));
            return hours > 838 ? "is beyond TIME's 838 hours" : null;
        }
        int y = Integer.parseInt(v.substring(0, 4));
        int m = Integer.parseInt(v.substring(5, 7));
        int d = Integer.parseInt(v.substring(8, 10));
        if (m > 0 && d > YearMonth.of(Math.max(y, 1), m).lengthOfMonth()) {
            return "names a day its month lacks";
        }
        if (type == ColumnType.TIMESTAMP && !v.startsWith("0000-00-00 00:00:00")
                && (v.compareTo("1970-01-01 00:00:01") < 0 || v.compareTo("2038-01-19 03:14:07.999999") > 0)) {
            return "is outside TIMESTAMP's range (1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC)";
        }
        return null;
    }

    private static String index(TableDefinition t, int k, Map<String, Column> columns) {
        Index i = t.indexes().get(k);
        String what = "index " + i.name();
        if (i.kind() != IndexKind.PRIMARY && i.name().equalsIgnoreCase("PRIMARY")) {
            return what + ": only the primary key is named PRIMARY";
        }
        for (int j = 0; j < k; j++) {
            if (t.indexes().get(j).name().equalsIgnoreCase(i.name())) {
                return what + ": two indexes of that name";
            }
            if (i.kind() == IndexKind.PRIMARY && t.indexes().get(j).kind() == IndexKind.PRIMARY) {
                return "two primary keys";
            }
        }
        if (i.kind() == IndexKind.PRIMARY && i.ignored()) {
            return "the primary key is marked IGNORED, which MariaDB refuses";
        }
        if (i.algorithm() == IndexAlgorithm.RTREE && i.kind() != IndexKind.SPATIAL) {
            return what + ": USING RTREE on a key that is not SPATIAL";
        }
        Set<String> seen = new HashSet<>();
        for (IndexPart part : i.parts()) {
            if (!seen.add(lower(part.column()))) {
                return what + ": it names column " + part.column() + " twice";
            }
        }
        for (IndexPart part : i.parts()) {
            Column c = columns.get(lower(part.column()));
            ColumnType.Family f = c.type().type().family();
            String partWhat = what + ", column " + c.name();
            if ((i.kind() == IndexKind.PRIMARY || i.kind() == IndexKind.SPATIAL) && c.nullable()) {
                return partWhat + ": a " + (i.kind() == IndexKind.PRIMARY ? "primary key" : "SPATIAL index")
                        + " column must be NOT NULL";
            }
            if (i.kind() == IndexKind.SPATIAL && f != ColumnType.Family.GEOMETRY) {
                return partWhat + ": a SPATIAL index on a " + c.type().type().sqlName() + " column";
            }
            if (i.kind() == IndexKind.FULLTEXT && f != ColumnType.Family.STRING && f != ColumnType.Family.TEXT) {
                return partWhat + ": a FULLTEXT index on a " + c.type().type().sqlName() + " column";
            }
            if (i.kind() == IndexKind.FULLTEXT && c.type().charset() != null
                    && (c.type().charset().minBytesPerChar() > 1 || c.type().charset().isBinary())) {
                return partWhat + ": a FULLTEXT index on " + c.type().charset().charset() + ", which FULLTEXT refuses";
            }
            if (i.kind() == IndexKind.FULLTEXT && c.type().charset() != null) {
                Column first = columns.get(lower(i.parts().get(0).column()));
                if (first.type().charset() != null && first.type().charset().id() != c.type().charset().id()) {
                    return partWhat + ": the columns of a FULLTEXT index share one collation";
                }
            }
            boolean stringish = f == ColumnType.Family.STRING || f == ColumnType.Family.BINARY
                    || f == ColumnType.Family.TEXT || f == ColumnType.Family.BLOB;
            if (part.prefixLength() > 0 && !stringish) {
                return partWhat + ": a prefix length on a " + c.type().type().sqlName() + " column";
            }
            if (part.prefixLength() > 0 && (f == ColumnType.Family.STRING || f == ColumnType.Family.BINARY)
                    && part.prefixLength() > c.type().length()) {
                return partWhat + ": a prefix of " + part.prefixLength() + " on a column of " + c.type().length();
            }
        }
        return null;
    }

    /** At most one AUTO_INCREMENT column, and a key over it (first, unless the engine allows later parts). */
    private static Problem autoIncrement(TableDefinition t) {
        List<Column> auto = t.columns().stream().filter(Column::autoIncrement).toList();
        if (auto.size() > 1) {
            return new Problem("two AUTO_INCREMENT columns", Part.TABLE, -1);
        }
        if (auto.isEmpty()) {
            return null;
        }
        String name = auto.get(0).name();
        boolean anyPart = AUTO_PART_KEY.contains(lower(t.options().engine()));
        for (Index i : t.indexes()) {
            for (int j = 0; j < i.parts().size(); j++) {
                if (i.parts().get(j).column().equalsIgnoreCase(name) && (j == 0 || anyPart)
                        && i.kind() != IndexKind.FULLTEXT && i.kind() != IndexKind.SPATIAL) {
                    return null;
                }
            }
        }
        return new Problem("the AUTO_INCREMENT column " + name + " is not the first column of a key",
                Part.TABLE, -1);
    }

    private static Problem period(Period p, Map<String, Column> columns) {
        Column s = columns.get(lower(p.startColumn()));
        Column e = columns.get(lower(p.endColumn()));
        Set<ColumnType> temporal = Set.of(ColumnType.DATE, ColumnType.DATETIME, ColumnType.TIMESTAMP);
        if (!temporal.contains(s.type().type()) || s.type().type() != e.type().type() || s.nullable()
                || e.nullable()) {
            return new Problem("period " + p.name() + ": its columns must be NOT NULL and of one date or time type",
                    Part.TABLE, -1);
        }
        return null;
    }

    /** Every backquoted column name an expression holds is a column of the table. */
    private static String references(String what, String expression, Map<String, Column> columns) {
        Set<String> seen = new HashSet<>();
        Matcher m = QUOTED_NAME.matcher(withoutStrings(expression));
        while (m.find()) {
            String name = m.group(1).replace("``", "`");
            if (seen.add(name) && !columns.containsKey(lower(name))) {
                return what + " names `" + name + "`, which is no column of the table";
            }
        }
        return null;
    }

    /** The text with its quoted strings emptied, so that a backquote inside one is not read as a name. */
    private static String withoutStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                out.append(c).append(c);
                i++;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        i += 2;
                    } else if (d == c && i + 1 < s.length() && s.charAt(i + 1) == c) {
                        i += 2;
                    } else if (d == c) {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
