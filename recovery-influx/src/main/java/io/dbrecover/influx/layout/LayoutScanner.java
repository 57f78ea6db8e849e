package io.dbrecover.influx.layout;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Severity;
import io.dbrecover.influx.model.DataLayout;
import io.dbrecover.influx.model.IndexKind;
import io.dbrecover.influx.model.ShardFiles;
import io.dbrecover.influx.wal.WalCache;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the databases, retention policies and shards of an InfluxDB data directory and each shard's files.
 *
 * <p>Accepted as the data directory: 1.x's {@code data} directory ({@code <db>/<rp>/<shard>}), the directory holding
 * 1.x's {@code data}, {@code wal} and {@code meta}, 2.x's engine path's parent (holding {@code engine/data}) or
 * {@code engine/data} itself. Without a WAL directory given, the {@code wal} beside {@code data} is taken when it
 * exists, and that assumption is a finding.
 *
 * <p>Nothing is followed that is not what it says: a symbolic link anywhere in the tree is named (with where it
 * points) and not followed, a special file (FIFO, socket, device) is named and not read; both are findings, as are
 * stray files. Directories that cannot be read are findings, not exceptions.
 */
public final class LayoutScanner {
    private final List<Finding> findings = new ArrayList<>();

    private LayoutScanner() {
    }

    /**
     * Scans a data directory.
     *
     * @param dataDir the data directory (see the class comment for which directories are accepted)
     * @param walDir  the WAL directory, or {@code null} to look beside the data directory
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when {@code dataDir} (or a given {@code walDir}) is no
     *                           directory
     */
    public static DataLayout scan(Path dataDir, Path walDir) {
        return new LayoutScanner().run(dataDir, walDir);
    }

    private DataLayout run(Path given, Path walGiven) {
        Path d = given.toAbsolutePath().normalize();
        requireDirectory(d, "dataDir");
        if (walGiven != null) {
            requireDirectory(walGiven.toAbsolutePath().normalize(), "walDir");
        }
        String version;
        Path data;
        Path wal = walGiven == null ? null : walGiven.toAbsolutePath().normalize();
        Path meta = null;
        if (isDirOrLinkToOne(d.resolve("engine").resolve("data"))) {
            version = "2.x";
            data = d.resolve("engine").resolve("data");
            wal = wal != null ? wal : beside(data, "wal");
        } else if (isDirOrLinkToOne(d.resolve("data"))) {
            version = "1.x";
            data = d.resolve("data");
            wal = wal != null ? wal : beside(data, "wal");
            meta = isDirOrLinkToOne(d.resolve("meta")) ? d.resolve("meta") : null;
        } else {
            data = d;
            Path parent = d.getParent();
            boolean engine = d.getFileName() != null && d.getFileName().toString().equals("data") && parent != null
                    && parent.getFileName() != null && parent.getFileName().toString().equals("engine");
            version = engine ? "2.x" : "1.x";
            if (wal == null && d.getFileName() != null && d.getFileName().toString().equals("data")) {
                wal = beside(data, "wal");
            }
            if (!engine && parent != null && isDirOrLinkToOne(parent.resolve("meta"))) {
                meta = parent.resolve("meta");
            }
        }
        Map<String, String> dbOwners = new TreeMap<>();
        Map<String, Path> series = new TreeMap<>();
        Map<String, ShardBuilder> shards = new TreeMap<>();
        walk(data, false, shards, dbOwners, series);
        if (wal != null) {
            walk(wal, true, shards, dbOwners, series);
        }
        List<ShardFiles> out = new ArrayList<>();
        shards.values().stream().sorted(Comparator.comparing((ShardBuilder b) -> b.database)
                .thenComparing(b -> b.rp).thenComparingLong(b -> b.id)).forEach(b -> out.add(b.build(this)));
        return new DataLayout(version, data, wal, meta, out, series, dbOwners, findings);
    }

    private Path beside(Path data, String name) {
        Path parent = data.getParent();
        if (parent != null && isDirOrLinkToOne(parent.resolve(name))) {
            Path w = parent.resolve(name);
            findings.add(Finding.info("WAL_DIR_ASSUMED", "no WAL directory was given: " + w + " beside the data "
                    + "directory is taken as its WAL"));
            return w;
        }
        findings.add(Finding.warning("NO_WAL_DIR", "no WAL directory was given or found beside " + data
                + ": points only in the WAL (not yet compacted into TSM files) are not read", data.toString()));
        return null;
    }

