package io.dbrecover.influx.rebuild;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Planner;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rebuild-index} and {@code restore} as a journaled plan: the assessment (no influxd using the directories,
 * the shards listed by the readers, the strategy chosen and why) under the work-dir lock, then the rebuild by
 * {@link BuildTsi} or {@link Replay} (or, for a restore with nothing missing, a plain copy), then the
 * {@link RebuildProof}; a restore ends with what to point the real server at ({@link ServerLines}).
 */
public final class IndexRebuild {
    /** The journal's plan id. */
    public static final String PLAN = "influx-rebuild";
    static final String ASSESS = "assess";

    private final RebuildInput in;
    private final InfluxServerProvider provider;
    private final ProcessRunner runner;
    private final Map<String, String> env;
    private final SourceData.Factory sources;

    IndexRebuild(RebuildInput in, InfluxServerProvider provider, ProcessRunner runner, Map<String, String> env,
                 SourceData.Factory sources) {
        this.in = in;
        this.provider = provider;
        this.runner = runner;
        this.env = env;
        this.sources = sources;
    }

    /** Runs the rebuild or restore the input describes and returns its report. */
    public static RecoveryReport run(RebuildInput in, InfluxServerProvider provider) {
        return new IndexRebuild(in, provider, new ProcessRunner(), System.getenv(), ReaderData::new).run();
    }

