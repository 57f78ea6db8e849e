package io.dbrecover.mysql.ddl;

import static io.dbrecover.mysql.ddl.DdlWriter.id;
import static io.dbrecover.mysql.ddl.DdlWriter.quote;

import io.dbrecover.mysql.model.CheckConstraint;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.EngineOption;
import io.dbrecover.mysql.model.Index;
import io.dbrecover.mysql.model.IndexAlgorithm;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.IndexPart;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.Switch;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TableOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keys, CHECK constraints, table options and the partition clause as one MySQL release line prints them
 * (docs/formats/frm.md §22.6–§22.9); the columns are {@link MySqlWriter}'s. What the line has no place for is
 * added to {@code lost}.
 */
final class MySqlClauses {
    private final MySqlRules rules;
    private final MySqlWriter columns;
    private final List<String> lost;

    /** Clauses for the table whose columns {@code columns} writes (its resolved collation is shared). */
    MySqlClauses(MySqlWriter columns, List<String> lost) {
        this.rules = columns.rules();
        this.columns = columns;
        this.lost = lost;
    }

    /** One key: parts, DESC (8.0), USING, KEY_BLOCK_SIZE, COMMENT, INVISIBLE (8.0), WITH PARSER. */
    String index(Index i, TableDefinition table, int tableKeyBlockSize) {
        String owner = "key " + i.name();
        StringBuilder sb = new StringBuilder();
        switch (i.kind()) {
            case PRIMARY -> sb.append("PRIMARY KEY ");
            case UNIQUE -> sb.append("UNIQUE KEY ").append(id(i.name())).append(' ');
            case FULLTEXT -> sb.append("FULLTEXT KEY ").append(id(i.name())).append(' ');
            case SPATIAL -> sb.append("SPATIAL KEY ").append(id(i.name())).append(' ');
            default -> sb.append("KEY ").append(id(i.name())).append(' ');
        }
        sb.append('(');
        boolean descendingLost = false;
        boolean wholeLob = false;
        for (int n = 0; n < i.parts().size(); n++) {
            IndexPart p = i.parts().get(n);
            sb.append(n > 0 ? "," : "").append(id(p.column()));
            if (p.prefixLength() > 0) {
                sb.append('(').append(p.prefixLength()).append(')');
            } else if (table.column(p.column()).map(c -> c.type().type().isLob()).orElse(false)) {
                wholeLob = true;
            }
            if (p.descending()) {
                if (rules.invisibleIndexesAndDescendingKeys()) {
                    sb.append(" DESC");
                } else {
                    descendingLost = true;
                }
            }
        }
        if (descendingLost) {
            lost.add(owner + ": " + rules.name() + " has no descending key parts (8.0): ascending here");
        }
        if (i.withoutOverlaps() != null) {
            lost.add(owner + ": " + i.withoutOverlaps() + " WITHOUT OVERLAPS (MariaDB) left out");
        }
        sb.append(')');
        if (i.kind() == IndexKind.UNIQUE && i.algorithm() == IndexAlgorithm.HASH && wholeLob) {
            lost.add(owner + ": a UNIQUE key over a whole TEXT/BLOB column is MariaDB's hash key; MySQL refuses it "
                    + "(give the part a prefix length, or drop the key)");
        }
        switch (i.algorithm()) {
            case BTREE -> sb.append(" USING BTREE");
            case HASH -> sb.append(" USING HASH");
            case RTREE -> sb.append(" USING RTREE");
            default -> { }
        }
        if (i.keyBlockSize() > 0 && i.keyBlockSize() != tableKeyBlockSize) {
            sb.append(" KEY_BLOCK_SIZE=").append(i.keyBlockSize());
        }
        if (!i.comment().isEmpty()) {
            sb.append(" COMMENT ").append(quote(i.comment()));
        }
        if (i.ignored()) {
            if (rules.invisibleIndexesAndDescendingKeys()) {
                sb.append(" /*!80000 INVISIBLE */");
            } else {
                lost.add(owner + " is ignored by the optimizer (invisible); " + rules.name()
                        + " has no invisible indexes (8.0): visible here");
            }
        }
        if (i.parser() != null) {
            sb.append(" /*!50100 WITH PARSER ").append(id(i.parser())).append(" */ ");
        }
        engineOptions(i.engineOptions(), owner);
        return sb.toString();
    }

