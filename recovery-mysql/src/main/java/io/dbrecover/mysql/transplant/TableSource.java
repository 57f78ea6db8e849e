package io.dbrecover.mysql.transplant;

import io.dbrecover.mysql.model.TableDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One table found in the orphaned files: its definition (or why there is none) and its tablespace files.
 *
 * @param database   database name (decoded from its directory name)
 * @param table      table name (decoded from its file name)
 * @param fileBase   the table's file name without extension, as the server encodes it ({@code t@002d1})
 * @param databaseDir the directory the files are in
 * @param definition the table definition, or {@code null} when none could be read
 * @param definitionSource where the definition came from ({@code shop/t.frm}, {@code --ddl schema.sql}…)
 * @param definitionProblem why there is no definition, or {@code null}
 * @param tablespace the table's own {@code .ibd}, or {@code null} (partitioned tables, missing file)
 * @param partitions the partition tablespaces, in partition order; empty for plain tables
 * @param cfg the {@code .cfg} written by {@code FLUSH TABLES … FOR EXPORT}, or {@code null}
 */
record TableSource(String database, String table, String fileBase, Path databaseDir,
                          TableDefinition definition, String definitionSource, String definitionProblem,
                          Path tablespace, List<PartitionFile> partitions, Path cfg) {
    public TableSource {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(fileBase, "fileBase");
        Objects.requireNonNull(databaseDir, "databaseDir");
        partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions"));
        if ((definition == null) == (definitionProblem == null)) {
            throw new IllegalArgumentException(database + "." + table
                    + ": exactly one of a definition and the reason there is none");
        }
    }

    /** {@code db.table}, the item name in reports. */
    public String qualifiedName() {
        return database + "." + table;
    }

    /** Whether the table is stored as partitions. */
    public boolean partitioned() {
        return !partitions.isEmpty();
    }

    /** Every tablespace file of the table. */
    public List<Path> files() {
        return tablespace != null ? List.of(tablespace) : partitions.stream().map(PartitionFile::file).toList();
    }

    /** The same source with another definition. */
    public TableSource withDefinition(TableDefinition value, String source) {
        return new TableSource(database, table, fileBase, databaseDir, value, source, null, tablespace, partitions,
                cfg);
    }

    /**
     * One partition's tablespace, {@code t#P#p0.ibd} or {@code t#P#p0#SP#p0sp0.ibd}.
     *
     * @param partition    the partition name
     * @param subpartition the subpartition name, or {@code null}
     * @param file         the file
     */
    public record PartitionFile(String partition, String subpartition, Path file) {
        public PartitionFile {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(file, "file");
        }
    }
}
