package io.dbrecover.mysql.ddl;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Collations;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.GeometryType;
import java.util.Locale;
import java.util.Map;

/**
 * What one MySQL release line prints and accepts in a CREATE TABLE, as docs/formats/frm.md §22 records it from
 * the servers' own sources and mysql-test results: names of character sets, collations and types, display widths,
 * and which features the line has at all. {@link MySqlWriter} asks; this class only knows facts.
 */
final class MySqlRules {
    /** Display width MySQL gives an integer declared without one: signed, unsigned (frm.md §22.3). */
    private static final Map<ColumnType, int[]> DEFAULT_WIDTH = Map.of(ColumnType.TINYINT, new int[] {4, 3},
            ColumnType.SMALLINT, new int[] {6, 5}, ColumnType.MEDIUMINT, new int[] {9, 8},
            ColumnType.INT, new int[] {11, 10}, ColumnType.BIGINT, new int[] {20, 20});
    private static final String UTF8MB4_0900 = "utf8mb4_0900_ai_ci";

    private final Dialect line;

    MySqlRules(Dialect line) {
        if (!line.isMySql() || line == Dialect.MYSQL) {
            throw new IllegalArgumentException("not a MySQL release line: " + line);
        }
        this.line = line;
    }

    Dialect line() {
        return line;
    }

    String name() {
        return line.displayName();
    }

    private boolean atLeast(Dialect other) {
        return line.series() >= other.series();
    }

    /** 8.0 and later: the data-dictionary servers. */
    boolean eight() {
        return atLeast(Dialect.MYSQL_8_0);
    }

    /** TIME/DATETIME/TIMESTAMP(n) and CURRENT_TIMESTAMP(n): 5.6.4. */
    boolean fractionalSeconds() {
        return atLeast(Dialect.MYSQL_5_6);
    }

    /**
     * CURRENT_TIMESTAMP defaults on DATETIME and on more than one TIMESTAMP column: 5.6.5. Before, only one
     * TIMESTAMP column of a table could be set automatically.
     */
    boolean automaticDatetime() {
        return atLeast(Dialect.MYSQL_5_6);
    }

    /** STATS_PERSISTENT, STATS_AUTO_RECALC, STATS_SAMPLE_PAGES: 5.6. */
    boolean statsOptions() {
        return atLeast(Dialect.MYSQL_5_6);
    }

    /** The JSON type: 5.7.8. */
    boolean json() {
        return atLeast(Dialect.MYSQL_5_7);
    }

    /** GENERATED ALWAYS AS … VIRTUAL|STORED: 5.7. */
    boolean generatedColumns() {
        return atLeast(Dialect.MYSQL_5_7);
    }

    /** Expression defaults {@code DEFAULT (expr)} and literal defaults of TEXT/BLOB/JSON/GEOMETRY: 8.0.13. */
    boolean expressionDefaults() {
        return eight();
    }

    /** CHECK constraints that are kept and enforced: 8.0.16 (before, parsed and dropped). */
    boolean checkConstraints() {
        return eight();
    }

    /** Invisible columns {@code /*!80023 INVISIBLE *}{@code /}: 8.0.23. */
    boolean invisibleColumns() {
        return eight();
    }

    /** Invisible indexes {@code /*!80000 INVISIBLE *}{@code /} and descending key parts: 8.0. */
    boolean invisibleIndexesAndDescendingKeys() {
        return eight();
    }

    /** AUTO_INCREMENT on FLOAT/DOUBLE, deprecated in 8.0.17 and refused from 8.4.0. */
    boolean floatingAutoIncrement() {
        return !atLeast(Dialect.MYSQL_8_4);
    }

    /**
     * A column's CHARACTER SET and COLLATE are both printed when it declared either (8.0's
     * {@code is_explicit_collation}), and a table's COLLATE always for {@code utf8mb4_0900_ai_ci}.
     */
    boolean explicitCollationRule() {
        return eight();
    }

    /** The line's name of a character set: MariaDB's {@code utf8mb3} is {@code utf8} up to 5.7. */
    String charset(String charset) {
        return !eight() && charset.equals("utf8mb3") ? "utf8" : charset;
    }

