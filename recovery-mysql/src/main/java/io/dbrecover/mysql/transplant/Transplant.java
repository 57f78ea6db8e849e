package io.dbrecover.mysql.transplant;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Severity;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Planner;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.verify.FileComparison;
import io.dbrecover.mysql.verify.RowComparison;
import io.dbrecover.mysql.verify.TableHash;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.ibd.LayoutCheck;
import io.dbrecover.mysql.ibd.Tablespaces;
import io.dbrecover.mysql.model.ForeignKey;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discard/import transplant as a journaled plan: orphaned tablespaces go into a throwaway MariaDB whose data
 * directory lives in the work dir (so a second run resumes with the tables the first one finished), one step per
 * table, each proved by CHECK TABLE, row counts and an ordered row hash.
 */
public final class Transplant {
    private static final Logger LOG = LoggerFactory.getLogger(Transplant.class);
    /** Plan id, in the journal. */
    public static final String PLAN = "mysql-recover";
    private static final int IMPORT_ATTEMPTS = 3;

    private final RecoverRequest request;
    private final MariaDbServerProvider provider;
    /** Where the tables go, and what its ready step learnt. */
    private final Target target;
    /** Where a table's time went, for the report (and the benchmark). */
    private static final class Phases {
        long copy;
        long imports;
        long keys;
        long compare;
        long hash;

        String describe() {
            return "copy " + copy / 1_000_000 + " ms, import " + imports / 1_000_000 + " ms, compare "
                    + compare / 1_000_000 + " ms, keys " + keys / 1_000_000 + " ms, hash " + hash / 1_000_000 + " ms";
        }
    }

    public Transplant(RecoverRequest request, MariaDbServerProvider provider) {
        this.request = request;
        this.provider = provider;
        this.target = Target.of(request, provider);
    }

    /** Assesses the sources, plans, runs (or only plans, for a dry run) and returns the report. */
    public RecoveryReport run() {
        if (request.dump() != null) {
            // before the work: a directory, a missing one or a link there is a usage error, not a late failure
            OutputFiles.outside(request.from()).checkWritable(request.dump());
            if (request.ddl() != null) {
                EvidenceWorkspace.checkOutsideSources(List.of(request.ddl()), request.dump());
            }
        }
        // files read through a followed link are inventoried where they are, as a source of their own; which
        // those are is found by listing directories, before anything is read
        List<Path> linked = SourceScan.linkedSources(request.from());
        List<Path> sources = new ArrayList<>(request.from());
        sources.addAll(linked);
        Assessment assessment = new Assessment(request, provider);
        Planner planner = new Planner(Assessment.STEP, Assessment.DESCRIPTION,
                sc -> plan(assessment.run(linked, sc)));
        try (target) {
            return RecoveryRun.builder(MariaDbServerProvider.ENGINE, "recover").sources(sources)
                    .workDir(request.workDir()).dryRun(request.dryRun()).progress(request.progress())
                    .jobs(request.jobs()).build().execute(planner);
        }
    }

    private Plan plan(Assessment.Result assessed) {
        SourceScan.Result scan = assessed.scan();
        List<Work> work = assessed.work();
        int pageSize = assessed.pageSize();
        List<Step> steps = new ArrayList<>();
        steps.add(target.ready(assessed));
        steps.add(new Step("create-databases", target.createDatabasesDescription(),
                sc -> target.createDatabases(scan.databases())));
        List<Work> ready = work.stream().filter(w -> w.problem() == null).toList();
        for (CreateSettings settings : CreateSettings.ALL) {
            List<Work> group = ready.stream().filter(w -> CreateSettings.of(w.facts(), w.source().definition())
                    .equals(settings)).toList();
            if (group.isEmpty()) {
                continue;
            }
            steps.add(Step.rerunOnResume("create-settings-" + settings.id(), "create the next tables with "
                    + settings.describe() + ", as their files were written", sc -> {
                        try (Connection c = target.connect(); Statement st = c.createStatement()) {
                            st.execute(settings.setGlobal());
                        }
                    }));
            for (Work w : group) {
                steps.add(Step.concurrent("table:" + w.source().qualifiedName(), "import "
                        + w.source().files().size() + " tablespace file(s) of " + w.source().qualifiedName() + " ("
                        + w.facts().describe() + ") and prove the rows", sc -> transplant(w, sc)));
            }
        }
        steps.addAll(target.afterTables());
        steps.add(Step.rerunOnResume("foreign-keys", "add the foreign keys the definitions hold, parents before "
                + "children", sc -> foreignKeys(ready, sc)));
        if (request.dump() != null) {
            steps.add(new Step("dump", "dump the recovered databases to " + request.dump() + " with mariadb-dump, load "
                    + "the dump into a fresh server and prove every table hashes the same there",
                    sc -> dump(scan, sc, pageSize)));
        }
        steps.addAll(target.atEnd());
        return new Plan(PLAN, fingerprint(work), steps);
    }

