package io.dbrecover.mysql.transplant;

import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.EngineOption;
import io.dbrecover.mysql.model.Index;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.IndexPart;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TableOptions;
import io.dbrecover.mysql.scan.Scan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The statements of a transplant. Without a {@code .cfg}, MariaDB imports a tablespace only into a table that has
 * nothing but its clustered index (any secondary index gives {@code ERROR 1815}) and whose ROW_FORMAT,
 * KEY_BLOCK_SIZE and PAGE_COMPRESSED match the file's flags (else {@code ERROR 1808}). So a table is created in
 * that shape, imported, and given back its other keys afterwards.
 */
final class TransplantSql {
    private static final Set<String> FILE_DECIDED_OPTIONS = Set.of("PAGE_COMPRESSED");

    private TransplantSql() {
    }

    /** Creates a database of the sources with its character set and collation, unless it exists. */
    static String createDatabase(Scan.Database db) {
        return "CREATE DATABASE IF NOT EXISTS " + DdlWriter.id(db.name())
                + (db.charset().isEmpty() ? "" : " CHARACTER SET " + db.charset())
                + (db.collation().isEmpty() ? "" : " COLLATE " + db.collation());
    }

    /**
     * The index InnoDB clusters the rows by: the PRIMARY KEY, else the first UNIQUE key whose columns are all NOT
     * NULL and unprefixed (the .frm stores keys in the server's order, which puts that one first); {@code null}
     * when the rows are clustered by the hidden row id.
     */
    static Index clusteredKey(TableDefinition t) {
        for (Index i : t.indexes()) {
            if (i.kind() == IndexKind.PRIMARY) {
                return i;
            }
        }
        for (Index i : t.indexes()) {
            if (i.kind() == IndexKind.UNIQUE && i.parts().stream().allMatch(p -> p.prefixLength() == 0
                    && t.column(p.column()).map(c -> !c.nullable() && c.generated() == null).orElse(false))) {
                return i;
            }
        }
        return null;
    }

    /**
     * Whether the table is imported with its {@code .cfg} (written by {@code FLUSH TABLES … FOR EXPORT}): then the
     * server checks the definition against it and imports the secondary indexes too. Not for partitioned tables
     * (each partition goes through a plain table) nor FULLTEXT ones (their auxiliary tables are not in the export).
     */
    static boolean usesCfg(TableSource t) {
        // rows clustered on the hidden row id are compared with the server's in that order, before other keys
        return t.cfg() != null && !t.partitioned() && t.definition() != null && clusteredKey(t.definition()) != null
                && t.definition().indexes().stream().noneMatch(i -> i.kind() == IndexKind.FULLTEXT);
    }

    /** The name of the plain table partition {@code n} of a table goes through, unique per table. */
    static String scratchName(String qualifiedTable, int n) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    qualifiedTable.getBytes(StandardCharsets.UTF_8));
            return "dbrecover_part_" + HexFormat.of().formatHex(d, 0, 8) + "_" + n;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The definition for an import with a {@code .cfg}: every key, options from the file, no foreign keys. */
    static TableDefinition exported(TableDefinition t, FileFacts file) {
        return new TableDefinition(t.name(), t.columns(), t.indexes(), fileOptions(t, file), t.comment(), "",
                t.checks(), t.applicationPeriod(), t.systemPeriod(), t.systemVersioned(), List.of(), List.of());
    }

    /** The definition as it must be for the import: clustered key only, no partitions, options from the file. */
    static TableDefinition importable(TableDefinition t, FileFacts file, String name) {
        Index clustered = clusteredKey(t);
        List<Column> columns = new ArrayList<>();
        for (Column c : t.columns()) {
            boolean keep = c.autoIncrement() && clustered != null && inIndex(clustered, c.name());
            columns.add(c.autoIncrement() && !keep ? withoutAutoIncrement(c) : c);
        }
        return new TableDefinition(name, columns, clustered == null ? List.of() : List.of(clustered),
                fileOptions(t, file), t.comment(), "", t.checks(), t.applicationPeriod(), t.systemPeriod(),
                t.systemVersioned(), List.of(), List.of());
    }

    /** The table's options with ROW_FORMAT, KEY_BLOCK_SIZE and PAGE_COMPRESSED as the file has them. */
    private static TableOptions fileOptions(TableDefinition t, FileFacts file) {
        TableOptions o = t.options();
        List<EngineOption> engineOptions = new ArrayList<>();
        for (EngineOption e : o.engineOptions()) {
            if (!FILE_DECIDED_OPTIONS.contains(e.name().toUpperCase(Locale.ROOT))) {
                engineOptions.add(e);
            }
        }
        if (file.pageCompressed()) {
            engineOptions.add(0, new EngineOption("PAGE_COMPRESSED", "1", false));
        }
        return new TableOptions("InnoDB", o.charset(), file.rowFormat(), file.keyBlockSize(),
                o.minRows(), o.maxRows(), o.avgRowLength(), o.packKeys(), o.statsPersistent(), o.statsAutoRecalc(),
                o.statsSamplePages(), o.checksum(), o.pageChecksum(), o.delayKeyWrite(), o.transactional(), false,
                o.connection(), engineOptions);
    }

    /** The importable shape of a partitioned table: the same, with its partition clause. */
    static TableDefinition importablePartitioned(TableDefinition t, FileFacts file) {
        TableDefinition plain = importable(t, file, t.name());
        return new TableDefinition(t.name(), plain.columns(), plain.indexes(), plain.options(), plain.comment(),
                t.partitionClause(), plain.checks(), plain.applicationPeriod(), plain.systemPeriod(),
                plain.systemVersioned(), List.of(), List.of());
    }

    /**
     * The ALTER TABLE statements that give an imported table back what {@link #importable} left out, except
     * foreign keys: first all keys at once (with AUTO_INCREMENT, which needs its key), then each FULLTEXT key on its
     * own (InnoDB builds one at a time on a table without FTS_DOC_ID).
     */
    static List<String> restore(String qualified, TableDefinition t) {
        Index clustered = clusteredKey(t);
        String collation = t.options().charset() == null ? null : t.options().charset().collation();
        List<String> clauses = new ArrayList<>();
        for (Index i : t.indexes()) {
            if (i != clustered && i.kind() != IndexKind.FULLTEXT) {
                clauses.add("ADD " + DdlWriter.indexDefinition(t, i, t.options().keyBlockSize()));
            }
        }
        for (Column c : t.columns()) {
            if (c.autoIncrement() && !(clustered != null && inIndex(clustered, c.name()))) {
                clauses.add("MODIFY " + DdlWriter.columnDefinition(c, collation));
            }
        }
        List<String> statements = new ArrayList<>();
        if (!clauses.isEmpty()) {
            statements.add("ALTER TABLE " + qualified + " " + String.join(", ", clauses));
        }
        for (Index i : t.indexes()) {
            if (i.kind() == IndexKind.FULLTEXT) {
                statements.add("ALTER TABLE " + qualified + " ADD " + DdlWriter.indexDefinition(t, i, 0));
            }
        }
        return statements;
    }

    static String qualified(String database, String table) {
        return DdlWriter.id(database) + "." + DdlWriter.id(table);
    }

    private static boolean inIndex(Index index, String column) {
        for (IndexPart p : index.parts()) {
            if (p.column().equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    private static Column withoutAutoIncrement(Column c) {
        return new Column(c.name(), c.type(), c.nullable(), c.defaultValue(), c.onUpdate(), false, c.comment(),
                c.visibility(), c.generated(), c.check(), c.versioning(), c.engineOptions());
    }
}