    RecoveryReport run() {
        Path src = in.restore() ? in.from() : in.dataDir();
        if (!Files.isDirectory(src) || in.restore() && !Files.isDirectory(in.dataDir())) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, (in.restore() ? "RestoreRequest.from " + src
                            + " is not an InfluxDB server directory (no data/ in it)"
                            : "RebuildRequest.dataDir " + src + " is not a directory")).path(src)
                    .hint(in.restore() ? "name the directory that holds data/ and wal/ (e.g. /var/lib/influxdb)"
                            : "name the data directory (e.g. /var/lib/influxdb/data)").build();
        }
        Path metaDir = metaDir();
        List<Path> roots = new ArrayList<>();
        if (in.restore()) {
            roots.add(in.from());
        } else {
            roots.add(in.dataDir());
            if (in.walDir() != null) {
                roots.add(in.walDir());
            }
            if (metaDir != null) {
                roots.add(metaDir);
            }
        }
        String field = in.restore() ? "RestoreRequest.into" : "RebuildRequest.out";
        OutDir.check(in.out(), in.runDir(), roots, field);
        Path out = in.out().toAbsolutePath().normalize();
        Planner planner = new Planner(ASSESS, "check that no influxd uses the directories, list the shards with "
                + "the readers and choose the strategy", ctx -> plan(ctx, metaDir, out));
        return RecoveryRun.builder(InfluxServerProvider.ENGINE, in.operation()).sources(roots).workDir(in.runDir())
                .progress(in.progress()).build().execute(planner);
    }

    private Plan plan(StepContext ctx, Path metaDir, Path out) {
        List<Path> dirs = new ArrayList<>(List.of(in.dataDir()));
        Optional.ofNullable(in.walDir()).ifPresent(dirs::add);
        Optional.ofNullable(metaDir).ifPresent(dirs::add);
        new InfluxProcesses().refuseWhileUsed(dirs);
        SourceData source = sources.open(in.dataDir(), in.walDir());
        source.findings().forEach(ctx::finding);
        if (source.shards().isEmpty()) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "no shard in " + in.dataDir() + " (expected "
                    + "<db>/<rp>/<shard id>/ directories)").path(in.dataDir())
                    .hint("name InfluxDB's data directory, e.g. /var/lib/influxdb/data").build();
        }
        Optional<OsUsers.OsUser> owner = owner();
        String choice;
        List<Step> steps = new ArrayList<>();
        boolean missing = metaDir == null || source.shards().stream().anyMatch(s -> !s.hasIndex());
        if (in.restore() && !missing && in.strategy() == RebuildInput.Strategy.AUTO) {
            choice = "copy";
            ctx.finding(Finding.info("NOTHING_TO_REBUILD", "every shard has its index/ and meta.db is there: the "
                    + "directory is copied as it is, and proved"));
            steps.add(new Step("copy", "copy meta/, data/ and wal/ into " + out + " as they are",
                    sc -> copyAsIs(sc, metaDir, out, owner)));
        } else {
            Optional<InspectTool> tool = InspectTool.find(in.inspectTool(), env, runner);
            List<String> walOnly = source.shards().stream().filter(s -> s.dir() == null).map(SourceData.Shard::name)
                    .toList();
            choice = choose(ctx, tool, metaDir, walOnly);
            if (choice.equals("buildtsi")) {
                BuildTsi build = new BuildTsi(tool.orElseThrow(), runner, owner);
                steps.add(new Step("buildtsi", "copy the source into " + out + " without index/ and _series and run "
                        + tool.get().program().getFileName() + " on the copy as the data's owner",
                        sc -> build.run(sc, source, in.dataDir(), in.walDir(), metaDir, out)));
            } else {
                Replay replay = new Replay(provider, in.server());
                steps.add(new Step("replay", "write every point of the files into a fresh influxd (tsi1) in " + out,
                        sc -> replay.run(sc, source, metaDir, out)));
            }
        }
        RebuildProof proof = new RebuildProof(provider, in.server());
        steps.add(new Step("prove", "start influxd on " + out + ": every shard opened with tsi1, and the numbers of "
                + "the files", sc -> proof.run(sc, source, out, in.baseline())));
        if (in.restore()) {
            steps.add(new Step("server-config", "say what to point the real server at",
                    sc -> sc.finding(ServerLines.finding(out, owner))));
        }
        return new Plan(PLAN, choice + " " + in.dataDir() + " " + in.walDir() + " " + metaDir + " " + out, steps);
    }

    private String choose(StepContext ctx, Optional<InspectTool> tool, Path metaDir, List<String> walOnly) {
        String noTool = "no influx_inspect was found (option, $" + InspectTool.ENV + ", PATH; Debian's influxdb "
                + "package does not ship it)";
        String noMeta = "meta.db is missing, and buildtsi indexes shards but cannot recreate the meta store that "
                + "maps them to databases";
        switch (in.strategy()) {
            case REPLAY -> {
                ctx.finding(Finding.info("STRATEGY", "replay, as asked"));
                return "replay";
            }
            case BUILDTSI -> {
                if (tool.isEmpty()) {
                    throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "the buildtsi strategy needs the engine's "
                            + "tool, but " + noTool).hint("name it, or use the replay strategy").build();
                }
                if (metaDir == null) {
                    throw RecoveryException.of(ErrorCode.USAGE, "the buildtsi strategy cannot work here: " + noMeta)
                            .hint("use the replay strategy, which recreates it from the directory tree").build();
                }
                ctx.finding(Finding.info("STRATEGY", "buildtsi with " + tool.get().program() + ", as asked"));
                if (!walOnly.isEmpty()) {
                    ctx.finding(Finding.warning("WAL_ONLY_SHARDS_LOST", walOnly + " exist only in the WAL: influxd "
                            + "opens only the shards under the data directory, so buildtsi cannot bring them back "
                            + "(the proof will miss their points); the replay strategy writes them", null));
                }
                return "buildtsi";
            }
            default -> {
                String why = tool.isEmpty() ? noTool : metaDir == null ? noMeta : !walOnly.isEmpty() ? walOnly
                        + " exist only in the WAL, which influxd does not open without a shard directory" : null;
                ctx.finding(Finding.info("STRATEGY", why == null ? "buildtsi: " + tool.get().program()
                        + " was found and meta.db is there" : "replay: " + why));
                return why == null ? "buildtsi" : "replay";
            }
        }
    }

    private void copyAsIs(StepContext ctx, Path metaDir, Path out, Optional<OsUsers.OsUser> owner) {
        OutDir.clear(ctx.workspace().files(), out);
        List<String> skipped = new ArrayList<>(OutDir.copy(ctx.workspace().files(), in.dataDir(),
                out.resolve("data"), d -> false));
        if (in.walDir() != null) {
            skipped.addAll(OutDir.copy(ctx.workspace().files(), in.walDir(), out.resolve("wal"), d -> false));
        }
        skipped.addAll(OutDir.copy(ctx.workspace().files(), metaDir, out.resolve("meta"), d -> false));
        skipped.forEach(s -> ctx.finding(Finding.warning("NOT_COPIED", "left out of the copy: " + s, s)));
        owner.ifPresent(u -> OutDir.giveParts(out, u));
    }

    /** The meta store's directory: the one named, else {@code meta/} next to the data directory if it has one. */
    private Path metaDir() {
        Path named = in.metaDir();
        Path candidate = named != null ? named : in.dataDir().toAbsolutePath().normalize().getParent() == null ? null
                : in.dataDir().toAbsolutePath().normalize().getParent().resolve("meta");
        if (candidate != null && Files.isRegularFile(candidate.resolve("meta.db"))) {
            return candidate;
        }
        if (named != null) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "RebuildRequest.metaDir " + named + " holds no "
                    + "meta.db").path(named).hint("name the directory holding meta.db, or leave it unset to "
                    + "recreate the meta store from the directory tree").build();
        }
        return null;
    }

    /** The user influxd runs as: the one the options name, else {@code influxdb}, when dbrecover runs as root. */
    private Optional<OsUsers.OsUser> owner() {
        if (!OsUsers.isRoot()) {
            return Optional.empty();
        }
        String name = in.server().runAsUser() != null ? in.server().runAsUser() : InfluxServer.DEFAULT_USER;
        return name.equals("root") ? Optional.empty() : OsUsers.lookup(name);
    }
}