    private String fingerprint(List<Work> work) {
        StringBuilder sb = new StringBuilder();
        sb.append("dump=").append(request.dump()).append('\n');
        sb.append("ddl=").append(request.ddl()).append('\n');
        sb.append("into=").append(request.into() == null ? "-" : request.into().url() + " "
                + request.into().databases()).append('\n');
        // tables a resumed run skips were checked against the first run's expectations only
        sb.append("expected=").append(RowHashes.format(new java.util.TreeMap<>(request.expected())));
        for (Work w : work) {
            sb.append(w.source().qualifiedName()).append(' ').append(w.facts() == null ? "-" : w.facts().describe())
                    .append(' ').append(w.problem()).append('\n');
            if (w.source().definition() != null) {
                sb.append(DdlWriter.createTable(w.source().definition())).append('\n');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void transplant(Work w, StepContext sc) {
        TableSource t = w.source();
        String table = TransplantSql.qualified(t.database(), t.table());
        long t0 = System.nanoTime();
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            // CREATE TABLE statements name the table alone: they go to the table's database
            st.execute("USE " + DdlWriter.id(t.database()));
            Proof proof = new Proof();
            Phases phases = new Phases();
            boolean withCfg = TransplantSql.usesCfg(t);
            if (t.partitioned()) {
                importPartitions(w, c, sc, phases, proof);
            } else if (withCfg) {
                // the exported shape, every key included: the server checks it against the .cfg and imports the
                // secondary indexes too
                target.createOwn(c, t.database(), t.table(), DdlWriter.createTable(TransplantSql.exported(t.definition(),
                        w.facts())));
                checkCreatedStorage(w, t.tablespace(), t.fileBase());
                importInto(c, table, t.database(), t.fileBase(), t.tablespace(), t.cfg(), sc, phases);
                // the rows are compared with the file in the pass that hashes them, in the clustered key's order
                proof.deferred = true;
            } else {
                target.createOwn(c, t.database(), t.table(), DdlWriter.createTable(TransplantSql.importable(t.definition(),
                        w.facts(), t.table())));
                checkCreatedStorage(w, t.tablespace(), t.fileBase());
                importInto(c, table, t.database(), t.fileBase(), t.tablespace(), null, sc, phases);
                if (TransplantSql.clusteredKey(t.definition()) != null) {
                    // compared in the pass that hashes the rows, in the clustered key's order, after the keys
                    proof.deferred = true;
                } else {
                    // rows clustered on the row id come in that order only while the table has no other index
                    compareRows(c, t, t.table(), t.tablespace(), sc, proof);
                }
            }
            long k0 = System.nanoTime();
            if (!withCfg) {
                for (String sql : TransplantSql.restore(table, t.definition())) {
                    st.execute(sql);
                }
            }
            phases.keys = System.nanoTime() - k0;
            prove(w, c, sc, proof, phases, (System.nanoTime() - t0) / 1_000_000);
        } catch (RecoveryException e) {
            fail(w, sc, e.code(), e.getMessage(), e.hint().orElse(null), false);
        } catch (SQLTransientException e) {
            fail(w, sc, ErrorCode.PROCESS_FAILED, "the server gave a transient error: " + e.getMessage(),
                    "run the same command again: this table is retried", true);
        } catch (SQLException | IOException e) {
            fail(w, sc, ErrorCode.PROCESS_FAILED, explain(e), hintFor(e), false);
        }
    }

    private void importPartitions(Work w, Connection c, StepContext sc, Phases phases, Proof proof)
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
                    compareRows(c, t, scratchName, p.file(), sc, proof);
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
        Set<String> files = new java.util.HashSet<>();
        for (TableSource.PartitionFile p : t.partitions()) {
            files.add(p.partition() + "/" + (p.subpartition() == null ? "" : p.subpartition()));
        }
        List<String> missing = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT PARTITION_NAME, SUBPARTITION_NAME FROM "
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
                            + "definition without the missing ones with --ddl").build();
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
                w.facts().rowFormat() == io.dbrecover.mysql.model.RowFormat.REDUNDANT);
        if (difference != null) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "the server created the table otherwise than "
                    + "its file stores it: " + difference + "; it would read the file wrongly").hint("the rows need "
                    + "page-level extraction, which this version does not do; keep the files").build();
        }
    }

    private static String databaseDirName(Path file) {
        return String.valueOf(file.getParent().getFileName());
    }

    private void prove(Work w, Connection c, StepContext sc, Proof proof, Phases phases, long millis)
            throws SQLException {
        TableSource t = w.source();
        String item = t.qualifiedName();
        String table = TransplantSql.qualified(t.database(), t.table());
        boolean ok = !proof.failed;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("CHECK TABLE " + table)) {
            String last = "no answer";
            boolean fine = false;
            while (rs.next()) {
                last = rs.getString("Msg_type") + ": " + rs.getString("Msg_text");
                fine |= "status".equalsIgnoreCase(rs.getString("Msg_type")) && "OK".equals(rs.getString("Msg_text"));
            }
            sc.verification(new Verification(item, "check-table", fine, "status: OK", last));
            ok &= fine;
        }
        LayoutCheck layout = w.layout();
        if (layout != null && layout.checked()) {
            sc.verification(new Verification(item, "definition-fits-file-records", true, "the stored column "
                    + "layout of " + t.definitionSource(), layout.recordsChecked() + " records of the file decoded "
                    + "with it"));
        }
        long count;
        // a system-versioned table's history rows are rows too: they are compared and hashed with the others
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table
                + (t.definition().systemVersioned() ? " FOR SYSTEM_TIME ALL" : ""))) {
            rs.next();
            count = rs.getLong(1);
        }
        long h0 = System.nanoTime();
        RowHash hash = proof.deferred ? compareAndHash(c, t, sc, proof) : null;
        if (hash == null) {
            if (proof.deferred) {
                compareRows(c, t, t.table(), t.tablespace(), sc, proof);
            }
            long h1 = System.nanoTime();
            hash = TableHash.of(c, t.database(), t.table());
            phases.hash = System.nanoTime() - h1;
        } else {
            // one pass: what it took beyond reading and hashing the rows counts as the comparison's
            phases.hash = System.nanoTime() - h0 - proof.comparisonNanos;
        }
        phases.compare = proof.comparisonNanos;
        Verification counted = Verification.equality(item, "row-count-equals-rows-hashed", count, hash.rows());
        sc.verification(counted);
        ok &= counted.passed();
        RowHash known = request.expected().get(item);
        if (known != null) {
            Verification same = Verification.equality(item, "ordered-row-hash-equals-expected", known.rows() + " rows "
                    + known.sha256(), hash.rows() + " rows " + hash.sha256());
            sc.verification(same);
            ok &= same.passed();
        }
        boolean proven = proof.compared && proof.notCompared.isEmpty();
        if (!proven) {
            String why = proof.notCompared.isEmpty() ? "no value could be compared"
                    : proof.notCompared.entrySet().stream().map(e -> "`" + e.getKey() + "` (" + e.getValue() + ")")
                    .collect(java.util.stream.Collectors.joining(", "));
            sc.finding(Finding.warning("VALUES_NOT_COMPARED", item + ": imported, not proven: our reader could not "
                    + "compare the file's values with the server's for " + why + "; the row hash proves what the "
                    + "server reads, not that it reads the file as written", String.valueOf(t.files().get(0))));
        }
        String detail = hash.rows() + " rows, row hash sha256:" + hash.sha256() + "; " + w.facts().describe()
                + "; definition from " + t.definitionSource() + (TransplantSql.usesCfg(t) ? ", imported with its .cfg "
                + "(the server checked the definition against it)" : "") + (proven && ok ? "; every value equal to what "
                + "our reader decodes from the file" : proven ? "" : "; not proven: values not compared") + "; "
                + millis + " ms ("
                + phases.describe() + ")";
        sc.item(new ItemResult(item, !ok ? ItemStatus.VERIFICATION_FAILED : proven ? ItemStatus.VERIFIED
                : ItemStatus.NOT_PROVEN, detail));
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

    /**
     * Adds the foreign keys the definitions hold (from {@code --ddl} or SDI; a {@code .frm} has none), parents
     * before children, with {@code foreign_key_checks=1}: the server then proves every child row has its parent.
     * A key whose parent table is not there (not recovered, or not in the sources) is left out and reported.
     */
    private void foreignKeys(List<Work> ready, StepContext sc) throws SQLException {
        Map<String, Work> byName = new LinkedHashMap<>();
        ready.forEach(w -> byName.put(w.source().qualifiedName(), w));
        List<Work> ordered = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Work w : ready) {
            parentsFirst(w, byName, seen, ordered);
        }
        if (ordered.stream().allMatch(w -> w.source().definition().foreignKeys().isEmpty())) {
            return;
        }
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("SET SESSION foreign_key_checks=1");
            for (Work w : ordered) {
                TableSource t = w.source();
                if (t.definition().foreignKeys().isEmpty() || !target.ours(c, t.database(), t.table())) {
                    continue;
                }
                for (ForeignKey fk : t.definition().foreignKeys()) {
                    String parentDb = fk.referencedSchema().isEmpty() ? t.database() : fk.referencedSchema();
                    String parent = parentDb + "." + fk.referencedTable();
                    if (!target.ours(c, parentDb, fk.referencedTable())) {
                        sc.finding(Finding.warning("FOREIGN_KEY_LEFT_OUT", t.qualifiedName() + ": foreign key "
                                + fk.name() + " is not added, its parent table " + parent + " is not one this "
                                + "recovery brought back", null));
                        continue;
                    }
                    if (constraintExists(c, t.database(), t.table(), fk.name())) {
                        // added by an interrupted run of this recovery, with the same checks
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", true, fk.name()
                                + ": every row has its parent in " + parent, "present, added with "
                                + "foreign_key_checks=1 by an earlier run"));
                        continue;
                    }
                    // the parent is named with its database: an ALTER of another database's table would not find it
                    ForeignKey qualified = new ForeignKey(fk.name(), fk.columns(), parentDb, fk.referencedTable(),
                            fk.referencedColumns(), fk.onUpdate(), fk.onDelete());
                    String sql = "ALTER TABLE " + TransplantSql.qualified(t.database(), t.table()) + " ADD "
                            + DdlWriter.foreignKey(qualified);
                    try {
                        st.execute(sql);
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", true, fk.name()
                                + ": every row has its parent in " + parent, "added with foreign_key_checks=1"));
                    } catch (SQLException ex) {
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", false, fk.name()
                                + ": every row has its parent in " + parent, ex.getMessage()));
                    }
                }
            }
        }
    }

    private static void parentsFirst(Work w, Map<String, Work> byName, Set<String> seen, List<Work> out) {
        if (!seen.add(w.source().qualifiedName())) {
            return;
        }
        for (ForeignKey fk : w.source().definition().foreignKeys()) {
            String parentDb = fk.referencedSchema().isEmpty() ? w.source().database() : fk.referencedSchema();
            Work parent = byName.get(parentDb + "." + fk.referencedTable());
            if (parent != null) {
                parentsFirst(parent, byName, seen, out);
            }
        }
        out.add(w);
    }


    private static boolean constraintExists(Connection c, String database, String table, String name)
            throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema."
                + "REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void dump(SourceScan.Result scan, StepContext sc, int pageSize) throws IOException, SQLException {
        Path dumpFile = sc.workspace().checkOutput(request.dump().toAbsolutePath());
        List<String> databases = scan.databases().stream().map(MySqlDdl.Database::name).toList();
        Path optionDir = sc.workspace().dir(ThrowawayTarget.SERVER_DIR).resolve("client");
        ProcessRunner runner = new ProcessRunner();
        Path checkDir = sc.workspace().dir("dump-check");
        ServerOptions.Builder freshOptions = request.server().toBuilder().baseDir(checkDir).dataDir(null)
                .keepFiles(false).setting("max_allowed_packet", "1G");
        if (pageSize != 16384) {
            // rows that fit the recovered tables' pages must fit the reloaded ones
            freshOptions.setting("innodb_page_size", Integer.toString(pageSize));
        }
        try (MariaDbServer fresh = provider.createServer(freshOptions.build())) {
            fresh.start();
            // the fresh server's installation has the client programs, whichever server holds the tables
            Map<String, List<String>> tables = new LinkedHashMap<>();
            try (Connection recovered = target.connect()) {
                for (String db : databases) {
                    tables.put(db, tablesOf(recovered, db));
                }
            }
            Map<String, Long> written = SqlDump.write(runner, fresh.installation(), target.endpoint(), optionDir, tables,
                    sc.workspace().files(), dumpFile);
            sc.finding(Finding.info("DUMP_WRITTEN", "SQL dump of " + databases + " written to " + dumpFile + " ("
                    + Files.size(dumpFile) + " bytes, " + written.values().stream().mapToLong(Long::longValue).sum()
                    + " rows of " + written.size() + " tables; every value exact: floating point with all its "
                    + "digits, strings as hex)"));
            SqlDump.load(runner, fresh.installation(), fresh.endpoint(), optionDir, dumpFile);
            try (Connection recovered = target.connect(); Connection reloaded = MariaDbServer.connect(fresh.endpoint())) {
                for (Map.Entry<String, List<String>> db : tables.entrySet()) {
                    for (String table : db.getValue()) {
                        String item = db.getKey() + "." + table;
                        RowHash want = TableHash.of(recovered, db.getKey(), table);
                        RowHash got;
                        try {
                            got = TableHash.of(reloaded, db.getKey(), table);
                        } catch (SQLException | RecoveryException e) {
                            sc.verification(new Verification(item, "dump-reloads-identically", false,
                                    want.rows() + " rows " + want.sha256(), "not in the reloaded dump: "
                                    + e.getMessage()));
                            continue;
                        }
                        sc.verification(Verification.equality(item, "dump-reloads-identically",
                                want.rows() + " rows " + want.sha256(), got.rows() + " rows " + got.sha256()));
                    }
                }
            }
        }
    }

    private static List<String> tablesOf(Connection c, String database) throws SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Every row our own page reader decodes from the file, compared value by value and exactly with every row the
     * server returns right after the import (before other keys are added, so that a table clustered on the row id
     * is read in that order): two independent decoders of the same bytes. A column that cannot be compared is
     * named and keeps the table from counting as proven; a difference fails it.
     */
    private static void compareRows(Connection c, TableSource t, String importedAs, Path file, StepContext sc,
                                    Proof proof) {
        String item = t.qualifiedName();
        long t0 = System.nanoTime();
        FileComparison s;
        try {
            s = RowComparison.compare(c, t.database(), importedAs, file, t.definition());
        } catch (RecoveryException e) {
            sc.verification(new Verification(item, "rows-equal-file", false, "every row of " + file.getFileName()
                    + " as our reader decodes it", e.getMessage()));
            proof.failed = true;
            return;
        }
        proof.comparisonNanos += System.nanoTime() - t0;
        record(item, file, s, sc, proof);
    }

    private static void record(String item, Path file, FileComparison s, StepContext sc, Proof proof) {
        s.notCompared().forEach((column, why) -> proof.notCompared.put(column, why));
        proof.compared |= !s.compared().isEmpty();
        if (s.compared().isEmpty() && s.equal()) {
            return;
        }
        sc.verification(new Verification(item, "rows-equal-file", s.equal(), "every row of " + file.getFileName()
                + " as our reader decodes it, in " + s.compared().size() + " column(s)", s.equal() ? s.rows()
                + " rows equal, every value exactly" + (s.notes().isEmpty() ? "" : " (" + String.join(" ", s.notes())
                + ")") : s.firstDifference()));
        proof.failed |= !s.equal();
    }

    /**
     * Compares every row with the file and hashes them in one pass (see {@link RowComparison#compareAndHash}); the
     * comparison's share of the time is the pass's time minus what a plain hash of the rows takes, estimated here as
     * the time our reader spent decoding the file.
     *
     * @return the row hash, or {@code null} when the hash's order is not the file's (then nothing was compared)
     */
    private static RowHash compareAndHash(Connection c, TableSource t, StepContext sc, Proof proof) {
        String item = t.qualifiedName();
        Path file = t.tablespace();
        long t0 = System.nanoTime();
        java.util.Optional<RowComparison.Proof> both;
        try {
            both = RowComparison.compareAndHash(c, t.database(), t.table(), file, t.definition());
        } catch (RecoveryException e) {
            sc.verification(new Verification(item, "rows-equal-file", false, "every row of " + file.getFileName()
                    + " as our reader decodes it", e.getMessage()));
            proof.failed = true;
            return null;
        }
        if (both.isEmpty()) {
            return null;
        }
        FileComparison s = both.get().comparison();
        proof.comparisonNanos += s.fileNanos();
        record(item, file, s, sc, proof);
        return both.get().hash();
    }

    /** What the row comparisons of one table (one per tablespace file) found. */
    private static final class Proof {
        boolean deferred;
        boolean failed;
        boolean compared;
        long comparisonNanos;
        final Map<String, String> notCompared = new LinkedHashMap<>();
    }
}
