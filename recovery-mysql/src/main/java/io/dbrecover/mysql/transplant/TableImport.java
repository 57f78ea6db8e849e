package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Severity;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.ibd.Tablespaces;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's step: creates the table in the importable shape (only its clustered key, the file's row format and
 * page compression; or the exported shape with its {@code .cfg}), checks that the server stores every column as the
 * file does, discards its tablespace, places the file and imports it (a partitioned table partition by partition,
 * through EXCHANGE PARTITION), gives it back its other keys, and hands it to {@link TableProof}. A table that fails
 * is dropped (when recover may) and named with the reason.
 */
final class TableImport {
    private static final Logger LOG = LoggerFactory.getLogger(TableImport.class);
    private static final int IMPORT_ATTEMPTS = 3;

    private final Target target;
    private final TableProof tableProof;

    TableImport(Target target, TableProof tableProof) {
        this.target = target;
        this.tableProof = tableProof;
    }

    /** The table's step: imports every file of the table, gives it back its keys and proves it. */
    void run(Work w, StepContext sc) {
        TableSource t = w.source();
        String table = TransplantSql.qualified(t.database(), t.table());
        long t0 = System.nanoTime();
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            // CREATE TABLE statements name the table alone: they go to the table's database
            st.execute("USE " + DdlWriter.id(t.database()));
            TableProof.Proof proof = new TableProof.Proof();
            Phases phases = new Phases();
            boolean withCfg = TransplantSql.usesCfg(t);
            if (t.partitioned()) {
                importPartitions(w, c, sc, phases, proof);
            } else if (withCfg) {
                // the exported shape, every key included: the server checks it against the .cfg and imports the
                // secondary indexes too
                target.createOwn(c, t.database(), t.table(),
                        DdlWriter.createTable(TransplantSql.exported(t.definition(),
                        w.facts())));
                checkCreatedStorage(w, t.tablespace(), t.fileBase());
                importInto(c, table, t.database(), t.fileBase(), t.tablespace(), t.cfg(), sc, phases);
                // the rows are compared with the file in the pass that hashes them, in the clustered key's order
                proof.deferred = true;
            } else {
                target.createOwn(c, t.database(), t.table(),
                        DdlWriter.createTable(TransplantSql.importable(t.definition(),
                        w.facts(), t.table())));
                checkCreatedStorage(w, t.tablespace(), t.fileBase());
                importInto(c, table, t.database(), t.fileBase(), t.tablespace(), null, sc, phases);
                if (TransplantSql.clusteredKey(t.definition()) != null) {
                    // compared in the pass that hashes the rows, in the clustered key's order, after the keys
                    proof.deferred = true;
                } else {
                    // rows clustered on the row id come in that order only while the table has no other index
                    TableProof.compareRows(c, t, t.table(), t.tablespace(), sc, proof);
                }
            }
            long k0 = System.nanoTime();
            if (!withCfg) {
                for (String sql : TransplantSql.restore(table, t.definition())) {
                    st.execute(sql);
                }
            }
            phases.keys = System.nanoTime() - k0;
            tableProof.prove(w, c, sc, proof, phases, (System.nanoTime() - t0) / 1_000_000);
        } catch (RecoveryException e) {
            fail(w, sc, e.code(), e.getMessage(), e.hint().orElse(null), false);
        } catch (SQLTransientException e) {
            fail(w, sc, ErrorCode.PROCESS_FAILED, "the server gave a transient error: " + e.getMessage(),
                    "run the same command again: this table is retried", true);
        } catch (SQLException | IOException e) {
            fail(w, sc, ErrorCode.PROCESS_FAILED, explain(e), hintFor(e), false);
        }
    }

    private void importPartitions(Work w, Connection c, StepContext sc, Phases phases, TableProof.Proof proof)
            throws SQLException, IOException {
        TableSource t = w.source();
        String table = TransplantSql.qualified(t.database(), t.table());
        try (Statement st = c.createStatement()) {
            target.createOwn(c, t.database(), t.table(), DdlWriter.createTable(TransplantSql.importablePartitioned(
                    t.definition(), w.facts())));
            checkEveryPartitionHasAFile(c, t);
            int n = 0;
            for (TableSource.PartitionFile p : t.partitions()) {
                String scratchName = TransplantSql.scratchName(t.qualifiedName(), n++);
                String scratch = TransplantSql.qualified(t.database(), scratchName);
                try {
                    target.createOwn(c, t.database(), scratchName, DdlWriter.createTable(TransplantSql.importable(
                            t.definition(), w.facts(), scratchName)));
                    checkCreatedStorage(w, p.file(), scratchName);
                    importInto(c, scratch, t.database(), scratchName, p.file(), null, sc, phases);
                    TableProof.compareRows(c, t, scratchName, p.file(), sc, proof);
                    // a subpartition is exchanged by its own name, like a partition of its own; WITH VALIDATION
                    // (the default): every row must belong to the partition, a check on the file too
                    String exchanged = p.subpartition() != null ? p.subpartition() : p.partition();
                    st.execute("ALTER TABLE " + table + " EXCHANGE PARTITION " + DdlWriter.id(exchanged)
                            + " WITH TABLE " + scratch);
                } finally {
                    target.dropOwn(c, t.database(), scratchName);
                }
            }
        }
    }

    /**
     * A partition whose file is missing would stay empty and the table would hash what is left as if complete:
     * every partition the definition makes must have its file.
     */
    private static void checkEveryPartitionHasAFile(Connection c, TableSource t) throws SQLException {
        Set<String> files = new HashSet<>();
        for (TableSource.PartitionFile p : t.partitions()) {
            files.add(p.partition() + "/" + (p.subpartition() == null ? "" : p.subpartition()));
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT PARTITION_NAME, SUBPARTITION_NAME FROM "
                + "information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "ORDER BY PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION")) {
            ps.setString(1, t.database());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sub = rs.getString(2);
                    if (!files.contains(rs.getString(1) + "/" + (sub == null ? "" : sub))) {
                        missing.add(sub == null ? rs.getString(1) : rs.getString(1) + "/" + sub);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "partition(s) " + String.join(", ", missing)
                    + " have no tablespace file (" + t.fileBase() + "#P#…): their rows are missing")
                    .hint("look for the files on the old disk; to recover the other partitions alone, give a "
                            + "definition without the missing ones with RecoverRequest.ddl").build();
        }
    }

    private void importInto(Connection c, String table, String database, String fileBase, Path file, Path cfg,
                            StepContext sc, Phases phases) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " DISCARD TABLESPACE");
            Path placed = target.dataDir().resolve(databaseDirName(file)).resolve(fileBase + ".ibd");
            if (!Files.isDirectory(placed.getParent())) {
                throw RecoveryException.of(ErrorCode.INTERNAL, "the server keeps database " + database
                        + " elsewhere than " + placed.getParent()).build();
            }
            long c0 = System.nanoTime();
            target.place(file, placed, sc);
            Tablespaces.typePage0(sc.workspace().files(), placed); // a MySQL 5.0 file: page 0 must say FSP_HDR
            Path cfgTarget = cfg == null ? null : placed.resolveSibling(fileBase + ".cfg");
            if (cfg != null) {
                target.place(cfg, cfgTarget, sc);
            }
            phases.copy += System.nanoTime() - c0;
            long i0 = System.nanoTime();
            SQLException last = null;
            try {
                for (int attempt = 1; attempt <= IMPORT_ATTEMPTS; attempt++) {
                    try {
                        st.execute("ALTER TABLE " + table + " IMPORT TABLESPACE");
                        phases.imports += System.nanoTime() - i0;
                        return;
                    } catch (SQLTransientException e) {
                        last = e;
                        LOG.info("import of {} failed transiently (attempt {}): {}", table, attempt, e.getMessage());
                    }
                }
            } finally {
                if (cfgTarget != null) {
                    // read by the import only; it must not linger in a server's data directory
                    sc.workspace().files().delete(cfgTarget);
                }
            }
            throw last;
        }
    }

    /**
     * Reads back the definition the server wrote for a table it just created (its {@code .frm}) and refuses the
     * import unless the server stores every column as the file does: width, pre-5.6 or 5.6 temporal format,
     * nullability, character set. A server that interprets a CREATE TABLE otherwise than our definition means (a
     * global setting, a type it no longer creates) would read the file at wrong offsets, and CHECK TABLE would not
     * notice.
     */
    private void checkCreatedStorage(Work w, Path file, String nameOnDisk) {
        Path frm = target.dataDir().resolve(databaseDirName(file)).resolve(nameOnDisk + ".frm");
        TableDefinition created;
        try {
            created = FrmReader.read(frm);
        } catch (RecoveryException e) {
            throw RecoveryException.of(ErrorCode.INTERNAL, "cannot read back the definition the server wrote for "
                    + w.source().qualifiedName() + " (" + frm + "): " + e.getMessage()).cause(e).build();
        }
        String difference = Tablespaces.storageDifference(w.source().definition(), created,
                w.facts().rowFormat() == RowFormat.REDUNDANT);
        if (difference != null) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the server created the table otherwise than "
                    + "its file stores it: " + difference + "; it would read the file wrongly").hint("the rows need "
                    + "page-level extraction, which this version does not do; keep the files").build();
        }
    }

    private static String databaseDirName(Path file) {
        return String.valueOf(file.getParent().getFileName());
    }

    private void fail(Work w, StepContext sc, ErrorCode code, String message, String hint, boolean retry) {
        TableSource t = w.source();
        sc.item(new ItemResult(t.qualifiedName(), ItemStatus.FAILED, message + (hint == null ? "" : "; try: " + hint)));
        sc.finding(new Finding(Severity.ERROR, code.name(), t.qualifiedName() + ": " + message,
                t.files().isEmpty() ? null : String.valueOf(t.files().get(0))));
        if (retry) {
            sc.retryOnResume();
        }
        if (!target.mayDrop(t.database(), t.table())) {
            return;
        }
        // a half-made table must not reach a dump or look recovered
        try (Connection c = target.connect()) {
            target.dropOwn(c, t.database(), t.table());
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warn("could not drop the failed table {}: {}", t.qualifiedName(), e.getMessage());
        }
    }

    private static String explain(Exception e) {
        if (e instanceof SQLException s) {
            return switch (s.getErrorCode()) {
                case 1808 -> "the server refused the file: " + s.getMessage();
                case 1034 -> "the file is damaged (" + s.getMessage() + ")";
                default -> "the server said: " + s.getMessage() + " (error " + s.getErrorCode() + ")";
            };
        }
        return e.getMessage();
    }

    private static String hintFor(Exception e) {
        if (e instanceof SQLException s && s.getErrorCode() == 1034) {
            return "a table written just before a crash may have a damaged page 0; keep the file for page-level "
                    + "extraction";
        }
        return null;
    }
}
