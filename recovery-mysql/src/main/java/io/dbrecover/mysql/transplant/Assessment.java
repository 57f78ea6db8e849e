package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Severity;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ibd.LayoutCheck;
import io.dbrecover.mysql.ibd.TablespaceInfo;
import io.dbrecover.mysql.ibd.Tablespaces;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.sqlfile.DdlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The first step of a recovery, run under the work-dir lock after the "before" inventory: scans the sources, reads
 * the definitions ({@code .frm}, SDI, {@code --ddl}), inspects the {@code --into} server, reads page 0 and decodes
 * the first records of every tablespace to check its definition, and decides, table by table, what can be
 * transplanted and why not. Reads only; what it finds is recorded in the step's results.
 */
final class Assessment {
    /** The step's name, in the report and the journal. */
    static final String STEP = "scan";
    static final String DESCRIPTION = "read the definitions (.frm) and the page-0 flags of every tablespace";
    /** Records of each tablespace decoded to check its definition before anything is imported. */
    private static final int LAYOUT_RECORDS = 500;

    /**
     * What the assessment found.
     *
     * @param scan     the tables and databases of the sources
     * @param work     every table, with its file's facts or the reason it cannot go
     * @param pageSize the page size of the server that takes the tables
     * @param into     what the {@code --into} server said about itself, or {@code null} for a throwaway server
     */
    record Result(SourceScan.Result scan, List<Work> work, int pageSize, IntoFacts into) {
        Result {
            work = List.copyOf(work);
        }

        /** The tables that can be transplanted. */
        List<Work> ready() {
            return work.stream().filter(w -> w.problem() == null).toList();
        }
    }

    private final TransplantInput request;
    private final MariaDbServerProvider provider;

    Assessment(TransplantInput request, MariaDbServerProvider provider) {
        this.request = request;
        this.provider = provider;
    }

