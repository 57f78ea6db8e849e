package io.dbrecover.core.workspace;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RequestFields;
import io.dbrecover.core.api.SourceInventory;
import io.dbrecover.core.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The place a recovery works: a work dir that belongs to one run at a time, and a set of sources that are never
 * written. Every file dbrecover writes goes through {@link #files()} (see {@link OutputFiles}): a path inside a
 * source, a link or a hard link at a name it writes is refused with {@link ErrorCode#SOURCE_WRITE_REFUSED}. The
 * sources are inventoried (SHA-256 of every file) when the workspace is first opened, before anything in the work
 * dir is opened for writing (the lock included), and compared again by {@link #verifySources(ProgressListener)}.
 *
 * <p>Opening the same work dir again resumes: the inventory taken the first time stays the reference, and the
 * sources must be the same ones.
 */
public final class EvidenceWorkspace implements AutoCloseable {
    static final String INVENTORY_DIR = "inventory";
    static final String BEFORE = "sources-before.json";
    static final String AFTER = "sources-after.json";

    private final List<Path> sources;
    private final Path workDir;
    private final OutputFiles files;
    private final WorkDirLock lock;
    private final List<SourceInventory> before;
    private final boolean resumed;

    private EvidenceWorkspace(OutputFiles files, Path workDir, WorkDirLock lock, List<SourceInventory> before,
                              boolean resumed) {
        this.sources = files.sources();
        this.files = files;
        this.workDir = workDir;
        this.lock = lock;
        this.before = before;
        this.resumed = resumed;
    }

    /**
     * Opens (or resumes) a workspace: checks the sources and the work dir, inventories the sources unless an
     * earlier run in this work dir already did, then takes the lock and writes the inventory.
     */
    public static EvidenceWorkspace open(List<Path> sources, Path workDir, ProgressListener progress) {
        Objects.requireNonNull(workDir, "workDir");
        List<Path> roots = realSources(sources);
        OutputFiles files = OutputFiles.outside(roots);
        Path wd = RealPaths.canonical(workDir);
        for (Path s : roots) {
            if (wd.startsWith(s)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED,
                                "the work dir " + wd + " is inside the source " + s
                                        + "; dbrecover never writes into a source")
                        .path(wd).hint("choose a work dir outside every source, e.g. on another disk").build();
            }
            if (s.startsWith(wd)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED,
                                "the source " + s + " is inside the work dir " + wd
                                        + "; files written there could overwrite it")
                        .path(wd).hint("choose a work dir that does not contain the sources").build();
            }
        }
        files.createDirectories(wd);
        WorkDirLock.requireFree(wd);
        Path invDir = wd.resolve(INVENTORY_DIR);
        Path beforeFile = invDir.resolve(BEFORE);
        if (Files.exists(invDir, LinkOption.NOFOLLOW_LINKS)) {
            // an earlier run's inventory is only ever a plain file in a directory of ours
            files.createDirectories(invDir);
            files.checkWritable(beforeFile);
        }
        // The reference is taken before anything in the work dir is opened for writing: whatever a write did to a
        // source, the comparison at the end sees it.
        List<SourceInventory> fresh = Files.exists(beforeFile, LinkOption.NOFOLLOW_LINKS) ? null
                : inventory(roots, progress);
        WorkDirLock lock = WorkDirLock.acquire(files, wd);
        try {
            // an earlier run may have written it while this one took its inventory
            boolean resumed = Files.exists(beforeFile, LinkOption.NOFOLLOW_LINKS);
            List<SourceInventory> before;
            if (resumed) {
                before = readBefore(beforeFile, roots, wd);
            } else {
                before = fresh != null ? fresh : inventory(roots, progress);
                files.createDirectories(invDir);
                files.write(beforeFile, Json.bytes(before));
            }
            return new EvidenceWorkspace(files, wd, lock, List.copyOf(before), resumed);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static List<SourceInventory> inventory(List<Path> roots, ProgressListener progress) {
        List<SourceInventory> out = new ArrayList<>();
        for (Path s : roots) {
            out.add(Inventories.take(s, progress));
        }
        return out;
    }

    private static List<SourceInventory> readBefore(Path beforeFile, List<Path> roots, Path wd) {
        List<SourceInventory> before;
        try {
            before = Json.read(beforeFile, new TypeReference<List<SourceInventory>>() { });
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.JOURNAL_MISMATCH, "the inventory " + beforeFile
                            + " of an earlier run is damaged: " + e.getMessage())
                    .path(beforeFile).hint("start over with a new " + RequestFields.WORK_DIR).cause(e).build();
        }
        List<String> expected = roots.stream().map(Path::toString).toList();
        List<String> found = before.stream().map(SourceInventory::root).toList();
        if (!expected.equals(found)) {
            throw RecoveryException.of(ErrorCode.JOURNAL_MISMATCH,
                            "the work dir " + wd + " belongs to a run over other sources " + found)
                    .path(wd)
                    .hint("use a new " + RequestFields.WORK_DIR + ", or name the same sources as the first run")
                    .build();
        }
        return before;
    }

    /** The sources as canonical absolute paths. */
    public List<Path> sources() {
        return sources;
    }

    public Path workDir() {
        return workDir;
    }

    /** True when an earlier run had opened this work dir (its inventory is the reference). */
    public boolean resumed() {
        return resumed;
    }

    /** The inventories taken when the work dir was first opened. */
    public List<SourceInventory> inventoryBefore() {
        return before;
    }

    /** The one way to write files in this run: nothing inside a source, nothing through a link. */
    public OutputFiles files() {
        return files;
    }

    /**
     * Checks that a path may be written: it must not be a source nor lie inside one (links resolved).
     *
     * @return the path, absolute, with the links of its directories resolved
     */
    public Path checkOutput(Path path) {
        return files.check(path);
    }

    /** The same check as {@link #checkOutput(Path)} for callers that have sources but no workspace. */
    public static Path checkOutsideSources(List<Path> sources, Path path) {
        return OutputFiles.outside(sources).check(path);
    }

    /**
     * A directory under the work dir, created when missing. None of its names below the work dir may be a link: the
     * work dir holds only what dbrecover made.
     */
    public Path dir(String relative) {
        Path d = inside(relative);
        Path p = workDir;
        for (Path name : workDir.relativize(d)) {
            p = files.createDirectories(p.resolve(name));
        }
        return d;
    }

    /**
     * Copies a file of a source to a path under the work dir (never the other way). The copy keeps the
     * modification time; the original is only read. A plain file at the target (an earlier run's copy) is replaced.
     */
    public Path copyIn(Path sourceFile, String relativeTarget) {
        Path from = sourceFile(sourceFile);
        Path to = inside(relativeTarget);
        dir(workDir.relativize(to.getParent()).toString());
        return files.copyReplacing(from, to);
    }

    /**
     * Copies a file of a source to a place outside the work dir (e.g. into the data directory of a server the user
     * named as the target). The target must not be inside a source and must not exist: nothing is overwritten.
     *
     * @return the copy
     */
    public Path copyOut(Path sourceFile, Path target) {
        return files.copyNew(sourceFile(sourceFile), target);
    }

    private Path sourceFile(Path file) {
        Path from = RealPaths.canonical(file);
        if (sources.stream().noneMatch(from::startsWith)) {
            throw new RecoveryException(ErrorCode.USAGE, "not a file of any source: " + from);
        }
        return from;
    }

    private Path inside(String relative) {
        Path p = workDir.resolve(relative).normalize();
        if (!p.startsWith(workDir)) {
            throw new RecoveryException(ErrorCode.USAGE, "not a path inside the work dir: " + relative);
        }
        return p;
    }

    /**
     * Inventories the sources again, writes that inventory next to the first one and compares the two.
     */
    public InventoryVerdict verifySources(ProgressListener progress) {
        List<SourceInventory> after = new ArrayList<>();
        for (Path s : sources) {
            after.add(Inventories.takeAfter(s, progress));
        }
        files.write(dir(INVENTORY_DIR).resolve(AFTER), Json.bytes(after));
        return Inventories.compare(before, after);
    }

    /** Where the inventory taken before the run is written, relative to the work dir. */
    public static String beforeInventoryFile() {
        return INVENTORY_DIR + "/" + BEFORE;
    }

    @Override
    public void close() {
        lock.close();
    }

    private static List<Path> realSources(List<Path> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new RecoveryException(ErrorCode.USAGE, "a recovery needs at least one source");
        }
        List<Path> out = new ArrayList<>();
        for (Path s : sources) {
            Path abs = s.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "source does not exist: " + abs).path(abs)
                        .hint("check the path you gave").build();
            }
            if (!Files.isReadable(abs)) {
                throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "source is not readable: " + abs).path(abs)
                        .hint("run as a user who can read it, e.g. with sudo").build();
            }
            Path real = RealPaths.canonical(abs);
            if (!out.contains(real)) {
                out.add(real);
            }
        }
        return List.copyOf(out);
    }
}
