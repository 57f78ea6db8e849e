package io.dbrecover.core.workspace;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.SourceInventory;
import io.dbrecover.core.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The place a recovery works: a work dir that belongs to one run at a time, and a set of sources that are never
 * written. Every path dbrecover writes goes through {@link #checkOutput(Path)}; a path inside a source is refused
 * with {@link ErrorCode#SOURCE_WRITE_REFUSED}. The sources are inventoried (SHA-256 of every file) when the
 * workspace is first opened, and compared again by {@link #verifySources(ProgressListener)}.
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
    private final WorkDirLock lock;
    private final List<SourceInventory> before;
    private final boolean resumed;

    private EvidenceWorkspace(List<Path> sources, Path workDir, WorkDirLock lock, List<SourceInventory> before,
                              boolean resumed) {
        this.sources = sources;
        this.workDir = workDir;
        this.lock = lock;
        this.before = before;
        this.resumed = resumed;
    }

    /**
     * Opens (or resumes) a workspace: checks the sources and the work dir, takes the lock, and inventories the
     * sources unless an earlier run in this work dir already did.
     */
    public static EvidenceWorkspace open(List<Path> sources, Path workDir, ProgressListener progress) {
        Objects.requireNonNull(workDir, "workDir");
        List<Path> roots = realSources(sources);
        Path wd = canonical(workDir);
        for (Path s : roots) {
            if (wd.startsWith(s)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED,
                                "the work dir " + wd + " is inside the source " + s + "; dbrecover never writes into a source")
                        .path(wd).hint("choose a work dir outside every source, e.g. on another disk").build();
            }
            if (s.startsWith(wd)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED,
                                "the source " + s + " is inside the work dir " + wd + "; files written there could overwrite it")
                        .path(wd).hint("choose a work dir that does not contain the sources").build();
            }
        }
        try {
            Files.createDirectories(wd);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create the work dir " + wd + ": " + e.getMessage())
                    .path(wd).hint("check permissions and free space").cause(e).build();
        }
        WorkDirLock lock = WorkDirLock.acquire(wd);
        try {
            Path invDir = checkOutsideSources(roots, wd.resolve(INVENTORY_DIR));
            Path beforeFile = checkOutsideSources(roots, invDir.resolve(BEFORE));
            List<SourceInventory> before;
            boolean resumed = Files.exists(beforeFile);
            if (resumed) {
                try {
                    before = Json.read(beforeFile, new TypeReference<List<SourceInventory>>() { });
                } catch (IOException e) {
                    throw RecoveryException.of(ErrorCode.JOURNAL_MISMATCH, "the inventory " + beforeFile
                                    + " of an earlier run is damaged: " + e.getMessage())
                            .path(beforeFile).hint("start over with a new --workdir").cause(e).build();
                }
                List<String> expected = roots.stream().map(Path::toString).toList();
                List<String> found = before.stream().map(SourceInventory::root).toList();
                if (!expected.equals(found)) {
                    throw RecoveryException.of(ErrorCode.JOURNAL_MISMATCH,
                                    "the work dir " + wd + " belongs to a run over other sources " + found)
                            .path(wd).hint("use a new --workdir, or name the same sources as the first run").build();
                }
            } else {
                before = new ArrayList<>();
                for (Path s : roots) {
                    before.add(Inventories.take(s, progress));
                }
                Files.createDirectories(invDir);
                Json.writeAtomically(beforeFile, before);
            }
            return new EvidenceWorkspace(roots, wd, lock, List.copyOf(before), resumed);
        } catch (IOException e) {
            lock.close();
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot write the inventory into " + wd + ": " + e.getMessage())
                    .path(wd).cause(e).build();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
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

    /**
     * Checks that a path may be written: it must not be a source nor lie inside one (links resolved).
     *
     * @return the path, absolute and normalised
     */
    public Path checkOutput(Path path) {
        return checkOutsideSources(sources, path);
    }

    /** The same check as {@link #checkOutput(Path)} for callers that have sources but no workspace. */
    public static Path checkOutsideSources(List<Path> sources, Path path) {
        Path p = canonical(path);
        for (Path s : sources) {
            Path real = canonical(s);
            if (p.startsWith(real)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED,
                                "refusing to write " + p + ": it is inside the source " + real)
                        .path(p).hint("write outputs to the work dir or another place outside the sources").build();
            }
        }
        return p;
    }

    /** A directory under the work dir, created when missing. */
    public Path dir(String relative) {
        Path d = workDir.resolve(relative).normalize();
        if (!d.startsWith(workDir)) {
            throw new RecoveryException(ErrorCode.USAGE, "not a path inside the work dir: " + relative);
        }
        checkOutput(d);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create " + d + ": " + e.getMessage()).path(d)
                    .cause(e).build();
        }
        return d;
    }

    /**
     * Copies a file of a source to a path under the work dir (never the other way). The copy keeps the
     * modification time; the original is only read.
     */
    public Path copyIn(Path sourceFile, String relativeTarget) {
        Path from = canonical(sourceFile);
        if (sources.stream().noneMatch(from::startsWith)) {
            throw new RecoveryException(ErrorCode.USAGE, "not a file of any source: " + from);
        }
        Path to = workDir.resolve(relativeTarget).normalize();
        if (!to.startsWith(workDir)) {
            throw new RecoveryException(ErrorCode.USAGE, "copy target outside the work dir: " + relativeTarget);
        }
        checkOutput(to);
        try {
            Files.createDirectories(to.getParent());
            return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot copy " + from + " to " + to + ": " + e.getMessage())
                    .path(from).hint("check free space in the work dir").cause(e).build();
        }
    }

    /**
     * Copies a file of a source to a place outside the work dir (e.g. into the data directory of a server the user
     * named as the target). The target must not be inside a source and must not exist: nothing is overwritten.
     *
     * @return the copy
     */
    public Path copyOut(Path sourceFile, Path target) {
        Path from = canonical(sourceFile);
        if (sources.stream().noneMatch(from::startsWith)) {
            throw new RecoveryException(ErrorCode.USAGE, "not a file of any source: " + from);
        }
        Path to = checkOutput(target.toAbsolutePath().normalize());
        try {
            return Files.copy(from, to);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "refusing to overwrite " + to).path(to)
                    .hint("it was not made by this recovery; move it away if it is expendable").cause(e).build();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot copy " + from + " to " + to + ": " + e.getMessage())
                    .path(from).hint("check free space and permissions at " + to.getParent()).cause(e).build();
        }
    }

    /**
     * Inventories the sources again, writes that inventory next to the first one and compares the two.
     */
    public InventoryVerdict verifySources(ProgressListener progress) {
        List<SourceInventory> after = new ArrayList<>();
        for (Path s : sources) {
            after.add(Inventories.takeAfter(s, progress));
        }
        try {
            Json.writeAtomically(checkOutput(workDir.resolve(INVENTORY_DIR).resolve(AFTER)), after);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot write the inventory into " + workDir).path(workDir)
                    .cause(e).build();
        }
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
            Path real = canonical(abs);
            if (!out.contains(real)) {
                out.add(real);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The absolute path with every link of its existing part resolved, so that a link cannot smuggle a write
     * into a source.
     */
    static Path canonical(Path path) {
        return canonical(path, 0);
    }

    private static Path canonical(Path path, int depth) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest).normalize();
        } catch (IOException e) {
            // A dangling link: where it points is where a write would land. Fail closed by following it by hand.
            if (depth < 40 && Files.isSymbolicLink(existing)) {
                try {
                    Path target = existing.getParent().resolve(Files.readSymbolicLink(existing));
                    return canonical(rest == null ? target : target.resolve(rest), depth + 1);
                } catch (IOException inner) {
                    throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot resolve the link " + existing)
                            .path(existing).cause(inner).build();
                }
            }
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot resolve " + existing + ": " + e.getMessage())
                    .path(existing).hint("check the path and its links").cause(e).build();
        }
    }
}
