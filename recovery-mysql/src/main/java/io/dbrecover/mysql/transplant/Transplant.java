package io.dbrecover.mysql.transplant;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Planner;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.workspace.EvidenceWorkspace;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.mysql.verify.RowHashLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * The discard/import transplant as a journaled plan: the {@link Assessment} reads the sources under the work-dir
 * lock and the plan is built from what it found: the {@link Target} made ready, the databases created, one step per
 * table ({@link TableImport}, proved by {@link TableProof}), the {@link ForeignKeys}, the {@link DumpProof}. The
 * request is read here once and turned into those parts.
 */
public final class Transplant {
    /** Plan id, in the journal. */
    public static final String PLAN = "mysql-recover";

    private final TransplantInput request;
    private final MariaDbServerProvider provider;
    /** Where the tables go, and what its ready step learnt. */
    private final Target target;
    private final TableImport tables;
    private final ForeignKeys foreignKeys;
    private final DumpProof dumpProof;

    /** Recovers as the request says, with throwaway servers (and the dump's check server) from the provider. */
    public static RecoveryReport recover(TransplantInput request, MariaDbServerProvider provider) {
        return new Transplant(request, provider).run();
    }

    private Transplant(TransplantInput request, MariaDbServerProvider provider) {
        this.request = request;
        this.provider = provider;
        this.target = Target.of(request, provider);
        this.tables = new TableImport(target, new TableProof(request.expected()));
        this.foreignKeys = new ForeignKeys(target);
        this.dumpProof = request.dump() == null ? null : new DumpProof(request.dump(), request.server(), provider,
                target);
    }

    /** Assesses the sources, plans, runs (or only plans, for a dry run) and returns the report. */
    private RecoveryReport run() {
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
                        + w.facts().describe() + ") and prove the rows", sc -> tables.run(w, sc)));
            }
        }
        steps.addAll(target.afterTables());
        steps.add(Step.rerunOnResume("foreign-keys", "add the foreign keys the definitions hold, parents before "
                + "children", sc -> foreignKeys.add(ready, sc)));
        if (request.dump() != null) {
            steps.add(new Step("dump", "dump the recovered databases to " + request.dump() + " with mariadb-dump, load "
                    + "the dump into a fresh server and prove every table hashes the same there",
                    sc -> dumpProof.run(scan.databases(), sc, pageSize)));
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
        sb.append("expected=").append(RowHashLines.format(new TreeMap<>(request.expected())));
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

}
