package io.dbrecover.postgres.restore;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Planner;
import io.dbrecover.core.plan.Step;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.FreePorts;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.postgres.backup.BackupVerifier;
import io.dbrecover.postgres.model.BackupPosition;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupVerification;
import io.dbrecover.postgres.server.PostgresServerProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code postgres restore} as a journaled plan: the assessment (the backup verified against its manifest, the
 * target checked against its end), the lay-out (extract or copy, tablespaces, {@code tablespace_map}), the recovery
 * settings, the WAL replay on a server of the backup's major version watched to its end, and the JDBC proof.
 */
public final class RestoreRun {
    /** The journal's plan id. */
    public static final String PLAN = "postgres-restore";

    private final RestoreInput in;
    private final PostgresServerProvider provider;
    private final ProcessRunner runner = new ProcessRunner();
    private final Recovery recovery;
    private BackupFiles backupFiles;

    private RestoreRun(RestoreInput in, PostgresServerProvider provider) {
        this.in = in;
        this.provider = provider;
        this.recovery = new Recovery(provider, runner);
    }

    /** Runs the restore; with {@link RestoreInput#keepRunning()} the server is handed over still running. */
    public static Recovery.Outcome run(RestoreInput in, PostgresServerProvider provider) {
        return new RestoreRun(in, provider).run();
    }

