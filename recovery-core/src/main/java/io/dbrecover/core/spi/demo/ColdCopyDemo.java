package io.dbrecover.core.spi.demo;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerSlot;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.workspace.TreeCopy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link StagedDemo} whose disaster is a stopped server's data directory and whose recovery is the cold copy:
 * the directory is copied into the work dir, a throwaway server starts on the copy, and the engine proves against
 * the proof taken before the disaster that everything came back; the source stays byte-identical. The engine fills
 * in the proof and the comparison, and may add steps before the copy or say more about the copy and the start.
 *
 * @param <S> the engine's server type
 * @param <P> the proof taken before the disaster
 */
public abstract class ColdCopyDemo<S extends ManagedServer, P> extends StagedDemo<S, P> {
    private final Names names;

    /**
     * A step's name and the line that says what it does (logged as the step starts, so the user sees it).
     *
     * @param name        the step's name in the report
     * @param description what the step does
     */
    public record Label(String name, String description) {
        public Label {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * The names a demo's plan and steps carry into its report.
     *
     * @param plan        the plan's id
     * @param fingerprint the options that shape the plan
     * @param copyDir     the copy's directory in the work dir
     * @param copy        the step that copies the data directory
     * @param start       the step that starts a server on the copy
     * @param verify      the step that compares with the proof
     * @param stop        the step that stops the server on the copy
     */
    public record Names(String plan, String fingerprint, String copyDir, Label copy, Label start, Label verify,
                        Label stop) {
        public Names {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(copyDir, "copyDir");
            Objects.requireNonNull(copy, "copy");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(verify, "verify");
            Objects.requireNonNull(stop, "stop");
        }

        /**
         * A database server's demo: {@code copy-data-dir}, {@code start-server}, {@code verify-tables} (row counts
         * and ordered row hashes), {@code stop-server}.
         *
         * @param plan    the plan's id
         * @param copyDir the copy's directory in the work dir
         * @param server  the server's product name, e.g. {@code MariaDB}
         */
        public static Names tables(String plan, String copyDir, String server) {
            return new Names(plan, "", copyDir,
                    new Label("copy-data-dir", "copy the orphaned data directory into the work dir"),
                    new Label("start-server", "start a throwaway " + server + " server on the copy"),
                    new Label("verify-tables", "compare row counts and ordered row hashes with those taken before "
                            + "the disaster"),
                    new Label("stop-server", "stop the throwaway server"));
        }
    }

    protected ColdCopyDemo(String engine, String name, String description, Names names) {
        super(engine, name, description);
        this.names = Objects.requireNonNull(names, "names");
    }

    /** Compares the server started on the copy with the proof, recording items and verifications. */
    protected abstract void verify(S server, P proof, StepContext sc) throws Exception;

    /** The program the server runs, for the report's tools. */
    protected abstract ToolVersion tool(S server);

    /** Steps before the copy, e.g. one that reads the disaster's files without a server. */
    protected List<Step> before(Path disaster, P proof) {
        return List.of();
    }

    /**
     * Copies the disaster into the work dir: links are refused with {@link #linkAdvice()} by default, and the copy is
     * reported as {@code DATA_DIR_COPIED}.
     */
    protected void copy(StepContext sc, Path disaster, String copyDir) {
        TreeCopy.Result r = TreeCopy.copy(sc.workspace(), disaster, copyDir, TreeCopy.Links.REFUSE, linkAdvice(), null,
                sc.progress());
        sc.finding(Finding.info("DATA_DIR_COPIED", "copied " + r.files() + " files (" + r.bytes() + " bytes) into "
                + r.target()));
    }

    /** What to do about a link in the disaster, which the default copy refuses. */
    protected String linkAdvice() {
        return "in a copy of the data directory, replace the link by what it points to, and recover from that copy";
    }

    /** The server on the copy is ready: record its program (and whatever else the engine knows by now). */
    protected void started(StepContext sc, S server) {
        sc.tool(tool(server));
    }

    @Override
    protected final RecoveryReport recover(DemoContext context, Path disaster, P proof) {
        try (ServerSlot<S> holder = new ServerSlot<>()) {
            List<Step> steps = new ArrayList<>(before(disaster, proof));
            steps.add(new Step(names.copy().name(), names.copy().description(),
                    sc -> copy(sc, disaster, names.copyDir())));
            steps.add(Step.rerunOnResume(names.start().name(), names.start().description(), sc -> {
                S server = server(derive(context.serverOptions(), context.baseDir().resolve("servers"),
                        sc.workDir().resolve(names.copyDir())));
                holder.set(server);
                server.start();
                started(sc, server);
            }));
            steps.add(new Step(names.verify().name(), names.verify().description(),
                    sc -> verify(holder.running(), proof, sc)));
            steps.add(new Step(names.stop().name(), names.stop().description(), sc -> holder.running().stop()));
            return RecoveryRun.builder(engine(), "demo").source(disaster).workDir(context.baseDir().resolve("work"))
                    .progress(context.progress()).build().execute(new Plan(names.plan(), names.fingerprint(), steps));
        }
    }
}
