package io.dbrecover.mysql.ddl;

import static io.dbrecover.mysql.ddl.DdlWriter.id;
import static io.dbrecover.mysql.ddl.DdlWriter.quote;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.Versioning;
import io.dbrecover.mysql.model.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a CREATE TABLE as one MySQL release line prints them, in the order and spelling of that line's
 * SHOW CREATE TABLE (docs/formats/frm.md §22.2–§22.5): type, character set, generation, NULL, DEFAULT, ON UPDATE,
 * AUTO_INCREMENT, INVISIBLE, COMMENT. Keys, checks, options and partitions are {@link MySqlClauses}'. What the
 * line has no place for is left out and added to {@code lost}, which {@link DdlWriter} writes as {@code -- }
 * notes before the statement.
 */
final class MySqlWriter {
    /** MariaDB plugin types and the MySQL type holding the same bytes (docs/formats/frm.md §14.3). */
    private static final Map<String, String> MARIADB_PLUGIN_TYPES = Map.of("inet6", "binary(16)",
            "inet4", "binary(4)", "uuid", "binary(16)");

    private final MySqlRules rules;
    private final List<String> lost;
    /** The table's collation by the line's name, {@code null} when the table has none. */
    private String tableCollation;
    /** 5.5: the one TIMESTAMP column that may be set automatically, once a column has claimed it. */
    private String automaticTimestamp;
    /** Collations the line lacks, with the table parts that use them: one note each in {@link #finish()}. */
    private final Map<String, List<String>> missingCollations = new LinkedHashMap<>();

    MySqlWriter(Dialect line, List<String> lost) {
        this.rules = new MySqlRules(line);
        this.lost = lost;
    }

    MySqlRules rules() {
        return rules;
    }

    /** The table's collation by the line's name after {@link #table}, {@code null} when it has none. */
    String tableCollation() {
        return tableCollation;
    }

    /** Call first: resolves the table's collation the columns are compared with. */
    void table(TableDefinition t) {
        CharsetCollation cs = t.options().charset();
        tableCollation = cs == null || t.options().sequence() ? null : resolved(cs, "table");
    }

    /** One column: type, charset, generation, NULL, DEFAULT, ON UPDATE, AUTO_INCREMENT, INVISIBLE, COMMENT. */
    String column(Column c, TableDefinition table) {
        DataType t = c.type();
        String owner = "column " + c.name();
        StringBuilder sb = new StringBuilder(id(c.name())).append(' ').append(type(t, owner));
        if (t.compressed()) {
            lost.add(owner + ": MariaDB column compression left out");
        }
        sb.append(charsetClause(c, owner));
        boolean generated = c.generated() != null && rules.generatedColumns();
        if (c.generated() != null) {
            if (generated) {
                sb.append(" GENERATED ALWAYS AS (").append(MySqlExpressions.printed(c.generated().expression(), rules))
                        .append(')').append(c.generated().stored() ? " STORED" : " VIRTUAL");
            } else {
                lost.add(owner + ": generated columns need MySQL 5.7; written as a plain column (it was GENERATED "
                        + "ALWAYS AS (" + c.generated().expression() + ") "
                        + (c.generated().stored() ? "STORED" : "VIRTUAL") + ")");
            }
        }
        boolean systemColumn = c.versioning() == Versioning.ROW_START || c.versioning() == Versioning.ROW_END;
        if (systemColumn) {
            lost.add(owner + " was the MariaDB system-versioning row "
                    + (c.versioning() == Versioning.ROW_START ? "start" : "end") + ": written as a plain column");
        }
        if (!c.nullable() || systemColumn) {
            sb.append(" NOT NULL");
        } else if (t.type() == ColumnType.TIMESTAMP) {
            sb.append(" NULL");
        }
        if (!generated) {
            timestampWithoutDefault(c, table, owner);
            String def = defaultText(c, c.defaultValue(), owner);
            // a generated column written as a plain one lost its expression: it gets the plain column's default
            boolean leftOut = def == null && (c.generated() != null
                    || !(c.defaultValue() instanceof ColumnDefault.None));
            if (leftOut && c.nullable() && !blobLike(t)) {
                def = "NULL"; // what the server then shows for a nullable column declared without a default
            }
            if (def != null) {
                sb.append(" DEFAULT ").append(def);
            }
            if (c.versioning() == Versioning.EXCLUDED) {
                lost.add(owner + ": WITHOUT SYSTEM VERSIONING (MariaDB) left out");
            }
            if (c.onUpdate() != null && automatic(c, owner, "ON UPDATE CURRENT_TIMESTAMP")) {
                sb.append(" ON UPDATE ").append(currentTimestamp(c.onUpdate().fsp()));
            }
            if (c.autoIncrement()) {
                if (t.type().family() == ColumnType.Family.FLOATING && !rules.floatingAutoIncrement()) {
                    lost.add(owner + ": AUTO_INCREMENT on " + t.type().sqlName().toUpperCase(Locale.ROOT)
                            + " left out: " + rules.name() + " refuses it on floating-point columns");
                } else {
                    sb.append(" AUTO_INCREMENT");
                }
            }
        }
        if (c.visibility() == Visibility.INVISIBLE) {
            if (rules.invisibleColumns()) {
                sb.append(" /*!80023 INVISIBLE */");
            } else {
                lost.add(owner + " is invisible; " + rules.name() + " has no invisible columns (8.0.23): visible here");
            }
        }
        if (!c.comment().isEmpty()) {
            sb.append(" COMMENT ").append(quote(c.comment()));
        }
        MySqlClauses.leaveOut(c.engineOptions(), owner, lost);
        return sb.toString();
    }

