package io.dbrecover.postgres.backup;

import io.dbrecover.core.workspace.InputFiles;
import io.dbrecover.postgres.manifest.Manifest;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupProblem.Kind;
import io.dbrecover.postgres.model.WalRangeCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WAL a backup needs: every segment of the manifest's WAL ranges, looked for in the backup ({@code pg_wal/} of
 * a plain backup, {@code pg_wal.tar} or {@code base.tar}'s {@code pg_wal/} of a tar backup) and then in a WAL
 * archive directory. Segments met in a tar stream are checked as they pass; files on disk are opened when needed.
 */
final class WalCheck {
    private final List<Manifest.WalRange> ranges;
    private final boolean pages;
    private final Map<String, Found> found = new LinkedHashMap<>();
    private long segmentSize;
    private String pgVersion;
    private Long systemId;

    /** A segment met, where, and what is wrong with it ({@code null} when nothing, or when not checked). */
    private record Found(String where, String damage) {
    }

    WalCheck(List<Manifest.WalRange> ranges, boolean pages) {
        this.ranges = ranges;
        this.pages = pages;
    }

    /** What the page check compares with: the backup's major version and system identifier (either may be null). */
    void cluster(String version, Long sysId) {
        this.pgVersion = version;
        this.systemId = sysId;
    }

    /** The segment size, once known (from a segment's header or size); 16 MiB until then. */
    long segmentSize() {
        return segmentSize == 0 ? WalNames.DEFAULT_SEGMENT_SIZE : segmentSize;
    }

    /**
     * A segment met in a stream (a tar entry), positioned at its first byte; the stream is read only as far as the
     * check needs.
     */
    void met(String name, String where, long size, InputStream in) throws IOException {
        if (found.containsKey(name)) {
            return;
        }
        if (segmentSize == 0 && WalNames.validSegmentSize(size)) {
            segmentSize = size;
        }
        found.put(name, new Found(where, pages ? check(name, size, in) : null));
    }

    private String check(String name, long size, InputStream in) throws IOException {
        long needed = neededBytes(name);
        if (needed <= 0) {
            return null; // not a segment of this backup: not judged
        }
        return WalPageCheck.check(in, size, name, segmentSize(), needed, pgVersion, systemId);
    }

    /** How many bytes from a segment's start the ranges need (0 when none). */
    private long neededBytes(String name) {
        long size = segmentSize();
        int timeline = WalNames.timelineOf(name);
        long start = WalNames.segmentOf(name, size) * size;
        long need = 0;
        for (Manifest.WalRange r : ranges) {
            if (r.timeline() != timeline) {
                continue;
            }
            long from = r.start().value();
            long to = r.end().value();
            // the range overlaps the segment: its pages up to the range's end are needed
            if (Long.compareUnsigned(from, start + size) < 0 && Long.compareUnsigned(to, start) > 0
                    || Long.compareUnsigned(from, start) >= 0 && Long.compareUnsigned(from, start + size) < 0) {
                need = Math.max(need, Math.max(1, Math.min(size, to - start)));
            }
        }
        return need;
    }

    /** Learns the segment size from the first segment file in these directories, if none was met yet. */
    void learnSegmentSize(List<Path> dirs) {
        for (Path dir : dirs) {
            if (segmentSize != 0 || dir == null || !Files.isDirectory(dir)) {
                continue;
            }
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (WalNames.isSegment(p.getFileName().toString()) && Files.isRegularFile(p,
                            LinkOption.NOFOLLOW_LINKS)) {
                        byte[] page = new byte[64];
                        int n;
                        try (FileChannel ch = InputFiles.open(p); InputStream in = Channels.newInputStream(ch)) {
                            n = in.readNBytes(page, 0, page.length);
                        }
                        WalPageCheck.LongHeader h = WalPageCheck.longHeader(page, n);
                        if (h != null && WalNames.validSegmentSize(h.segmentSize())) {
                            segmentSize = h.segmentSize();
                            return;
                        }
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // the directory is searched again below, where an unreadable file is named
            }
        }
    }

    /** Looks for the needed segments not met yet in a directory ({@code pg_wal} of a plain backup, the archive). */
    void searchDirectory(Path dir, String where) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        for (Manifest.WalRange r : ranges) {
            for (String name : WalNames.needed(r.timeline(), r.start(), r.end(), segmentSize())) {
                Path f = dir.resolve(name);
                if (found.containsKey(name) || !Files.isRegularFile(f)) {
                    continue;
                }
                String damage;
                try (FileChannel ch = InputFiles.open(f); InputStream in = Channels.newInputStream(ch)) {
                    damage = pages ? WalPageCheck.check(in, ch.size(), name, segmentSize(), neededBytes(name),
                            pgVersion, systemId) : null;
                    if (!pages && ch.size() != segmentSize()) {
                        damage = "a WAL segment of " + ch.size() + " bytes; segments of this cluster have "
                                + segmentSize();
                    }
                } catch (IOException e) {
                    damage = "cannot be read: " + e.getMessage();
                }
                found.put(name, new Found(where, damage));
            }
        }
    }

    /** Each range with its segments, and the problems: segments missing or damaged. */
    List<WalRangeCheck> finish(List<BackupProblem> problems) {
        List<WalRangeCheck> checks = new ArrayList<>();
        for (Manifest.WalRange r : ranges) {
            List<WalRangeCheck.FoundSegment> present = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String name : WalNames.needed(r.timeline(), r.start(), r.end(), segmentSize())) {
                Found f = found.get(name);
                if (f == null) {
                    missing.add(name);
                    problems.add(new BackupProblem("pg_wal/" + name, Kind.WAL_MISSING, "WAL segment needed by the "
                            + "backup (timeline " + r.timeline() + ", " + r.start() + " to " + r.end()
                            + ") is neither in the backup nor in the WAL archive", name, null));
                    continue;
                }
                present.add(new WalRangeCheck.FoundSegment(name, f.where()));
                if (f.damage() != null) {
                    problems.add(BackupProblem.of("pg_wal/" + name, Kind.WAL_DAMAGED, f.damage() + " (in "
                            + f.where() + ")"));
                }
            }
            checks.add(new WalRangeCheck(r.timeline(), r.start(), r.end(), present, missing));
        }
        return checks;
    }
}
