package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.workspace.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code buildtsi} strategy: the source is copied into {@code out} without its {@code index/} directories and
 * {@code _series} files (the tool skips a shard that has an index, and a broken one is what is being replaced), the
 * copy is given to the server's user, the engine's own tool ({@link InspectTool}) builds the index as that user, and
 * the ownership is fixed afterwards (a file left to root makes influxd skip the whole shard).
 */
final class BuildTsi {
    /** A rebuild of a large store takes long; the tool is killed only after this. */
    static final Duration TIMEOUT = Duration.ofHours(24);

    private final InspectTool tool;
    private final ProcessRunner runner;
    private final Optional<OsUsers.OsUser> owner;

    BuildTsi(InspectTool tool, ProcessRunner runner, Optional<OsUsers.OsUser> owner) {
        this.tool = tool;
        this.runner = runner;
        this.owner = owner;
    }

    void run(StepContext ctx, SourceData source, Path dataDir, Path walDir, Path metaDir, Path out) {
        OutputFiles files = ctx.workspace().files();
        OutDir.clear(files, out);
        List<String> skipped = new ArrayList<>(OutDir.copy(files, dataDir, out.resolve("data"),
                d -> isIndex(dataDir, d)));
        if (walDir != null) {
            skipped.addAll(OutDir.copy(files, walDir, out.resolve("wal"), d -> false));
        } else {
            files.createDirectories(out.resolve("wal"));
        }
        if (metaDir != null) {
            skipped.addAll(OutDir.copy(files, metaDir, out.resolve("meta"), d -> false));
        }
        for (String s : skipped) {
            ctx.finding(s.endsWith("(rebuilt)") ? Finding.info("NOT_COPIED", "left out of the copy: " + s)
                    : Finding.warning("NOT_COPIED", "left out of the copy: " + s, s));
        }
        owner.ifPresent(u -> OutDir.giveParts(out, u));
        long largestWal = source.shards().stream().mapToLong(SourceData.Shard::walBytes).max().orElse(0);
        List<String> command = tool.command(out.resolve("data"), out.resolve("wal"), largestWal);
        boolean asRoot = owner.isEmpty() && OsUsers.isRoot();
        ProcessResult r = runner.run(ProcessSpec.of(command).cleanEnvironment(true).env("LC_ALL", "C")
                .workingDir(out.resolve("data"))
                .runAsUser(owner.map(OsUsers.OsUser::name).orElse(null)).stdin(tool.answer(asRoot))
                .timeout(TIMEOUT).tailLines(200).logName(tool.program().getFileName().toString()).build());
        Optional<String> failed = InspectTool.failure(r.output());
        if (failed.isPresent()) {
            throw RecoveryException.of(ErrorCode.PROCESS_FAILED, String.join(" ", command) + " did not build the "
                    + "index: " + failed.get()).hint("its output is below; the replay strategy needs no tool")
                    .outputTail(r.tail()).build();
        }
        ctx.tool(new ToolVersion(tool.program().getFileName().toString(), tool.version().name(),
                tool.program().toString(), "system"));
        // the tool as root, or anything it started, may have left files to root
        owner.ifPresent(u -> OutDir.giveParts(out, u));
        if (asRoot) {
            ctx.finding(Finding.warning("BUILT_AS_ROOT", "the index was built as root (no user 'influxdb' here); give "
                    + out + " to the user influxd runs as before starting it", out.toString()));
        }
        for (SourceData.Shard sh : source.shards()) {
            Path shard = out.resolve("data").resolve(sh.database()).resolve(sh.retentionPolicy())
                    .resolve(Long.toString(sh.id()));
            if (!Files.isDirectory(shard.resolve("index"))) {
                ctx.finding(Finding.error("INDEX_NOT_BUILT", tool.program().getFileName() + " made no index/ for "
                        + "shard " + sh.name(), shard.toString()));
            }
        }
    }

    /** {@code <db>/<rp>/<shard>/index} and {@code <db>/_series}: what is rebuilt. */
    static boolean isIndex(Path dataDir, Path dir) {
        Path rel = dataDir.relativize(dir);
        String name = dir.getFileName().toString();
        return rel.getNameCount() == 4 && name.equals("index") || rel.getNameCount() == 2 && name.equals("_series");
    }
}