    /**
     * The type as the line prints it. MariaDB plugin types become the binary types holding their bytes; JSON is
     * LONGTEXT before 5.7; fractional seconds are dropped before 5.6.
     */
    private String type(DataType t, String owner) {
        String special = rules.integerOrYearOrGeometry(t);
        if (special != null) {
            return special;
        }
        switch (t.type()) {
            case JSON:
                if (rules.json()) {
                    return "json";
                }
                lost.add(owner + ": " + rules.name() + " has no JSON type (5.7.8): written as longtext");
                return "longtext";
            case EXTENDED: {
                String mapped = MARIADB_PLUGIN_TYPES.get(t.extendedName().toLowerCase(Locale.ROOT));
                if (mapped == null) {
                    return t.extendedName();
                }
                lost.add(owner + ": MariaDB type " + t.extendedName() + " written as " + mapped
                        + " (the stored bytes; MySQL shows no text form" + (t.extendedName().equalsIgnoreCase("uuid")
                        ? ", and MariaDB stores UUID groups in swapped order" : "") + ")");
                return mapped;
            }
            case TIME:
            case DATETIME:
            case TIMESTAMP:
                if (t.fsp() > 0 && !rules.fractionalSeconds()) {
                    lost.add(owner + ": " + rules.name() + " has no fractional seconds (5.6.4): " + t.type().sqlName()
                            + "(" + t.fsp() + ") written as " + t.type().sqlName());
                    return t.type().sqlName();
                }
                return DdlWriter.type(t);
            default:
                return DdlWriter.type(t);
        }
    }

    /**
     * {@code CHARACTER SET}/{@code COLLATE} as the line prints them. Up to 5.7 the character set is printed when the
     * collation differs from the table's, and COLLATE when the collation is not its set's default. From 8.0 a
     * column that declared either gets both (a column differing from the table is declared so in our script), and
     * a {@code utf8mb4_0900_ai_ci} column in a table of another collation gets its COLLATE.
     */
    private String charsetClause(Column c, String owner) {
        CharsetCollation cs = c.type().charset();
        if (cs == null) {
            return "";
        }
        if (cs.isBinary()) {
            // an ENUM/SET of byte strings; other binary types have names of their own
            return c.type().type().family() == ColumnType.Family.LIST && !"binary".equals(tableCollation)
                    ? " CHARACTER SET binary" : "";
        }
        String collation = resolved(cs, owner);
        String charset = rules.charset(cs.charset());
        boolean differs = !collation.equals(tableCollation);
        boolean isDefault = rules.isDefault(collation, cs.charset());
        StringBuilder sb = new StringBuilder();
        if (rules.explicitCollationRule()) {
            boolean explicit = differs || c.explicitCollation();
            if (explicit) {
                sb.append(" CHARACTER SET ").append(charset);
            }
            if (!isDefault || explicit || rules.is0900(collation) && !collation.equals(tableCollation)) {
                sb.append(" COLLATE ").append(collation);
            }
        } else {
            if (differs) {
                sb.append(" CHARACTER SET ").append(charset);
            }
            if (!isDefault) {
                sb.append(" COLLATE ").append(collation);
            }
        }
        return sb.toString();
    }

    /** The collation by the line's name; when the line has none, its character set's default, with a note. */
    private String resolved(CharsetCollation cs, String owner) {
        String name = rules.collation(cs);
        if (name != null) {
            return name;
        }
        String fallback = rules.defaultCollation(cs.charset());
        if (fallback == null) {
            lost.add(owner + ": " + rules.name() + " may not know collation " + cs.collation()
                    + " or its character set; written as read");
            return cs.collation();
        }
        String what = cs.collation() + " does not exist in " + rules.name() + ": the character set's default "
                + "collation " + fallback + " is used";
        missingCollations.computeIfAbsent(what, k -> new ArrayList<>()).add(owner);
        return fallback;
    }

    /** Call last: adds the notes gathered over the whole table. */
    void finish() {
        missingCollations.forEach((what, owners) -> lost.add(String.join(", ", owners) + ": collation " + what));
    }