    /**
     * The line's name of a collation, or {@code null} when the line has none by that name or ordering (MariaDB's
     * UCA 14.0.0, NO PAD, Myanmar, Thai and own Croatian collations; MySQL 8's UCA 9.0.0 ones before 8.0; the
     * UCA 5.2.0, German phone book, Sinhala, Vietnamese and Croatian collations before 5.6; utf8mb4 before 5.5.3
     * is not modelled: 5.5 here means 5.5.3 and later).
     */
    String collation(CharsetCollation cs) {
        String name = cs.collation();
        if (name.contains("uca1400") || name.contains("nopad") || name.contains("myanmar")
                || name.contains("thai_520_w2") || name.endsWith("_croatian_ci") && cs.id() >= 512) {
            return null;
        }
        if (name.endsWith("_croatian_mysql561_ci")) {
            // MariaDB's name for MySQL's own Croatian collation (MySQL 5.6.1 ordering)
            name = name.substring(0, name.length() - "_mysql561_ci".length()) + "_ci";
        }
        if (!eight() && (name.contains("_0900_") || name.equals("utf8mb3_tolower_ci")
                || cs.charset().equals("gb18030"))) {
            return null;
        }
        if (!atLeast(Dialect.MYSQL_5_6) && (name.contains("_520_") || name.contains("german2")
                || name.contains("sinhala") || name.contains("vietnamese") || name.contains("croatian"))) {
            return null;
        }
        if (name.startsWith("utf8mb3_") && !eight()) {
            return "utf8_" + name.substring("utf8mb3_".length());
        }
        return name;
    }

    /** The line's default collation of a character set, by the line's name; {@code null} when unknown. */
    String defaultCollation(String charset) {
        if (charset.equals("utf8mb4")) {
            return eight() ? UTF8MB4_0900 : "utf8mb4_general_ci";
        }
        return Collations.defaultOf(charset).map(this::collation).orElse(null);
    }

    /** Whether a collation (by the line's name) is its character set's default, which SHOW leaves unsaid. */
    boolean isDefault(String collation, String charset) {
        return collation.equals(defaultCollation(charset));
    }

    /** Whether the table's COLLATE= is printed: for a non-default collation, and on 8.0 for utf8mb4_0900_ai_ci. */
    boolean tableCollatePrinted(String collation, String charset) {
        return !isDefault(collation, charset) || eight() && collation.equals(UTF8MB4_0900);
    }

    /** 8.0 prints a column's COLLATE also for utf8mb4_0900_ai_ci in a table of another collation. */
    boolean is0900(String collation) {
        return collation.equals(UTF8MB4_0900);
    }

    /**
     * The type as this line prints it, for the types whose spelling depends on the line: integers (display widths
     * up to 5.7; from 8.0.19 only with ZEROFILL, and TINYINT(1) kept), YEAR (YEAR(4) up to 5.7), the geometry
     * collection ({@code geomcollection} from 8.0). {@code null} for every other type.
     */
    String integerOrYearOrGeometry(DataType t) {
        if (t.type().family() == ColumnType.Family.INTEGER) {
            int[] widths = DEFAULT_WIDTH.get(t.type());
            int width = t.length() > 0 ? t.length() : widths[t.unsigned() || t.zerofill() ? 1 : 0];
            StringBuilder sb = new StringBuilder(t.type().sqlName());
            boolean boolWidth = t.type() == ColumnType.TINYINT && width == 1 && !t.unsigned() && !t.zerofill();
            if (!eight() || t.zerofill() || boolWidth) {
                sb.append('(').append(width).append(')');
            }
            if (t.unsigned()) {
                sb.append(" unsigned");
            }
            if (t.zerofill()) {
                sb.append(" zerofill");
            }
            return sb.toString();
        }
        if (t.type() == ColumnType.YEAR) {
            return eight() ? "year" : "year(" + (t.length() > 0 ? t.length() : 4) + ")";
        }
        if (t.type() == ColumnType.GEOMETRY && t.geometry() == GeometryType.GEOMETRYCOLLECTION) {
            return eight() ? "geomcollection" : "geometrycollection";
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
