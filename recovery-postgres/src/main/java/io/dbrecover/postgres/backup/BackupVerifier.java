package io.dbrecover.postgres.backup;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.InputFiles;
import io.dbrecover.postgres.manifest.Manifest;
import io.dbrecover.postgres.manifest.ManifestParser;
import io.dbrecover.postgres.model.BackupFormat;
import io.dbrecover.postgres.model.BackupPosition;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupProblem.Kind;
import io.dbrecover.postgres.model.BackupVerification;
import io.dbrecover.postgres.model.Lsn;
import io.dbrecover.postgres.model.WalRangeCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Verifies a base backup (plain or tar) against its manifest: files, the manifest's own checksum, WAL, position. */
public final class BackupVerifier {
    /** The manifest's name in a backup. */
    public static final String MANIFEST = "backup_manifest";

    private final Path backup;
    private final Path walArchive;
    private final boolean walPages;
    private final int threads;

    public BackupVerifier(Path backup, Path walArchive, boolean walPages, int threads) {
        this.backup = backup.toAbsolutePath().normalize();
        this.walArchive = walArchive == null ? null : walArchive.toAbsolutePath().normalize();
        this.walPages = walPages;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Runs the verification; problems in the backup are in the result, never thrown. */
    public BackupVerification verify() {
        if (!Files.isDirectory(backup)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "backup directory not found: " + backup)
                    .path(backup).hint("name the directory pg_basebackup wrote (it holds backup_manifest)").build();
        }
        if (walArchive != null && !Files.isDirectory(walArchive)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "WAL archive directory not found: " + walArchive)
                    .path(walArchive).hint("name the directory archive_command copies WAL segments into").build();
        }
        Path manifestFile = backup.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "no " + MANIFEST + " in " + backup
                            + ": without it nothing can be checked").path(backup)
                    .hint("backups of PostgreSQL 13 and later have one unless taken with --no-manifest; name the "
                            + "directory that holds it").build();
        }
        List<TarArchives.Archive> archives = archives();
        BackupFormat format = archives.isEmpty() ? BackupFormat.PLAIN : BackupFormat.TAR;
        List<BackupProblem> problems = new ArrayList<>();
        Manifest manifest;
        try {
            manifest = new ManifestParser(manifestFile).parse();
        } catch (RecoveryException e) {
            if (e.code() != ErrorCode.CORRUPT_INPUT && e.code() != ErrorCode.UNSUPPORTED_FORMAT) {
                throw e;
            }
            problems.add(BackupProblem.of(MANIFEST, Kind.MANIFEST, e.getMessage() + "; no file could be checked"));
            return new BackupVerification(backup, format, names(archives), 0, null, null, 0, 0, Map.of(), List.of(),
                    List.of(), WalNames.DEFAULT_SEGMENT_SIZE, false, new BackupPosition(null, null, 0, 0, null, null,
                    null, null), problems);
        }
        if (!manifest.checksumMatches()) {
            problems.add(new BackupProblem(MANIFEST, Kind.MANIFEST, "the manifest's own SHA-256 does not match its "
                    + "content (edited or damaged)", manifest.checksumWritten(), manifest.checksumComputed()));
        }
        ManifestCheck check = new ManifestCheck(manifest);
        ClusterFacts facts = new ClusterFacts();
        WalCheck wal = new WalCheck(manifest.walRanges(), walPages);
        if (format == BackupFormat.PLAIN) {
            new PlainBackupReader(backup, check, facts, threads).read();
            wal.cluster(facts.pgVersion, facts.controlSystemId);
            wal.learnSegmentSize(java.util.Arrays.asList(backup.resolve("pg_wal"), walArchive));
            wal.searchDirectory(backup.resolve("pg_wal"), "pg_wal");
        } else {
            readTars(archives, check, facts, wal);
            wal.learnSegmentSize(java.util.Collections.singletonList(walArchive));
        }
        wal.searchDirectory(walArchive, walArchive == null ? null : walArchive.toString());
        problems.addAll(check.finish());
        Long systemId = manifest.systemIdentifier() != null ? manifest.systemIdentifier() : facts.controlSystemId;
        if (manifest.systemIdentifier() != null && facts.controlSystemId != null
                && !manifest.systemIdentifier().equals(facts.controlSystemId)) {
            problems.add(new BackupProblem("global/pg_control", Kind.SYSTEM_IDENTIFIER, "the manifest is of "
                    + "another cluster than global/pg_control", Long.toUnsignedString(manifest.systemIdentifier()),
                    Long.toUnsignedString(facts.controlSystemId)));
        }
        List<WalRangeCheck> ranges;
        try {
            ranges = wal.finish(problems);
        } catch (IllegalArgumentException e) {
            problems.add(BackupProblem.of(MANIFEST, Kind.MANIFEST, "implausible WAL-Ranges: " + e.getMessage()));
            ranges = List.of();
        }
        return new BackupVerification(backup, format, names(archives), manifest.version(),
                systemId == null ? null : Long.toUnsignedString(systemId), facts.pgVersion, manifest.files().size(),
                check.bytes(), check.algorithms(), facts.tablespaces, ranges, wal.segmentSize(), walPages,
                position(manifest, facts, wal.segmentSize()), problems);
    }

    /**
     * Where the backup starts and ends, from its manifest (and {@code backup_label} of a plain backup) alone, without
     * checking any file.
     */
    public BackupPosition position() {
        Manifest manifest = new ManifestParser(backup.resolve(MANIFEST)).parse();
        ClusterFacts facts = new ClusterFacts();
        Path label = backup.resolve("backup_label");
        if (Files.isRegularFile(label)) {
            facts.label = readHistory(label);
        }
        return position(manifest, facts, WalNames.DEFAULT_SEGMENT_SIZE);
    }

    private void readTars(List<TarArchives.Archive> archives, ManifestCheck check, ClusterFacts facts, WalCheck wal) {
        if (archives.stream().noneMatch(a -> a.kind() == TarArchives.Kind.BASE)) {
            check.problem(BackupProblem.of("base.tar", Kind.MISSING, "a tar backup without base.tar"));
        }
        TarBackupReader reader = new TarBackupReader(check, facts, wal);
        for (TarArchives.Archive a : archives) {
            if (a.kind() == TarArchives.Kind.TABLESPACE) {
                facts.tablespaces.add(a.oid());
            }
            reader.read(a);
        }
        try (Stream<Path> s = Files.list(backup)) {
            s.map(p -> p.getFileName().toString()).sorted()
                    .filter(n -> !n.equals(MANIFEST) && TarArchives.of(Path.of(n)).isEmpty())
                    .forEach(n -> check.problem(BackupProblem.of(n, Kind.EXTRA, "neither a tar file of the backup nor"
                            + " its manifest")));
        } catch (IOException | UncheckedIOException e) {
            check.problem(BackupProblem.of(".", Kind.UNREADABLE, "cannot list " + backup + ": " + e.getMessage()));
        }
    }

    /** The tar files, base first, then tablespaces by OID, then pg_wal; empty for a plain backup. */
    private List<TarArchives.Archive> archives() {
        if (Files.exists(backup.resolve("PG_VERSION")) || Files.isDirectory(backup.resolve("global"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(backup)) {
            return s.filter(Files::isRegularFile).map(TarArchives::of).flatMap(Optional::stream)
                    .sorted(Comparator.comparing((TarArchives.Archive a) -> a.kind().ordinal())
                            .thenComparing(a -> a.oid() == null ? 0 : Long.parseLong(a.oid()))
                            .thenComparing(TarArchives.Archive::name)).toList();
        } catch (IOException | UncheckedIOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list " + backup + ": " + e.getMessage())
                    .path(backup).cause(e).build();
        }
    }

    private static List<String> names(List<TarArchives.Archive> archives) {
        return archives.stream().map(TarArchives.Archive::name).toList();
    }

    private BackupPosition position(Manifest manifest, ClusterFacts facts, long segmentSize) {
        BackupLabel label = facts.label;
        List<Manifest.WalRange> ranges = manifest.walRanges();
        Lsn start = label != null ? label.lsn("START WAL LOCATION") : null;
        int timeline = label != null ? label.timeline("START TIMELINE") : 0;
        if (start == null && !ranges.isEmpty()) {
            start = ranges.get(0).start();
        }
        if (timeline == 0 && !ranges.isEmpty()) {
            timeline = ranges.get(0).timeline();
        }
        Lsn end = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1).end();
        int endTimeline = ranges.isEmpty() ? 0 : ranges.get(ranges.size() - 1).timeline();
        BackupLabel history = null;
        String historyName = null;
        if (walArchive != null && start != null && timeline > 0) {
            historyName = WalNames.name(timeline, WalNames.segment(start, segmentSize), segmentSize) + "."
                    + String.format(Locale.ROOT, "%08X", Long.remainderUnsigned(start.value(), segmentSize))
                    + ".backup";
            history = readHistory(walArchive.resolve(historyName));
            if (history == null) {
                historyName = null;
            }
        }
        if (history != null) {
            end = end != null ? end : history.lsn("STOP WAL LOCATION");
            endTimeline = endTimeline != 0 ? endTimeline : history.timeline("STOP TIMELINE");
        }
        return new BackupPosition(start, end, timeline, endTimeline, label == null ? null : label.time("START TIME"),
                history == null ? null : history.time("STOP TIME"), label == null ? null : label.value("LABEL"),
                historyName);
    }

    private static BackupLabel readHistory(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = InputFiles.open(file); InputStream in = Channels.newInputStream(ch)) {
            return new BackupLabel(new String(in.readNBytes(BackupLabel.MAX_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }
}