    private void walk(Path root, boolean isWal, Map<String, ShardBuilder> shards, Map<String, String> dbOwners,
                      Map<String, Path> series) {
        for (Entry db : list(root)) {
            if (!db.dir()) {
                stray(db, isWal ? "the WAL directory" : "the data directory");
                continue;
            }
            String dbName = db.name();
            dbOwners.putIfAbsent(dbName, db.owner);
            for (Entry rp : list(db.path)) {
                if (rp.dir() && rp.name().equals("_series") && !isWal) {
                    series.put(dbName, rp.path);
                    continue;
                }
                if (!rp.dir()) {
                    stray(rp, "database " + dbName);
                    continue;
                }
                for (Entry shard : list(rp.path)) {
                    if (!shard.dir() || !shard.name().matches("\\d{1,18}")) {
                        stray(shard, "retention policy " + dbName + "/" + rp.name() + " (a shard is a directory "
                                + "named by its number)");
                        continue;
                    }
                    long id = Long.parseLong(shard.name());
                    ShardBuilder b = shards.computeIfAbsent(dbName + "\u0000" + rp.name() + "\u0000" + id,
                            k -> new ShardBuilder(dbName, rp.name(), id));
                    b.owners.add(shard.owner);
                    if (isWal) {
                        b.walDir = shard.path;
                        walFiles(b, shard.path);
                    } else {
                        b.dataDir = shard.path;
                        dataFiles(b, shard.path);
                    }
                }
            }
        }
    }

    private void dataFiles(ShardBuilder b, Path dir) {
        for (Entry f : list(dir)) {
            String n = f.name();
            if (n.equals("index")) {
                b.indexEntry = f;
                continue;
            }
            if (!f.regular()) {
                stray(f, "shard " + b.id);
                continue;
            }
            b.owners.add(f.owner);
            if (n.endsWith(".tsm")) {
                b.tsm.add(f.path);
            } else if (n.endsWith(".tombstone")) {
                b.tombstones.add(f.path);
            } else if (n.equals("fields.idx")) {
                b.fieldsIndex = f.path;
            } else {
                findings.add(new Finding(Severity.INFO, "STRAY_FILE", f.path + " is no file influxd "
                        + "reads in a shard (e.g. a compaction's leftover .tmp): left alone", f.path.toString()));
            }
        }
    }

    private void walFiles(ShardBuilder b, Path dir) {
        for (Entry f : list(dir)) {
            if (!f.regular()) {
                stray(f, "WAL of shard " + b.id);
                continue;
            }
            b.owners.add(f.owner);
            if (WalCache.isSegmentName(f.name())) {
                b.wal.add(f.path);
            } else {
                findings.add(new Finding(Severity.INFO, "STRAY_FILE", f.path
                        + " is no WAL segment (_NNNNN.wal): left alone", f.path.toString()));
            }
        }
    }

    /** The index kind and what was seen, from the {@code index} entry of a shard directory (or its absence). */
    IndexInfo index(Entry entry) {
        if (entry == null) {
            return new IndexInfo(IndexKind.INMEM, "no index/ directory: influxd builds an in-memory index from the "
                    + "TSM files (inmem shard, or its TSI index was lost)");
        }
        if (entry.link) {
            return new IndexInfo(IndexKind.DAMAGED, "index is a symbolic link (to " + entry.linkTarget
                    + "), not followed");
        }
        if (!entry.dir()) {
            return new IndexInfo(IndexKind.DAMAGED, "index is no directory: influxd fails to open the shard");
        }
        List<Entry> parts = list(entry.path);
        int withManifest = 0;
        List<String> without = new ArrayList<>();
        for (Entry p : parts) {
            if (p.dir() && p.name().matches("\\d+")) {
                if (Files.isRegularFile(p.path.resolve("MANIFEST"), LinkOption.NOFOLLOW_LINKS)) {
                    withManifest++;
                } else {
                    without.add(p.name());
                }
            }
        }
        if (withManifest == 0 && without.isEmpty()) {
            return new IndexInfo(IndexKind.MISSING, "index/ holds no TSI partition");
        }
        if (!without.isEmpty()) {
            return new IndexInfo(withManifest == 0 ? IndexKind.MISSING : IndexKind.DAMAGED, "TSI partitions without "
                    + "their MANIFEST: " + String.join(",", without) + " (" + withManifest + " with one)");
        }
        return new IndexInfo(IndexKind.TSI1, "tsi1, " + withManifest + " partitions");
    }

    record IndexInfo(IndexKind kind, String note) {
    }