    /**
     * The DEFAULT text, or {@code null} for none. Literals are quoted, numbers too (all MySQL lines print
     * {@code DEFAULT '0'}); TEXT/BLOB get no {@code DEFAULT NULL} (JSON and GEOMETRY do); expression defaults and
     * literal defaults of TEXT/BLOB/JSON/GEOMETRY exist from 8.0.13 and are left out before.
     */
    private String defaultText(Column c, ColumnDefault d, String owner) {
        DataType type = c.type();
        if (d instanceof ColumnDefault.None) {
            return null;
        }
        if (d instanceof ColumnDefault.Null) {
            return blobLike(type) ? null : "NULL";
        }
        if (d instanceof ColumnDefault.CurrentTimestamp ct) {
            return automatic(c, owner, "DEFAULT CURRENT_TIMESTAMP") ? currentTimestamp(ct.fsp()) : null;
        }
        if (d instanceof ColumnDefault.Literal l) {
            String text = switch (l.kind()) {
                case BIT -> "b'" + l.text() + "'";
                case HEX -> "0x" + l.text();
                default -> quote(withoutFraction(type, l.text(), owner)); // numbers too
            };
            if (!type.type().isLob()) {
                return text;
            }
            if (l.text().isEmpty()) {
                return null; // MariaDB's reading of an old TEXT without default; MySQL shows none
            }
            if (!rules.expressionDefaults()) {
                lost.add(owner + ": " + rules.name() + " allows no default on TEXT/BLOB/JSON/GEOMETRY (8.0.13): "
                        + "DEFAULT " + text + " left out");
                return null;
            }
            lost.add(owner + ": its default needs MySQL 8.0.13 or later (an expression default)");
            // in an expression MySQL 8 keeps the introducer of the session's character set (utf8mb4 here)
            return "(" + (l.kind() == ColumnDefault.Literal.Kind.STRING ? "_utf8mb4" : "") + text + ")";
        }
        String e = ((ColumnDefault.Expression) d).text();
        if (!rules.expressionDefaults()) {
            lost.add(owner + ": " + rules.name() + " has no expression defaults (8.0.13): DEFAULT (" + e
                    + ") left out");
            return null;
        }
        lost.add(owner + ": its expression default needs MySQL 8.0.13 or later, and MySQL must know every function "
                + "in it: " + e);
        return "(" + MySqlExpressions.printed(e, rules) + ")";
    }

    /** A temporal literal loses its fraction where the line has no fractional seconds (5.5 truncates it). */
    private String withoutFraction(DataType type, String text, String owner) {
        ColumnType ct = type.type();
        boolean temporal = ct == ColumnType.TIME || ct == ColumnType.DATETIME || ct == ColumnType.TIMESTAMP;
        int dot = text.lastIndexOf('.');
        if (!temporal || rules.fractionalSeconds() || type.fsp() == 0 || dot < 0) {
            return text;
        }
        lost.add(owner + ": default '" + text + "' written without its fraction");
        return text.substring(0, dot);
    }

    /** TEXT and BLOB (also JSON written as LONGTEXT before 5.7): SHOW gives them no DEFAULT NULL. */
    private boolean blobLike(DataType t) {
        ColumnType.Family f = t.type().family();
        return f == ColumnType.Family.TEXT || f == ColumnType.Family.BLOB
                || f == ColumnType.Family.JSON && !rules.json();
    }

    private String currentTimestamp(int fsp) {
        return fsp > 0 && rules.fractionalSeconds() ? "CURRENT_TIMESTAMP(" + fsp + ")" : "CURRENT_TIMESTAMP";
    }

    /**
     * Whether a column may be set to CURRENT_TIMESTAMP automatically. Before 5.6.5 only TIMESTAMP columns could, and
     * only one per table; what 5.5 would refuse is left out with a note.
     */
    private boolean automatic(Column c, String owner, String what) {
        if (rules.automaticDatetime()) {
            return true;
        }
        if (c.type().type() != ColumnType.TIMESTAMP) {
            lost.add(owner + ": " + what + " on a " + c.type().type().sqlName().toUpperCase(Locale.ROOT)
                    + " needs MySQL 5.6.5: left out");
            return false;
        }
        if (automaticTimestamp == null || automaticTimestamp.equals(c.name())) {
            automaticTimestamp = c.name();
            return true;
        }
        lost.add(owner + ": " + what + " left out: " + rules.name() + " sets only one TIMESTAMP column ("
                + automaticTimestamp + ") automatically");
        return false;
    }

    /**
     * Before 8.0 the first TIMESTAMP column declared NOT NULL without a default is given DEFAULT CURRENT_TIMESTAMP ON
     * UPDATE CURRENT_TIMESTAMP by the server (unless explicit_defaults_for_timestamp is on): say so.
     */
    private void timestampWithoutDefault(Column c, TableDefinition table, String owner) {
        if (rules.eight() || c.type().type() != ColumnType.TIMESTAMP || c.nullable()
                || !(c.defaultValue() instanceof ColumnDefault.None) || c.onUpdate() != null) {
            return;
        }
        Column first = table.columns().stream().filter(x -> x.type().type() == ColumnType.TIMESTAMP).findFirst()
                .orElse(c);
        if (first == c) {
            lost.add(owner + ": " + rules.name() + " gives the first TIMESTAMP NOT NULL column without a default "
                    + "DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP unless explicit_defaults_for_timestamp "
                    + "is ON");
        }
    }

}
