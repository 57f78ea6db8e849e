package io.dbrecover.postgres.backup;

import io.dbrecover.core.workspace.InputFiles;
import io.dbrecover.postgres.manifest.ChecksumAlgorithm;
import io.dbrecover.postgres.manifest.ManifestFile;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupProblem.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain backup (a data directory) read in place: the tree walked without following links except the tablespace
 * links {@code pg_tblspc/<oid>}, then the files hashed on several threads, one pass each through a bounded buffer,
 * and the results compared with the manifest in path order.
 */
final class PlainBackupReader {
    private final Path root;
    private final ManifestCheck check;
    private final ClusterFacts facts;
    private final int threads;
    private final java.util.Set<Path> linkTargets = new java.util.HashSet<>();

    /** A file found. */
    private record Found(String path, Path file, long size) {
    }

    /** What a worker returns: the checksum or why it could not be read. */
    private record Hashed(String hex, byte[] head, String error) {
    }

    PlainBackupReader(Path root, ManifestCheck check, ClusterFacts facts, int threads) {
        this.root = root;
        this.check = check;
        this.facts = facts;
        this.threads = threads;
    }

    void read() {
        linkedTablespaces();
        List<Found> files = new ArrayList<>();
        walk(root, "", files);
        files.sort((a, b) -> a.path().compareTo(b.path()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon());
        try {
            List<Future<Hashed>> results = new ArrayList<>(files.size());
            for (Found f : files) {
                results.add(pool.submit(() -> hash(f)));
            }
            for (int i = 0; i < files.size(); i++) {
                Found f = files.get(i);
                Hashed h = get(results.get(i));
                if (h.error() != null) {
                    check.unreadable(f.path(), h.error());
                    continue;
                }
                facts.take(f.path(), h.head());
                check.met(f.path(), f.size(), h.hex());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The real paths of the tablespace links' targets: a backup taken by {@code postgres backup} keeps its tablespaces
     * inside itself ({@code pg_tblspc_data/<oid>}), read through the links and not a second time where they lie.
     */
    private void linkedTablespaces() {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root.resolve("pg_tblspc"))) {
            for (Path p : s) {
                if (Files.isSymbolicLink(p) && Files.isDirectory(p)) {
                    linkTargets.add(p.toRealPath());
                }
            }
        } catch (IOException e) {
            // no pg_tblspc: no tablespaces; an unreadable one is named by the walk
        }
    }

    private Hashed hash(Found f) {
        ManifestFile entry = check.entry(f.path());
        int head = ClusterFacts.headWanted(f.path());
        if (entry == null || entry.size() != f.size()) {
            return new Hashed(null, head > 0 ? readHead(f.file(), head) : null, null);
        }
        try (FileChannel ch = InputFiles.open(f.file())) {
            byte[] first = head > 0 ? readHead(f.file(), head) : null;
            if (entry.algorithm() == ChecksumAlgorithm.NONE) {
                return new Hashed("", first, null);
            }
            StreamHash.Result r = StreamHash.of(ch, entry.algorithm(), BUFFERS.get());
            if (r.bytes() != f.size()) {
                return new Hashed(null, first, "changed size while being read (" + f.size() + " then " + r.bytes()
                        + " bytes)");
            }
            return new Hashed(r.hex(), first, null);
        } catch (IOException e) {
            return new Hashed(null, null, "cannot be read: " + e.getMessage());
        }
    }

    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(StreamHash.BUFFER));

    private static byte[] readHead(Path file, int n) {
        try (FileChannel ch = InputFiles.open(file); InputStream in = Channels.newInputStream(ch)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            return null;
        }
    }

    private void walk(Path dir, String prefix, List<Found> out) {
        TreeMap<String, Path> children = new TreeMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                children.put(p.getFileName().toString(), p);
            }
        } catch (IOException e) {
            check.problem(BackupProblem.of(prefix.isEmpty() ? "." : prefix, Kind.UNREADABLE,
                    "the directory cannot be listed: " + e.getMessage()));
            return;
        }
        for (var c : children.entrySet()) {
            String rel = prefix + c.getKey();
            Path p = c.getValue();
            if (prefix.isEmpty() && ManifestCheck.NEVER_LISTED.contains(c.getKey())) {
                continue;
            }
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                check.problem(BackupProblem.of(rel, Kind.UNREADABLE, "cannot be read: " + e.getMessage()));
                continue;
            }
            if (a.isSymbolicLink() && prefix.equals("pg_tblspc/") && c.getKey().matches("[0-9]+")) {
                if (Files.isDirectory(p)) {
                    facts.tablespaces.add(c.getKey());
                    walk(p, rel + "/", out);
                } else {
                    check.problem(BackupProblem.of(rel, Kind.UNREADABLE, "the tablespace link leads to no directory"));
                }
            } else if (a.isDirectory()) {
                if (!linkTargets.isEmpty() && linkTargets.contains(realPath(p))) {
                    continue;
                }
                walk(p, rel + "/", out);
            } else if (a.isRegularFile()) {
                out.add(new Found(rel, p, a.size()));
            } else {
                check.problem(BackupProblem.of(rel, Kind.UNSAFE_ENTRY, a.isSymbolicLink()
                        ? "a symbolic link (in a backup only pg_tblspc/<oid> may be one)"
                        : "neither a regular file nor a directory"));
            }
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static Hashed get(Future<Hashed> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            return new Hashed(null, null, "cannot be read: " + e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "verify-backup-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