    /**
     * Assesses the sources and records what it found in the step's results.
     *
     * @param inventoried where followed links lead, as inventoried before the run: a scan that reads through
     *                    another one (a link changed meanwhile) is refused
     */
    Result run(List<Path> inventoried, StepContext sc) {
        IntoFacts into = null;
        if (request.into() != null) {
            into = IntoFacts.inspect(request.into());
            // the files are copied into its data directory, which the server owns whole: no source may be in it,
            // nor it in a source
            EvidenceWorkspace.checkOutsideSources(request.from(), into.dataDir());
            for (Path source : request.from()) {
                try {
                    EvidenceWorkspace.checkOutsideSources(List.of(into.dataDir()), source);
                } catch (RecoveryException e) {
                    throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "the source " + source + " lies in the "
                            + "data directory of the RecoverRequest.into server (" + into.dataDir() + "), where the "
                            + "server may write").path(source).hint("copy the orphaned files out of the server's data "
                            + "directory (e.g. to /srv/orphans) and recover from there").build();
                }
            }
        }
        SourceScan.Result scan = SourceScan.scan(request.from(), request.tables());
        List<Path> unlisted = scan.linkedSources().stream().filter(l -> !inventoried.contains(l)).toList();
        if (!unlisted.isEmpty()) {
            throw RecoveryException.of(ErrorCode.SOURCE_CHANGED, "symbolic links in the sources lead to " + unlisted
                    + ", which they did not lead to when the sources were inventoried").hint("run again once the "
                    + "sources are left alone").build();
        }
        List<Finding> ddlFindings = new ArrayList<>();
        DdlFile.Result ddl = request.ddl() == null ? null : readDdl();
        List<Work> work = new ArrayList<>();
        for (TableSource t : scan.tables()) {
            work.add(assess(ddl == null ? t : withDdl(t, ddl, ddlFindings)));
        }
        if (ddl != null) {
            ddlFindings.addAll(ddlNotes(ddl, scan));
        }
        int pageSize = into != null ? into.pageSize() : commonPageSize(work);
        IntoFacts facts = into;
        work = work.stream().map(w -> fitTarget(w, pageSize, facts)).toList();
        scan.findings().forEach(sc::finding);
        ddlFindings.forEach(sc::finding);
        record(work, sc);
        return new Result(scan, work, pageSize, into);
    }

    /** Names every table that cannot go, and what the others' files and definitions leave out. */
    private static void record(List<Work> work, StepContext sc) {
        for (Work w : work) {
            if (w.problem() != null) {
                sc.item(new ItemResult(w.source().qualifiedName(), ItemStatus.FAILED, w.problem()
                        + (w.hint() == null ? "" : "; try: " + w.hint())));
                sc.finding(new Finding(Severity.ERROR, w.problemCode().name(), w.source().qualifiedName() + ": "
                        + w.problem(), w.source().files().isEmpty() ? null : String.valueOf(w.source().files()
                                .get(0))));
            }
        }
        for (Work w : work) {
            TableSource t = w.source();
            if (w.problem() == null && t.cfg() != null && !TransplantSql.usesCfg(t)) {
                sc.finding(new Finding(Severity.INFO, "CFG_NOT_USED", t.qualifiedName() + ": "
                        + t.cfg().getFileName() + " is not used (" + (t.partitioned() ? "a partitioned table"
                        : TransplantSql.clusteredKey(t.definition()) == null ? "rows clustered on the row id"
                        : "a FULLTEXT key") + "): imported like a table without one, checked by our own reader",
                        String.valueOf(t.cfg())));
            }
        }
        if (work.stream().anyMatch(w -> w.problem() == null && w.source().definitionSource() != null
                && w.source().definitionSource().endsWith(".frm"))) {
            sc.finding(Finding.warning("FOREIGN_KEYS_NOT_IN_FRM", "definitions read from .frm files hold no "
                    + "foreign keys (they lived in the lost InnoDB dictionary): the recovered tables have none; "
                    + "add them from the application's schema, or pass it with RecoverRequest.ddl", null));
        }
    }

    static Work assess(TableSource t) {
        if (t.definition() == null) {
            return new Work(t, null, "no table definition: " + t.definitionProblem(), ErrorCode.UNSUPPORTED_FORMAT,
                    "give the CREATE TABLE statement with RecoverRequest.ddl FILE (e.g. from an old mysqldump)", null);
        }
        if (t.files().isEmpty()) {
            String engine = t.definition().options().engine();
            return new Work(t, null, "no tablespace file (" + t.fileBase() + ".ibd): the table's engine is "
                    + engine, ErrorCode.UNSUPPORTED_FORMAT, SourceScan.withoutTablespaceHint(engine), null);
        }
        String unsupported = CreateSettings.unsupported(t.definition());
        if (unsupported != null) {
            return new Work(t, null, unsupported, ErrorCode.UNSUPPORTED_FORMAT, "the rows need page-level extraction, "
                    + "which this version does not do; keep the files", null);
        }
        FileFacts facts = null;
        LayoutCheck layout = null;
        try {
            for (Path f : t.files()) {
                // MySQL 8 and encrypted files are told apart before any record is decoded
                TablespaceInfo info = Tablespaces.inspect(f);
                LayoutCheck lc = info.mysql8() || info.encrypted() ? null
                        : Tablespaces.checkLayout(f, t.definition(), LAYOUT_RECORDS);
                if (lc != null && !lc.matches()) {
                    return new Work(t, null, "the definition from " + t.definitionSource() + " does not fit the "
                            + "records in " + f.getFileName() + ": " + lc.mismatch(), ErrorCode.VERIFICATION_FAILED,
                            (t.definitionSource().startsWith("RecoverRequest.ddl")
                                    ? "correct the table's CREATE TABLE in the RecoverRequest.ddl file"
                                    : "give the table's real CREATE TABLE with RecoverRequest.ddl FILE")
                                    + "; importing with this definition would return wrong data", null);
                }
                FileFacts ff = FileFacts.of(info, t.definition().options().rowFormat(),
                        lc == null ? null : lc.storedRowFormat());
                if (facts != null && !facts.describe().equals(ff.describe())) {
                    return new Work(t, null, "its partitions differ in format (" + facts.describe() + " vs "
                            + ff.describe() + ")", ErrorCode.UNSUPPORTED_FORMAT, "import the partitions one by one",
                            null);
                }
                facts = ff;
                layout = layout == null ? lc : layout;
            }
        } catch (RecoveryException e) {
            return new Work(t, null, e.getMessage(), e.code(), e.hint().orElse(null), null);
        }
        if (facts.mysql8()) {
            return new Work(t, facts, "a MySQL 8 tablespace (" + facts.describe() + "), which MariaDB cannot import",
                    ErrorCode.UNSUPPORTED_FORMAT, "its CREATE TABLE comes from `dbrecover mysql ddl`; the data needs a "
                    + "MySQL 8 server (IMPORT TABLESPACE there)", null);
        }
        return new Work(t, facts, null, null, null, layout);
    }

    /** The page size most tables have: one server holds one page size. */
    static int commonPageSize(List<Work> work) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (Work w : work) {
            if (w.problem() == null) {
                counts.merge(w.facts().pageSize(), 1L, Long::sum);
            }
        }
        int best = 16384;
        long most = counts.getOrDefault(best, 0L);
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /** Refuses, before anything runs, what the target cannot take: another page size, an unconfirmed database. */
    private Work fitTarget(Work w, int pageSize, IntoFacts intoFacts) {
        if (w.problem() != null) {
            return w;
        }
        TableSource t = w.source();
        if (request.into() != null && !request.into().allows(t.database())) {
            return new Work(t, w.facts(), "database " + t.database() + " of the RecoverRequest.into server is not "
                    + "confirmed", ErrorCode.USAGE, "name it with IntoServer.databases " + t.database()
                    + " to let recover create its tables there", null);
        }
        if (request.into() != null && intoFacts != null && intoFacts.lowerCaseTableNames() != 0
                && !(t.database() + t.fileBase()).equals((t.database() + t.fileBase()).toLowerCase(Locale.ROOT))) {
            return new Work(t, w.facts(), "the RecoverRequest.into server has lower_case_table_names="
                    + intoFacts.lowerCaseTableNames() + " and the table's name has upper-case letters: its file "
                    + "would not be where the server looks", ErrorCode.UNSUPPORTED_FORMAT,
                    "recover it into a throwaway server (without RecoverRequest.into) and load the "
                    + "RecoverRequest.dump", null);
        }
        if (w.facts().pageSize() != pageSize) {
            return new Work(t, w.facts(), "its innodb_page_size is " + w.facts().pageSize() / 1024 + "K and the "
                    + (request.into() != null ? "RecoverRequest.into server's" : "other tables'") + " is "
                    + pageSize / 1024 + "K: one server holds one page size", ErrorCode.UNSUPPORTED_FORMAT,
                    request.into() != null
                    ? "recover it into a throwaway server (without RecoverRequest.into)"
                    : "run again with RecoverRequest.tables " + t.qualifiedName() + " and another "
                    + "RecoverRequest.workDir", null);
        }
        return w;
    }

    /**
     * Runs the {@code --ddl} file's table statements in a short-lived throwaway server and reads the definitions
     * back (the server parses the SQL; its {@code .frm} files give our model).
     */
    private DdlFile.Result readDdl() {
        Path scratch = null;
        try {
            Path base = request.server().baseDir();
            scratch = base == null ? Files.createTempDirectory("dbrecover-ddl-")
                    : Files.createTempDirectory(Files.createDirectories(base), "dbrecover-ddl-");
            return DdlFile.read(request.ddl(), provider, request.server(), scratch);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot make a scratch directory for reading "
                    + "RecoverRequest.ddl: "
                    + e.getMessage()).cause(e).build();
        } finally {
            if (scratch != null) {
                TempDirs.deleteQuietly(scratch);
            }
        }
    }

    /**
     * The table with its definition from {@code --ddl} where the file has one (it wins over a {@code .frm}: it is
     * given because the {@code .frm} files are missing or wrong); a statement of the file that failed for the table
     * is reported, and the {@code .frm} is used where there is one.
     */
    static TableSource withDdl(TableSource t, DdlFile.Result ddl, List<Finding> findings) {
        Optional<DdlFile.Entry> entry = ddl.lookup(t.database(), t.table());
        String label = "RecoverRequest.ddl " + ddl.file().getFileName();
        if (entry.isPresent()) {
            TableDefinition d = entry.get().definition();
            if (t.definition() != null && t.definitionSource() != null && !DdlWriter.createTable(d)
                    .equals(DdlWriter.createTable(t.definition()))) {
                findings.add(Finding.info("DDL_OVERRIDES_FRM", t.qualifiedName() + ": the definition of "
                        + entry.get().origin() + " is used, not the different one of " + t.definitionSource()));
            }
            return t.withDefinition(d, "RecoverRequest.ddl " + entry.get().origin());
        }
        List<DdlFile.Problem> failed = ddl.problems().stream().filter(p -> t.table().equals(p.table())
                && (p.database() == null || p.database().equals(t.database())
                || p.database().equals(DdlFile.DEFAULT_DATABASE))).toList();
        if (failed.isEmpty()) {
            return t;
        }
        DdlFile.Problem p = failed.get(0);
        String why = label + (p.line() > 0 ? " line " + p.line() : "") + ": " + p.message();
        if (t.definition() != null) {
            findings.add(new Finding(Severity.WARNING, "DDL_STATEMENT_FAILED", t.qualifiedName() + ": its statement "
                    + "in " + why + "; the definition of " + t.definitionSource() + " is used", null));
            return t;
        }
        return new TableSource(t.database(), t.table(), t.fileBase(), t.databaseDir(), null, null,
                "its CREATE TABLE in " + why, t.tablespace(), t.partitions(), t.cfg());
    }

    private static List<Finding> ddlNotes(DdlFile.Result ddl, SourceScan.Result scan) {
        List<Finding> out = new ArrayList<>();
        String label = "RecoverRequest.ddl " + ddl.file().getFileName();
        for (String note : ddl.notes()) {
            out.add(Finding.info("DDL_NOTE", label + ": " + note));
        }
        List<String> unused = new ArrayList<>();
        for (DdlFile.Entry e : ddl.tables()) {
            boolean used = scan.tables().stream().anyMatch(t -> t.table().equals(e.definition().name())
                    && (e.database().equals(t.database()) || e.database().equals(DdlFile.DEFAULT_DATABASE)));
            if (!used) {
                unused.add(e.database().equals(DdlFile.DEFAULT_DATABASE) ? e.definition().name()
                        : e.database() + "." + e.definition().name());
            }
        }
        if (!unused.isEmpty()) {
            out.add(Finding.info("DDL_TABLES_WITHOUT_FILES", label + " defines " + unused.size() + " table(s) with no "
                    + "tablespace among the sources: " + String.join(", ", unused.subList(0, Math.min(20,
                    unused.size()))) + (unused.size() > 20 ? ", …" : "")));
        }
        return out;
    }
}
