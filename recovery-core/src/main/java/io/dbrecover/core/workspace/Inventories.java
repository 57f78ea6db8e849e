package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.FileEntry;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.SourceInventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Takes and compares inventories of sources: every regular file with size, mtime and SHA-256. Files are read
 * through a {@link FileChannel} in 1 MiB buffers, several files at once, so memory does not grow with input size.
 */
public final class Inventories {
    private static final int BUFFER = 1 << 20;
    // one buffer per hashing thread, not per file: a data dir has tens of thousands of small files
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));

    private Inventories() {
    }

    /**
     * Inventories a source again after a run. A source that has vanished is not an error here but the worst
     * possible verdict: an inventory without files, so that every file counts as missing.
     */
    public static SourceInventory takeAfter(Path source, ProgressListener progress) {
        Path root = source.toAbsolutePath().normalize();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return new SourceInventory(root.toString(), Instant.now(), List.of());
        }
        return take(source, progress);
    }

    /** Inventories one source (a file or a directory tree; symbolic links are recorded, not followed). */
    public static SourceInventory take(Path source, ProgressListener progress) {
        Path root = source.toAbsolutePath().normalize();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "source does not exist: " + root).path(root)
                    .hint("check the path; dbrecover needs the copied files to be readable").build();
        }
        List<Path> files = listFiles(root);
        long total = 0;
        for (Path f : files) {
            total += sizeOf(f);
        }
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dbrecover-hash");
            t.setDaemon(true);
            return t;
        });
        try (ProgressListener.Task task = progress.begin("hashing " + root.getFileName(), total, "B")) {
            List<Future<FileEntry>> futures = new ArrayList<>(files.size());
            for (Path f : files) {
                futures.add(pool.submit(() -> entry(root, f, task)));
            }
            List<FileEntry> entries = new ArrayList<>(files.size());
            for (Future<FileEntry> fu : futures) {
                entries.add(fu.get());
            }
            entries.sort(Comparator.comparing(FileEntry::path));
            return new SourceInventory(root.toString(), Instant.now(), entries);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RecoveryException re) {
                throw re;
            }
            throw new RecoveryException(ErrorCode.IO_ERROR, "cannot inventory " + root + ": " + c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecoveryException(ErrorCode.INTERNAL, "interrupted while hashing " + root, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Compares the inventories taken before a run with those taken after it, source by source. */
    public static InventoryVerdict compare(List<SourceInventory> before, List<SourceInventory> after) {
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int checked = 0;
        long bytes = 0;
        Map<String, SourceInventory> afterByRoot = new LinkedHashMap<>();
        after.forEach(a -> afterByRoot.put(a.root(), a));
        for (SourceInventory b : before) {
            SourceInventory a = afterByRoot.get(b.root());
            Map<String, FileEntry> now = new LinkedHashMap<>();
            if (a != null) {
                a.files().forEach(f -> now.put(f.path(), f));
                bytes += a.totalBytes();
            }
            TreeSet<String> seen = new TreeSet<>();
            for (FileEntry was : b.files()) {
                String label = label(b.root(), was.path());
                FileEntry is = now.get(was.path());
                seen.add(was.path());
                checked++;
                if (is == null) {
                    missing.add(label);
                } else if (is.size() != was.size() || !is.sha256().equals(was.sha256())
                        || !is.modified().equals(was.modified())) {
                    changed.add(label);
                }
            }
            for (String p : now.keySet()) {
                if (!seen.contains(p)) {
                    added.add(label(b.root(), p));
                }
            }
        }
        boolean unchanged = changed.isEmpty() && missing.isEmpty() && added.isEmpty();
        return new InventoryVerdict(unchanged, checked, bytes, changed, missing, added);
    }

    /** Lowercase hex SHA-256 of a file, read in bounded buffers. */
    public static String sha256(Path file) {
        return sha256(file, ProgressListener.Task.NONE);
    }

    private static String sha256(Path file, ProgressListener.Task task) {
        MessageDigest md = newSha256();
        ByteBuffer buf = BUFFERS.get();
        buf.clear();
        try (FileChannel ch = InputFiles.open(file)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                int n = buf.remaining();
                md.update(buf);
                buf.clear();
                task.advance(n);
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage()).path(file)
                    .hint("check the file's permissions and the disk").cause(e).build();
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static FileEntry entry(Path root, Path file, ProgressListener.Task task) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String rel = root.equals(file) ? file.getFileName().toString()
                : root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (attrs.isSymbolicLink()) {
            // A link is recorded by its target, never followed: following could read outside the source.
            String target = Files.readSymbolicLink(file).toString();
            MessageDigest md = newSha256();
            md.update(("symlink:" + target).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new FileEntry(rel, 0, attrs.lastModifiedTime().toInstant(), HexFormat.of().formatHex(md.digest()));
        }
        String hash = sha256(file, task);
        return new FileEntry(rel, attrs.size(), attrs.lastModifiedTime().toInstant(), hash);
    }

    private static List<Path> listFiles(Path root) {
        List<Path> out = new ArrayList<>();
        try {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                out.add(root);
                return out;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    throw exc;
                }
            });
        } catch (java.nio.file.AccessDeniedException e) {
            throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "cannot read " + e.getFile() + " in source " + root)
                    .path(root).hint("run dbrecover as a user who can read every file of the source (e.g. root)")
                    .cause(e).build();
        } catch (IOException | UncheckedIOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list source " + root + ": " + e.getMessage())
                    .path(root).hint("check the disk and permissions: dbrecover must read every file of a source")
                    .cause(e).build();
        }
        return out;
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String label(String root, String rel) {
        return root + "/" + rel;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