    /**
     * The CHECK constraints as 8.0 prints them: every one as a table constraint, a column's own check named
     * {@code <table>_chk_<n>} as MySQL names unnamed ones. Before 8.0.16 MySQL parses CHECK and drops it: none.
     */
    List<String> checks(TableDefinition t) {
        List<String> lines = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        int n = 0;
        for (Column c : t.columns()) {
            if (c.check() != null) {
                n++;
                lines.add("CONSTRAINT " + id(t.name() + "_chk_" + n) + " CHECK ("
                        + MySqlExpressions.printed(c.check(), rules) + ")");
                dropped.add("column " + c.name() + " CHECK (" + c.check() + ")");
            }
        }
        for (CheckConstraint c : t.checks()) {
            lines.add("CONSTRAINT " + id(c.name()) + " CHECK (" + MySqlExpressions.printed(c.expression(), rules)
                    + ")");
            dropped.add(c.name() + " CHECK (" + c.expression() + ")");
        }
        if (lines.isEmpty()) {
            return lines;
        }
        if (!rules.checkConstraints()) {
            lost.add(rules.name() + " parses CHECK constraints and drops them (kept from 8.0.16): left out: "
                    + String.join("; ", dropped));
            return List.of();
        }
        lost.add("CHECK constraints are enforced from MySQL 8.0.16 on; older 8.0 releases drop them");
        return lines;
    }

    /** The table options in the line's order; MariaDB's own ones are left out with a note. */
    String options(TableOptions o, String comment) {
        String engine = o.engine();
        if (engine.equalsIgnoreCase("Aria")) {
            lost.add("ENGINE=Aria (MariaDB) written as MyISAM, its MySQL ancestor");
            engine = "MyISAM";
        }
        StringBuilder sb = new StringBuilder(" ENGINE=").append(engine);
        String tableCollation = columns.tableCollation();
        if (tableCollation != null) {
            String charset = o.charset().charset();
            sb.append(" DEFAULT CHARSET=").append(rules.charset(charset));
            if (rules.tableCollatePrinted(tableCollation, charset)) {
                sb.append(" COLLATE=").append(tableCollation);
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
        sb.append(onOff(" PACK_KEYS=", o.packKeys()));
        String stats = onOff(" STATS_PERSISTENT=", o.statsPersistent()) + onOff(" STATS_AUTO_RECALC=",
                o.statsAutoRecalc()) + (o.statsSamplePages() > 0 ? " STATS_SAMPLE_PAGES=" + o.statsSamplePages() : "");
        if (rules.statsOptions()) {
            sb.append(stats);
        } else if (!stats.isEmpty()) {
            lost.add(rules.name() + " has no persistent statistics options (5.6):" + stats + " left out");
        }
        if (o.checksum()) {
            sb.append(" CHECKSUM=1");
        }
        for (String mariaOnly : new String[] {onOff(" PAGE_CHECKSUM=", o.pageChecksum()),
            onOff(" TRANSACTIONAL=", o.transactional()), o.sequence() ? " SEQUENCE=1" : ""}) {
            if (!mariaOnly.isEmpty()) {
                lost.add("MariaDB table option" + mariaOnly + " left out"
                        + (mariaOnly.contains("SEQUENCE") ? ": this is a sequence, which MySQL does not have" : ""));
            }
        }
        if (o.delayKeyWrite()) {
            sb.append(" DELAY_KEY_WRITE=1");
        }
        if (o.rowFormat() == RowFormat.PAGE) {
            lost.add("ROW_FORMAT=PAGE (Aria) left out");
        } else if (o.rowFormat() != RowFormat.DEFAULT) {
            sb.append(" ROW_FORMAT=").append(o.rowFormat());
        }
        if (o.keyBlockSize() > 0) {
            sb.append(" KEY_BLOCK_SIZE=").append(o.keyBlockSize());
        }
        if (!comment.isEmpty()) {
            sb.append(" COMMENT=").append(quote(comment));
        }
        if (!o.connection().isEmpty()) {
            sb.append(" CONNECTION=").append(quote(o.connection()));
        }
        engineOptions(o.engineOptions(), "table");
        return sb.toString();
    }

    /** The partition clause in MySQL's version comment; MariaDB's SYSTEM_TIME partitioning is left out. */
    String partitions(String clause) {
        if (clause.toUpperCase(Locale.ROOT).contains("SYSTEM_TIME")) {
            lost.add("MariaDB SYSTEM_TIME partitioning left out: " + clause.replace('\n', ' '));
            return "";
        }
        return MySqlPartitionText.wrapped(clause);
    }

    private void engineOptions(List<EngineOption> options, String owner) {
        leaveOut(options, owner, lost);
    }

    /** MySQL has no engine-defined options: each is left out and named. */
    static void leaveOut(List<EngineOption> options, String owner, List<String> lost) {
        for (EngineOption e : options) {
            lost.add(owner + ": MariaDB engine option " + e.name() + "=" + e.value() + " left out");
        }
    }

    private static String onOff(String name, Switch s) {
        return s == Switch.UNSET ? "" : name + (s == Switch.ON ? "1" : "0");
    }
}