    private void stray(Entry e, String where) {
        if (e.link) {
            findings.add(Finding.warning("SYMBOLIC_LINK", e.path + " in " + where + " is a symbolic link to "
                    + e.linkTarget + ": not followed (copy what it points to into the tree to have it read)",
                    e.path.toString()));
        } else if (e.attrs != null && e.attrs.isOther()) {
            findings.add(Finding.warning("SPECIAL_FILE", e.path + " in " + where + " is a special file (FIFO, socket "
                    + "or device): not read", e.path.toString()));
        } else if (e.attrs != null) {
            findings.add(new Finding(Severity.INFO, "STRAY_FILE", e.path + " in " + where
                    + " is not part of InfluxDB's layout: left alone", e.path.toString()));
        }
    }

    private List<Entry> list(Path dir) {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(entry(p));
            }
        } catch (IOException e) {
            findings.add(Finding.error("UNREADABLE_DIRECTORY", dir + " cannot be listed: " + e + " (run as a user "
                    + "who can read the tree)", dir.toString()));
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    private Entry entry(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String target = null;
            if (a.isSymbolicLink()) {
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    target = "(unreadable: " + e.getMessage() + ")";
                }
            }
            return new Entry(p, a, a.isSymbolicLink(), target, a.owner().getName() + ":" + a.group().getName());
        } catch (IOException e) {
            findings.add(Finding.error("UNREADABLE_FILE", p + " cannot be examined: " + e, p.toString()));
            return new Entry(p, null, false, null, "?");
        }
    }

    private static boolean isDir(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether {@code data}, {@code wal}, {@code meta} or {@code engine/data} is a directory. These are followed when
     * they are symbolic links (a data directory moved to a bigger disk and linked back is common), and that is a
     * finding; links below them are never followed.
     */
    private boolean isDirOrLinkToOne(Path p) {
        if (isDir(p)) {
            return true;
        }
        if (Files.isSymbolicLink(p) && Files.isDirectory(p)) {
            String target;
            try {
                target = p.toRealPath().toString();
            } catch (IOException e) {
                target = "(unresolvable: " + e.getMessage() + ")";
            }
            String note = p + " is a symbolic link to " + target + ": followed, as InfluxDB's own " + p.getFileName()
                    + " directory";
            if (findings.stream().noneMatch(f -> f.message().equals(note))) {
                findings.add(new Finding(Severity.INFO, "SYMBOLIC_LINK_FOLLOWED", note, p.toString()));
            }
            return true;
        }
        return false;
    }

    private static void requireDirectory(Path p, String field) {
        if (!Files.isDirectory(p)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, field + " " + p + " is no directory")
                    .path(p).hint("give the InfluxDB data directory (1.x: data, or the directory holding data, wal "
                            + "and meta; 2.x: the directory holding engine/)").build();
        }
    }

    /** A directory entry examined without following links. */
    record Entry(Path path, PosixFileAttributes attrs, boolean link, String linkTarget, String owner) {
        String name() {
            return path.getFileName().toString();
        }

        boolean dir() {
            return attrs != null && attrs.isDirectory();
        }

        boolean regular() {
            return attrs != null && attrs.isRegularFile();
        }
    }

    private static final class ShardBuilder {
        final String database;
        final String rp;
        final long id;
        Path dataDir;
        Path walDir;
        Path fieldsIndex;
        Entry indexEntry;
        final List<Path> tsm = new ArrayList<>();
        final List<Path> tombstones = new ArrayList<>();
        final List<Path> wal = new ArrayList<>();
        final TreeSet<String> owners = new TreeSet<>();

        ShardBuilder(String database, String rp, long id) {
            this.database = database;
            this.rp = rp;
            this.id = id;
        }

        ShardFiles build(LayoutScanner scanner) {
            tsm.sort(TsmOrder.COMPARATOR);
            wal.sort(Comparator.comparingLong(WalCache::number));
            IndexInfo index = dataDir == null
                    ? new IndexInfo(IndexKind.MISSING, "no shard directory: the shard exists only in the WAL")
                    : scanner.index(indexEntry);
            return new ShardFiles(database, rp, id, dataDir, walDir, tsm, tombstones, wal, fieldsIndex, index.kind(),
                    index.note(), List.copyOf(owners));
        }
    }

    /** TSM files in the order influxd reads them: by generation, then sequence ({@code GEN-SEQ.tsm}). */
    static final class TsmOrder {
        static final Comparator<Path> COMPARATOR = Comparator.comparingLong((Path p) -> part(p, 0))
                .thenComparingLong(p -> part(p, 1)).thenComparing(p -> p.getFileName().toString());

        private TsmOrder() {
        }

        static long part(Path p, int which) {
            String n = p.getFileName().toString();
            n = n.substring(0, n.length() - ".tsm".length());
            String[] parts = n.split("-", -1);
            if (parts.length != 2 || !parts[which].matches("\\d{1,18}")) {
                return Long.MAX_VALUE;
            }
            return Long.parseLong(parts[which]);
        }
    }
}