    private Recovery.Outcome run() {
        Path backup = in.backup().toAbsolutePath().normalize();
        Path into = in.into().toAbsolutePath().normalize();
        backupFiles = BackupFiles.of(backup);
        List<Path> sources = new ArrayList<>(List.of(backup));
        if (in.walArchive() != null) {
            Path archive = in.walArchive().toAbsolutePath().normalize();
            if (!Files.isDirectory(archive)) {
                throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "RestoreRequest.walArchive " + archive
                        + " is not a directory").path(archive).hint("name the directory archive_command copies "
                        + "WAL segments into").build();
            }
            sources.add(archive);
        }
        Map<String, Path> plainLinks = backupFiles.plain() ? plainTablespaces(backup) : Map.of();
        // a tablespace outside the backup is a source of its own; one inside (pg_basebackup -T into the backup) is
        // read through the backup
        plainLinks.values().stream().filter(t -> !t.startsWith(real(backup))).forEach(sources::add);
        List<Path> outputs = new ArrayList<>(List.of(into));
        outputs.addAll(in.tablespaceMap().values());
        for (Path out : outputs) {
            IntoDir.check(out, sources, out == into ? "RestoreRequest.into" : "RestoreRequest.tablespaceMap");
        }
        Planner planner = new Planner("assess", "verify the backup against its manifest and check the target "
                + "against the backup's end", ctx -> plan(ctx, backup, into, plainLinks));
        RecoveryReport report;
        try {
            report = RecoveryRun.builder(PostgresServerProvider.ENGINE, "restore").sources(sources).workDir(into)
                    .progress(in.progress()).build().execute(planner);
        } catch (RuntimeException e) {
            recovery.stop();
            throw e;
        }
        return recovery.outcome(report, in.keepRunning());
    }

    private Plan plan(StepContext ctx, Path backup, Path into, Map<String, Path> plainLinks) {
        BackupVerification v = new BackupVerifier(backup, in.walArchive(), true, 0).verify();
        ctx.verification(new Verification(backup.toString(), "verify-backup", v.clean(), "no problem",
                v.clean() ? "no problem (" + v.files() + " files, " + v.bytes() + " bytes checked)"
                        : v.problems().size() + " problems"));
        if (!v.clean()) {
            v.problems().stream().limit(50).forEach(p -> ctx.finding(Finding.error("BACKUP_PROBLEM", p.describe(),
                    p.file())));
            BackupProblem first = v.problems().get(0);
            throw RecoveryException.of(ErrorCode.VERIFICATION_FAILED, "the backup " + backup + " failed verification "
                            + "against its manifest (" + v.problems().size() + " problems, the first: "
                            + first.describe() + "); nothing was restored").path(backup)
                    .hint("run `dbrecover postgres verify-backup " + backup + "` for the list; restore another "
                            + "backup").build();
        }
        BackupPosition pos = v.position();
        ctx.finding(Finding.info("BACKUP", "PostgreSQL " + v.pgVersion() + " " + v.format().name().toLowerCase(
                java.util.Locale.ROOT) + " backup" + (pos.label() == null ? "" : " '" + pos.label() + "'")
                + ": start " + pos.start() + (pos.startTime() == null ? "" : " at " + pos.startTime()) + ", end "
                + pos.end() + (pos.stopTime() == null ? "" : " at " + pos.stopTime()) + ", timeline "
                + pos.timeline()));
        TargetCheck.check(ctx, in.target(), pos);
        Path data = into.resolve("data");
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("lay-out", "extract or copy the backup into " + data + " and its tablespaces",
                sc -> layOut(sc, data, into, plainLinks)));
        int port = in.port() != 0 ? in.port() : FreePorts.find();
        steps.add(new Step("recovery-settings", "write the recovery settings (" + in.target().describe()
                + ") into postgresql.auto.conf and recovery.signal", sc -> settings(sc, data, port)));
        steps.add(new Step("replay", "start a server of the backup's major version on " + data + " and watch the "
                + "WAL replay to its end", sc -> recovery.start(sc, data, in.server(), port, in.recoveryTimeout(),
                in.target())));
        steps.add(new Step("prove", "databases, tables and exact row counts through JDBC; amcheck on B-tree indexes",
                recovery::prove));
        return new Plan(PLAN, backup + " " + in.walArchive() + " " + into + " " + in.target().describe() + " "
                + in.exclusive(), steps);
    }

    private void layOut(StepContext ctx, Path data, Path into, Map<String, Path> plainLinks) {
        OutputFiles files = ctx.workspace().files();
        Layout layout = new Layout(files);
        Map<String, Path> dirs = new LinkedHashMap<>();
        if (backupFiles.plain()) {
            layout.copyPlain(backupFiles.dir(), data, java.util.Set.copyOf(plainLinks.values()));
            for (Map.Entry<String, Path> link : plainLinks.entrySet()) {
                Path dest = tablespaceDir(into, link.getKey());
                layout.copyTree(link.getValue(), dest);
                dirs.put(link.getKey(), dest);
            }
        } else {
            Map<String, String> links = layout.extract(backupFiles.base(), data);
            if (backupFiles.wal() != null) {
                layout.extract(backupFiles.wal(), data.resolve("pg_wal"));
            }
            Map<String, String> named = new LinkedHashMap<>(RecoverySettings.readTablespaceMap(data));
            named.putAll(links);
            for (BackupFiles.Tablespace t : backupFiles.tablespaces()) {
                named.putIfAbsent(t.oid(), "?");
            }
            for (String oid : named.keySet()) {
                BackupFiles.Tablespace t = backupFiles.tablespace(oid).orElseThrow(() -> RecoveryException.of(
                        ErrorCode.CORRUPT_INPUT, "the backup names tablespace " + oid + " (at " + named.get(oid)
                                + " on the original) but holds no " + oid + ".tar").path(backupFiles.dir())
                        .hint("the backup is incomplete; restore another one").build());
                Path dest = tablespaceDir(into, oid);
                layout.extract(t.tar(), dest);
                dirs.put(oid, dest);
            }
        }
        RecoverySettings.writeTablespaceMap(files, data, dirs);
        dirs.forEach((oid, dir) -> ctx.finding(Finding.info("TABLESPACE", "tablespace " + oid + " laid out in "
                + dir + " (tablespace_map points at it)")));
        new Ownership(in.server()).give(data, dirs.values());
        ctx.verification(new Verification("*", "lay-out", true, "every file of the backup written",
                layout.files() + " files, " + layout.bytes() + " bytes"));
    }

    private Path tablespaceDir(Path into, String oid) {
        Path mapped = in.tablespaceMap().get(oid);
        return mapped != null ? mapped.toAbsolutePath().normalize() : into.resolve("tablespaces").resolve(oid);
    }

    private void settings(StepContext ctx, Path data, int port) {
        List<String> lines = RecoverySettings.lines(port, in.walArchive() == null ? null
                : in.walArchive().toAbsolutePath().normalize(), in.target(), in.exclusive());
        String standby = RecoverySettings.write(ctx.workspace().files(), data, lines);
        if (standby != null) {
            ctx.finding(Finding.info("STANDBY_SIGNAL_REMOVED", standby));
        }
        ctx.finding(Finding.info("RECOVERY_SETTINGS", "postgresql.auto.conf: " + String.join("; ", lines.subList(1,
                lines.size())) + "; recovery.signal written"));
        new Ownership(in.server()).give(data, List.of());
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    /** The tablespace links of a plain backup, OID to the directory each points at. */
    private static Map<String, Path> plainTablespaces(Path backup) {
        Map<String, Path> out = new LinkedHashMap<>();
        Path dir = backup.resolve("pg_tblspc");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isSymbolicLink(p) && p.getFileName().toString().matches("[1-9][0-9]{0,9}")) {
                    Path to = p.toRealPath();
                    if (!Files.isDirectory(to)) {
                        throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "the tablespace link " + p
                                + " points at " + to + ", which is no directory").path(p)
                                .hint("put the tablespace's directory (pg_basebackup -T) where the link points")
                                .build();
                    }
                    out.put(p.getFileName().toString(), to);
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "cannot follow the tablespace links in " + dir
                    + ": " + e.getMessage()).path(dir).hint("put each tablespace's directory where its link points")
                    .cause(e).build();
        }
        return out;
    }
}
